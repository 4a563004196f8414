import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

@testable import FigwatchPostgres

/// What only the PostgreSQL backend has: its URL, its migrations table, several daemons opening one
/// database at once, and a database that is not there.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    static let enabled = StoreBackend.tested.contains(.postgres)

    @Test("store URLs: TCP, Unix socket directory, TLS mode; errors name the problem, never the password")
    func parsesURLs() throws {
        let tcp = try PostgresLocation(url: "postgres://fig:s3cret@db.internal:6432/figwatch?sslmode=require")
        #expect(tcp.endpoint == .tcp(host: "db.internal", port: 6432))
        #expect(tcp.username == "fig" && tcp.password == "s3cret" && tcp.database == "figwatch" && tcp.tls == .require)
        #expect(tcp.description == "postgres://fig@db.internal:6432/figwatch")

        let socket = try PostgresLocation(url: "postgresql://fig@/figwatch?host=/run/postgresql")
        #expect(socket.endpoint == .unixSocket(path: "/run/postgresql/.s.PGSQL.5432"))
        #expect(socket.tls == .disable)
        #expect(try PostgresLocation(url: "postgres://fig@localhost/figwatch").tls == .prefer)

        for (url, problem) in [
            ("mysql://fig@h/db", "is not a postgres:// URL"), ("postgres://h/db", "names no user"),
            ("postgres://fig:pw@h/", "names no database"), ("postgres://fig:pw@h/db?sslmode=verify", "sslmode=verify"),
        ] {
            let error = #expect(throws: StoreError.self) { try PostgresLocation(url: url) }
            #expect(error?.code == .openFailed)
            #expect(error?.message.contains(problem) == true, "\(url): \(error?.message ?? "")")
            #expect(error?.message.contains("pw") == false)
        }
    }

    @Test("a new database gets every table and schema version 8", .enabled(if: enabled))
    func createsSchema() async throws {
        try await withPostgresDatabase { cluster, database in
            try await PostgresStore.withStore(PostgresLocation(url: cluster.url(database: database))) { _ in }
            let tables = try cluster.sql(
                "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'",
                database: database)
            #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == [
                "alert_history", "alert_state", "figwatch_schema", "followed_links", "observation_sources",
                "observations", "pages", "sightings", "silences", "sources", "webhook_outbox",
            ].joined(separator: ","))
            let versions = try cluster.sql("SELECT string_agg(name, ',' ORDER BY version) FROM figwatch_schema",
                                           database: database)
            #expect(versions.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "v1-pages-observations,v2-sources-followed-links,v3-alerts-outbox,v4-sightings,v5-sighting-ordinals,"
                        + "v6-figure-status,v7-outbox-notifier,v8-silences,v9-outbox-groups")
            #expect(PostgresStore.schemaVersion == 9)
        }
    }

    @Test("a database at an earlier version is upgraded and keeps its data", .enabled(if: enabled))
    func upgradesFromEarlierVersion() async throws {
        try await withPostgresDatabase { cluster, database in
            let location = try PostgresLocation(url: cluster.url(database: database))
            // An older figwatch: only the first migration, and a page and figure written then.
            let old = try PostgresStore(location: location)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await old.run() }
                defer { group.cancelAll() }
                try await old.open(upTo: 1)
            }
            try cluster.sql("""
                INSERT INTO pages (id, url, host, content_hash, fetched_at) VALUES (1, 'https://a.example/x', 'a.example', 'h', 0);
                INSERT INTO observations (id, entity, metric, kind, value, bound, sentence, "offset", page_id, "time", day,
                    observed_at) VALUES (1, 'anthropic', 'valuation', 'level', 183000000000, 'exact', 's', 0, 1, 5, 0, 5);
                INSERT INTO observation_sources VALUES (1, 1, 'a.example');
                """, database: database)
            try await PostgresStore.withStore(location) { store in
                #expect(try await store.sightings(after: 0, limit: 10).map(\.host) == ["a.example"])
                let points = try await store.series(entity: "anthropic", metric: .valuation, kind: nil, since: nil, until: nil, detail: .summary)
                #expect(points.map(\.value) == [ExactDecimal("183000000000")!])
                try await store.updateSourceState(SourceState(id: "s", url: "https://a.example/"))
                #expect(try await store.sources().map(\.id) == ["s"])
                let silence = try await store.addSilence(Silence(
                    rule: "r", startsAt: 1, endsAt: 2, comment: "c", createdBy: "ops", createdAt: 1))
                #expect(try await store.silences(rule: "r", activeAt: 1) == [silence])
            }
        }
    }

    @Test("v6: figures stored before statuses become current, and the status joins their identity", .enabled(if: enabled))
    func upgradesToFigureStatus() async throws {
        try await withPostgresDatabase { cluster, database in
            let location = try PostgresLocation(url: cluster.url(database: database))
            let old = try PostgresStore(location: location)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await old.run() }
                defer { group.cancelAll() }
                try await old.open(upTo: 5)
            }
            try cluster.sql("""
                INSERT INTO pages (url, host, content_hash, fetched_at) VALUES ('https://a.example/x', 'a.example', 'h', 0);
                INSERT INTO observations (entity, metric, kind, value, currency, bound, sentence, "offset", page_id,
                    "time", day, observed_at)
                    SELECT 'anthropic', 'valuation', 'level', 183000000000, 'USD', 'exact', 's', 0, id, 5, 0, 5 FROM pages;
                INSERT INTO observation_sources SELECT o.id, o.page_id, 'a.example' FROM observations o;
                """, database: database)
            try await PostgresStore.withStore(location) { store in
                let before = try await store.series(
                    entity: "anthropic", metric: .valuation, kind: nil, statuses: Set(FigureStatus.allCases), since: nil,
                    until: nil, detail: .summary)
                #expect(before.map(\.status) == [.current])
                // The same amount the same day as a forecast is a statement of its own; as a fact, one more source.
                var forecast = figure("anthropic", .valuation, .level, "183000000000")
                forecast.status = .forecast
                let later = PageRecord(url: "https://b.example/y", contentHash: "h2", fetchedAt: 6)
                let result = try await store.append(
                    page: later, figures: [forecast, figure("anthropic", .valuation, .level, "183000000000")], sourceID: nil)
                #expect(result.created == 1 && result.merged == 1)
                let after = try await store.series(
                    entity: "anthropic", metric: .valuation, kind: nil, statuses: Set(FigureStatus.allCases), since: nil,
                    until: nil, detail: .summary)
                #expect(after.map(\.status) == [.current, .forecast])
                #expect(after.map(\.sourceCount) == [2, 1])
            }
        }
    }

    @Test("a database with a migration this binary does not know is refused, not downgraded", .enabled(if: enabled))
    func refusesNewerSchema() async throws {
        try await withPostgresDatabase { cluster, database in
            let location = try PostgresLocation(url: cluster.url(database: database))
            try await PostgresStore.withStore(location) { _ in }
            let future = PostgresStore.schemaVersion + 1
            try cluster.sql("INSERT INTO figwatch_schema (version, name) VALUES (\(future), 'v\(future)-from-the-future')",
                            database: database)
            for access in [PostgresStore.Access.readWrite, .readOnly] {
                let error = await #expect(throws: StoreError.self) {
                    try await PostgresStore.withStore(location, options: .init(access: access)) { _ in }
                }
                #expect(error?.code == .schemaTooNew)
                #expect(error?.message.contains("v\(future)-from-the-future") == true)
                #expect(error?.message.contains("newer figwatch") == true)
            }
            // Nothing was changed by the refused opens.
            #expect(try cluster.sql("SELECT count(*) FROM figwatch_schema", database: database)
                        .trimmingCharacters(in: .whitespacesAndNewlines) == "\(future)")
        }
    }

    @Test("read-only opens refuse an older schema and refuse to write", .enabled(if: enabled))
    func readOnlyChecks() async throws {
        try await withPostgresDatabase { cluster, database in
            let location = try PostgresLocation(url: cluster.url(database: database))
            let outdated = await #expect(throws: StoreError.self) {
                try await PostgresStore.withStore(location, options: .init(access: .readOnly)) { _ in }
            }
            #expect(outdated?.code == .schemaOutdated)
            try await PostgresStore.withStore(location) { _ in }  // the daemon creates the schema
            try await PostgresStore.withStore(location, options: .init(access: .readOnly)) { reader in
                let error = await #expect(throws: StoreError.self) {
                    try await reader.updateSourceState(SourceState(id: "s", url: "https://a.example/"))
                }
                #expect(error?.code == .readOnly)
                let sources = try await reader.sources()
                #expect(sources.isEmpty)
            }
        }
    }

    @Test("three daemons opening an empty database at once migrate it exactly once", .enabled(if: enabled))
    func concurrentOpensMigrateOnce() async throws {
        try await withPostgresDatabase { cluster, database in
            let location = try PostgresLocation(url: cluster.url(database: database))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<3 {
                    group.addTask {
                        try await PostgresStore.withStore(location) { store in
                            try await store.updateSourceState(SourceState(id: "s\(n)", url: "https://a.example/\(n)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try cluster.sql("SELECT count(*) FROM figwatch_schema", database: database)
                        .trimmingCharacters(in: .whitespacesAndNewlines) == "\(PostgresStore.schemaVersion)")
            #expect(try cluster.sql("SELECT string_agg(id, ',' ORDER BY id) FROM sources", database: database)
                        .trimmingCharacters(in: .whitespacesAndNewlines) == "s0,s1,s2")
        }
    }

    @Test("a database that is not there fails the call with a database error naming the store, promptly",
          .enabled(if: enabled))
    func unreachableDatabaseFails() async throws {
        let cluster = try PostgresCluster.shared.get()
        // A socket directory with no server in it.
        let location = try PostgresLocation(url: "postgres://figwatch@/nothing?host=\(cluster.directory)/absent")
        let started = ContinuousClock.now
        let error = await #expect(throws: StoreError.self) {
            try await PostgresStore.withStore(location, options: .init(operationTimeout: .seconds(3))) { _ in }
        }
        #expect(error?.code == .openFailed)
        #expect(error?.description.contains("nothing") == true, "\(error?.description ?? "")")
        // Generous: the point is that it does not hang while the pool retries with backoff.
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
