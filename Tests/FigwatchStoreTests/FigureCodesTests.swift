import FigwatchCore
import Foundation
import GRDB
import Testing

@testable import FigwatchStore

/// v7: an observation's metric, kind and bound are small integers in the SQLite store, named by
/// `figure_codes`; v8 adds its status.
@Suite("Store figure codes")
struct FigureCodesTests {
    @Test("figure_codes names every metric, kind, bound and status with the code the store writes")
    func tableMatchesTheCode() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("s.sqlite").path)
            let table = try await store.read("read figure_codes") { db in
                try Row.fetchAll(db, sql: "SELECT field, code, name FROM figure_codes ORDER BY field, code").map {
                    "\($0[0] as String) \($0[1] as Int64) \($0[2] as String)"
                }
            }
            let code = FigureCodes.rows.map { "\($0.field) \($0.code) \($0.name)" }
            // A case added to an enum needs its code here and its row in a migration.
            #expect(table == code.sorted())
            #expect(code.count == Metric.allCases.count + FigureKind.allCases.count + Bound.allCases.count
                    + FigureStatus.allCases.count)
            #expect(Set(FigureCodes.rows.map { "\($0.field) \($0.code)" }).count == code.count)
        }
    }

    @Test("each code reads back as the case it stands for; a code no case has reads as none")
    func codesReadBack() {
        #expect(Metric.allCases.allSatisfy { FigureCodes.metric(FigureCodes.code($0)) == $0 })
        #expect(FigureKind.allCases.allSatisfy { FigureCodes.kind(FigureCodes.code($0)) == $0 })
        #expect(Bound.allCases.allSatisfy { FigureCodes.bound(FigureCodes.code($0)) == $0 })
        #expect(FigureStatus.allCases.allSatisfy { FigureCodes.status(FigureCodes.code($0)) == $0 })
        for unknown: Int64 in [-1, 0, 5, 99] {
            #expect(FigureCodes.metric(unknown) == nil && FigureCodes.kind(unknown) == nil && FigureCodes.bound(unknown) == nil
                    && FigureCodes.status(unknown) == nil)
        }
    }

    @Test("every metric, kind and bound is stored as its code and reads back as itself")
    func everyCaseRoundTrips() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("s.sqlite").path)
            var figures: [Figure] = []
            for metric in Metric.allCases {
                for kind in FigureKind.allCases {
                    for bound in Bound.allCases {
                        figures.append(figure(
                            "acme", metric, kind, "\(figures.count + 1)", "USD", bound: bound,
                            sentence: "\(metric.rawValue) \(kind.rawValue) \(bound.rawValue)"))
                    }
                }
            }
            _ = try await store.append(page: page("https://a.example/1", published: september3), figures: figures, sourceID: nil)
            let points = try await store.series(entity: "acme", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.map { "\($0.metric.rawValue) \($0.kind.rawValue) \($0.bound.rawValue)" } == figures.map(\.sentence))
            for kind in FigureKind.allCases {
                let filtered = try await store.series(entity: "acme", metric: .funding, kind: kind, since: nil, until: nil, detail: .summary)
                #expect(filtered.count == Bound.allCases.count)
                #expect(filtered.allSatisfy { $0.metric == .funding && $0.kind == kind })
            }
            let seen = try await store.sightings(after: 0, limit: 100)
            #expect(seen.map { "\($0.metric.rawValue) \($0.kind.rawValue) \($0.bound.rawValue)" } == figures.map(\.sentence))
            // In the file, joined to figure_codes, the codes read as the names.
            let named = try await store.read("name the codes") { db in
                try String.fetchAll(db, sql: """
                    SELECT m.name || ' ' || k.name || ' ' || b.name FROM observations o
                    JOIN figure_codes m ON m.field = 'metric' AND m.code = o.metric
                    JOIN figure_codes k ON k.field = 'kind' AND k.code = o.kind
                    JOIN figure_codes b ON b.field = 'bound' AND b.code = o.bound
                    ORDER BY o.id
                    """)
            }
            #expect(named == figures.map(\.sentence))
        }
    }

    @Test("a code figwatch never wrote fails the series and the sightings with the row named, not the process")
    func unknownCodeIsAnError() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("s.sqlite").path)
            _ = try await store.append(page: page("https://a.example/1", published: september3),
                                       figures: [figure("acme", value: "1"), figure("acme", value: "2")], sourceID: nil)
            let id = try await store.write("set an unknown bound") { db in
                try db.execute(sql: "UPDATE observations SET bound = 9 WHERE value = '2'")
                return try Int64.fetchOne(db, sql: "SELECT id FROM observations WHERE value = '2'")!
            }
            let seriesError = await #expect(throws: StoreError.self) {
                try await store.series(entity: "acme", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            }
            #expect(seriesError?.code == .corruptValue)
            #expect(seriesError?.message.contains("observation \(id) ") == true)
            let sightingsError = await #expect(throws: StoreError.self) { try await store.sightings(after: 0, limit: 10) }
            #expect(sightingsError?.code == .corruptValue)
        }
    }

    @Test("the v7 upgrade stops at a name it has no code for and leaves the store as it was")
    func upgradeRefusesUnknownName() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("v6.sqlite").path
            try await makeOldStore(at: path, upTo: "v6-observations-by-series", """
                INSERT INTO pages (id, url, host, content_hash, fetched_at) VALUES (1, 'https://a.example/x', 'a.example', 'h', 0);
                INSERT INTO observations (id, entity, metric, kind, value, value_key, currency, bound, sentence,
                    "offset", page_id, time, day, observed_at) VALUES
                    (1, 'acme', 'valuation', 'level', '5', '35015', 'USD', 'exact', 's', 0, 1, 5, 0, 5),
                    (2, 'acme', 'revenue', 'level', '6', '35016', 'USD', 'exact', 's', 0, 1, 5, 0, 5);
                """)
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
            #expect(error.map(String.init(describing:))?.contains("1 observations have a metric, kind or bound") == true)
            let raw = try DatabaseQueue(path: path)
            let (applied, names) = try await raw.read { db in
                (try SQLiteStore.migrator.appliedMigrations(db),
                 try String.fetchAll(db, sql: "SELECT metric FROM observations ORDER BY id"))
            }
            #expect(applied.last == "v6-observations-by-series")
            #expect(names == ["valuation", "revenue"])
        }
    }
}
