import FigwatchCore
import Foundation
import GRDB
import Testing

@testable import FigwatchStore

@Suite("Store schema and migrations")
struct MigrationTests {
    static let tables = [
        "alert_history", "alert_state", "figure_codes", "followed_links", "observations", "pages",
        "sightings", "silences", "sources", "sqlite_sequence", "store_settings", "webhook_outbox",
    ]

    @Test("a new store has every table, WAL, incremental auto-vacuum and the current user_version")
    func createsFromEmpty() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("new.sqlite").path
            let store = try SQLiteStore(path: path)
            let names = try await store.read("list tables") { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
            }
            #expect(names == Self.tables)
            let (mode, version) = try await store.read("pragmas") { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA user_version"))
            }
            #expect(mode == "wal")
            #expect(version == SQLiteStore.schemaVersion)
            #expect(try await store.fileStatistics().incrementalVacuum)
        }
    }

    @Test("the writer caches 2 MiB, the daemon's readers 512 KiB, a read-only open 16 MiB, and only it maps the file")
    func connectionSettings() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("settings.sqlite").path
            @Sendable func settings(_ db: Database) throws -> [Int] {
                [try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0, try Int.fetchOne(db, sql: "PRAGMA mmap_size") ?? 0]
            }
            do {
                let store = try SQLiteStore(path: path)
                #expect(try await store.write("pragmas", settings) == [-2048, 0])
                #expect(try await store.read("pragmas", settings) == [-512, 0])
            }
            let cli = try SQLiteStore(path: path, access: .readOnly)
            #expect(try await cli.read("pragmas", settings) == [-16384, 268_435_456])
        }
    }

    @Test("a store at each earlier version is upgraded and keeps its data", arguments: [
        "v1-pages-observations", "v2-sources-followed-links", "v3-alerts-outbox", "v4-sightings", "v5-sightings-only",
        "v6-observations-by-series",
    ])
    func upgradesFromEarlierVersion(_ lastApplied: String) async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("old.sqlite").path
            do {
                // An older figwatch: only the migrations up to `lastApplied`, and a page written then.
                let old = try DatabasePool(path: path)
                try SQLiteStore.migrator.migrate(old, upTo: lastApplied)
                try await old.write { db in
                    // Until v6 no currency was NULL; from v6 it is '' (a key column).
                    try db.execute(sql: """
                        INSERT INTO pages (id, url, host, content_hash, fetched_at) VALUES (1, 'https://a.example/x', 'a.example', 'h', 0);
                        INSERT INTO observations (id, entity, metric, kind, value, value_key, currency, bound, sentence,
                            "offset", page_id, time, day, observed_at) VALUES (1, 'anthropic', 'valuation', 'level',
                            '183000000000', '3511183', \(lastApplied.hasPrefix("v6") ? "''" : "NULL"), 'exact', 's', 0, 1, 5, 0, 5);
                        """)
                    // Until v5 a page reporting a figure was a row of observation_sources; from v5 of sightings;
                    // from v6 a figure's first page is the observation's own, numbered by the sightings' sequence.
                    if lastApplied == "v6-observations-by-series" {
                        try db.execute(sql: "UPDATE sqlite_sequence SET seq = 1 WHERE name = 'sightings'")
                    } else if lastApplied == "v5-sightings-only" {
                        try db.execute(sql: "INSERT INTO sightings (observation_id, page_id, host) VALUES (1, 1, 'a.example')")
                    } else {
                        try db.execute(sql: "INSERT INTO observation_sources VALUES (1, 1, 'a.example')")
                    }
                }
                try old.close()
            }
            let store = try SQLiteStore(path: path)
            let applied = try await store.read("migrations") { db in try SQLiteStore.migrator.appliedMigrations(db) }
            #expect(applied == ["v1-pages-observations", "v2-sources-followed-links", "v3-alerts-outbox", "v4-sightings",
                                "v5-sightings-only", "v6-observations-by-series", "v7-coded-figure-fields",
                                "v8-figure-status", "v9-outbox-notifier", "v10-silences", "v11-outbox-groups"])
            // Sightings recorded before v4 are numbered by the upgrade; the old first sighting stays a
            // row (v6) and is read once.
            #expect(try await store.sightings(after: 0, limit: 10).map(\.host) == ["a.example"])
            // ... and from v5 they are the observation's only sources.
            #expect(try await store.sourceHosts(observationID: 1) == ["a.example"])
            let points = try await store.series(entity: "anthropic", metric: .valuation, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.map(\.value) == [ExactDecimal("183000000000")!])
            // No currency was stored as NULL before v6 and as '' after; it reads back as none.
            #expect(points.map(\.currency) == [nil])
            // The tables of the later migrations work.
            try await store.updateSourceState(SourceState(id: "s", url: "https://a.example/"))
            #expect(try await store.sources().map(\.id) == ["s"])
            try await store.recordAlert(
                state: AlertStateRecord(rule: "r", entity: "anthropic", state: "firing", since: 1), event: nil, webhook: nil)
            #expect(try await store.alertStates().count == 1)
            let silence = try await store.addSilence(Silence(
                rule: "r", startsAt: 1, endsAt: 2, comment: "c", createdBy: "ops", createdAt: 1))
            #expect(try await store.silences(rule: "r", activeAt: 1) == [silence])
        }
    }

    @Test("v6: an alert cursor taken before the upgrade sees each later sighting once, old and new kinds in order")
    func sightingCursorAcrossImplicitFirstSightings() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("v5.sqlite").path
            // A v5 store: two figures from a.example (sightings 1 and 2), the second also on b.example (3).
            try await makeOldStore(at: path, upTo: "v5-sightings-only", """
                INSERT INTO pages (id, url, host, content_hash, fetched_at) VALUES
                    (1, 'https://a.example/1', 'a.example', 'h1', 0), (2, 'https://b.example/2', 'b.example', 'h2', 0);
                INSERT INTO observations (id, entity, metric, kind, value, value_key, bound, sentence, "offset",
                    page_id, time, day, observed_at, host_count) VALUES
                    (1, 'acme', 'valuation', 'level', '100', '3503100', 'exact', 's1', 0, 1, 5, 0, 5, 1),
                    (2, 'acme', 'valuation', 'level', '200', '3503200', 'exact', 's2', 0, 1, 5, 0, 5, 2);
                INSERT INTO sightings (observation_id, page_id, host) VALUES (1, 1, 'a.example'), (2, 1, 'a.example'),
                    (2, 2, 'b.example');
                """)
            let store = try SQLiteStore(path: path)
            // A rule had applied sighting 1 before the upgrade.
            #expect(try await store.sightings(after: 1, limit: 10).map(\.id) == [2, 3])
            #expect(try await store.lastSightingID() == 3)

            // After it: a new figure (its own first sighting) and the old figure 2 again from c.example.
            func figure(_ value: String) -> Figure {
                Figure(entity: "acme", metric: .valuation, kind: .level, value: ExactDecimal(value)!, currency: nil,
                       text: value, sentence: "Acme is worth \(value).", offset: 0, lang: "en")
            }
            let result = try await store.append(
                page: PageRecord(url: "https://c.example/3", contentHash: "h3", publishedAt: 5, fetchedAt: 5),
                figures: [figure("300"), figure("200")], sourceID: nil)
            #expect(result.created == 1 && result.merged == 1)
            let after = try await store.sightings(after: 1, limit: 10)
            #expect(after.map(\.id) == [2, 3, 4, 5])
            #expect(after.map(\.host) == ["a.example", "b.example", "c.example", "c.example"])
            #expect(after.map(\.value) == ["200", "200", "300", "200"].map { ExactDecimal($0)! })
            #expect(try await store.sightings(after: 3, limit: 1).map(\.id) == [4])
            #expect(try await store.lastSightingID() == 5)
            // The old figure counts the three outlets; the new one its first page's.
            #expect(try await store.sourceHosts(observationID: 2) == ["a.example", "b.example", "c.example"])
            #expect(try await store.sourceHosts(observationID: 4) == ["c.example"])
            let points = try await store.series(entity: "acme", metric: .valuation, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.map(\.sourceCount) == [1, 3, 1])
        }
    }

    @Test("a store with a migration this binary does not know is refused, not downgraded")
    func refusesUnknownMigration() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("future.sqlite").path
            do {
                _ = try SQLiteStore(path: path)
            }
            let raw = try DatabaseQueue(path: path)
            try await raw.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v4-from-the-future')")
            }
            try raw.close()
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
            #expect(error?.code == .schemaTooNew)
            #expect(error?.message.contains("newer figwatch") == true)
            #expect(error?.message.contains(path) == true)
            // Read-only opens refuse it too.
            #expect(throws: StoreError.self) { try SQLiteStore(path: path, access: .readOnly) }
        }
    }

    @Test("a store whose user_version is beyond ours is refused")
    func refusesNewerUserVersion() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("future.sqlite").path
            do {
                _ = try SQLiteStore(path: path)
            }
            let raw = try DatabaseQueue(path: path)
            let future = SQLiteStore.schemaVersion + 1
            try await raw.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = \(future)") }
            try raw.close()
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
            #expect(error?.code == .schemaTooNew)
            #expect(error?.message.contains("schema version \(future)") == true)
        }
    }

    @Test("read-only opens refuse an older schema and a missing file, and never write")
    func readOnlyChecks() async throws {
        try await withTemporaryDirectory { dir in
            let missing = dir.appendingPathComponent("missing.sqlite").path
            let notThere = #expect(throws: StoreError.self) { try SQLiteStore(path: missing, access: .readOnly) }
            #expect(notThere?.code == .openFailed)
            #expect(!FileManager.default.fileExists(atPath: missing))

            let path = dir.appendingPathComponent("old.sqlite").path
            let old = try DatabasePool(path: path)
            try SQLiteStore.migrator.migrate(old, upTo: "v1-pages-observations")
            try old.close()
            let outdated = #expect(throws: StoreError.self) { try SQLiteStore(path: path, access: .readOnly) }
            #expect(outdated?.code == .schemaOutdated)

            _ = try SQLiteStore(path: path)  // the daemon upgrades it
            let reader = try SQLiteStore(path: path, access: .readOnly)
            let writeError = await #expect(throws: StoreError.self) {
                try await reader.updateSourceState(SourceState(id: "s", url: "https://a.example/"))
            }
            #expect(writeError?.code == .readOnly)
        }
    }
}
