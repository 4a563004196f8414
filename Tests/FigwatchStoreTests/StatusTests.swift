import FigwatchCore
import Foundation
import GRDB
import Testing

@testable import FigwatchStore

/// A figure's status (current, past, forecast) on both backends: kept, part of the figure's identity,
/// filtered by series and carried by sightings to the alert rules.
@Suite("Store figure status")
struct StatusTests {
    static let all = Set(FigureStatus.allCases)

    static func figure(_ value: String, _ status: FigureStatus, sentence: String = "A sentence about a figure.") -> Figure {
        var f = FigwatchStoreTests.figure("acme", .valuation, .level, value, "USD", sentence: sentence)
        f.status = status
        return f
    }

    @Test("each status is stored and read back by series and sightings", arguments: StoreBackend.tested)
    func roundTrips(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let figures = [
                Self.figure("61500000000", .forecast, sentence: "Acme is in talks to raise at a $61.5bn valuation."),
                Self.figure("45600000000", .past, sentence: "Acme was valued at $45.6bn a year earlier."),
                Self.figure("6700000000", .current, sentence: "Acme's valuation was cut to $6.7bn."),
            ]
            _ = try await store.append(page: page("https://a.example/1", published: september3), figures: figures, sourceID: nil)
            let points = try await store.series(
                entity: "acme", metric: nil, kind: nil, statuses: Self.all, since: nil, until: nil, detail: .withProvenance)
            #expect(Dictionary(uniqueKeysWithValues: points.map { ($0.value.description, $0.status) }) == [
                "61500000000": .forecast, "45600000000": .past, "6700000000": .current,
            ])
            #expect(points.allSatisfy { p in figures.contains { $0.sentence == p.provenance?.sentence && $0.status == p.status } })
            let sightings = try await store.sightings(after: 0, limit: 10)
            #expect(sightings.map(\.status) == [.forecast, .past, .current])
        }
    }

    @Test("series read current figures by default, and the statuses asked for otherwise", arguments: StoreBackend.tested)
    func seriesFilters(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.append(
                page: page("https://a.example/1", published: september3),
                figures: [Self.figure("1", .current), Self.figure("2", .past), Self.figure("3", .forecast)], sourceID: nil)
            func values(_ statuses: Set<FigureStatus>?, detail: SeriesDetail = .summary) async throws -> [String] {
                let points = if let statuses {
                    try await store.series(
                        entity: "acme", metric: .valuation, kind: .level, statuses: statuses, since: nil, until: nil, detail: detail)
                } else {
                    try await store.series(entity: "acme", metric: .valuation, kind: .level, since: nil, until: nil, detail: detail)
                }
                return points.map(\.value.description).sorted()
            }
            #expect(try await values(nil) == ["1"])
            #expect(try await values([.forecast]) == ["3"])
            #expect(try await values([.past, .forecast]) == ["2", "3"])
            #expect(try await values(Self.all) == ["1", "2", "3"])
            #expect(try await values([.past], detail: .withProvenance) == ["2"])
        }
    }

    @Test("the same amount as a forecast and as a fact on one day is two points; the same status again merges",
          arguments: StoreBackend.tested)
    func statusIsIdentity(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let first = try await store.append(
                page: page("https://a.example/talks", published: september3), figures: [Self.figure("61500000000", .forecast)],
                sourceID: nil)
            #expect(first.created == 1)
            let second = try await store.append(
                page: page("https://b.example/raised", published: september3 + hour),
                figures: [Self.figure("61500000000", .current), Self.figure("61500000000", .forecast)], sourceID: nil)
            #expect(second.created == 1 && second.merged == 1)
            let points = try await store.series(
                entity: "acme", metric: .valuation, kind: nil, statuses: Self.all, since: nil, until: nil, detail: .summary)
            #expect(points.map(\.status) == [.forecast, .current])
            #expect(points.map(\.sourceCount) == [2, 1])
            #expect(points.map(\.firstSourceURL) == ["https://a.example/talks", "https://b.example/raised"])
            // The fact is not hidden behind the forecast that came first.
            let facts = try await store.series(entity: "acme", metric: .valuation, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(facts.map(\.firstSourceURL) == ["https://b.example/raised"])
            let sightings = try await store.sightings(after: 0, limit: 10)
            #expect(sightings.map { "\($0.status.rawValue) \($0.host)" }.sorted()
                    == ["current b.example", "forecast a.example", "forecast b.example"])
        }
    }

    @Test("v8: a v7 store's figures become current, keep their ids and sightings, and take statuses from then on")
    func upgradesFromV7() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("v7.sqlite").path
            // As figwatch left a store at v7: coded metric, kind and bound; a second page's sighting.
            try await makeOldStore(at: path, upTo: "v7-coded-figure-fields", """
                INSERT INTO pages (id, url, host, content_hash, fetched_at) VALUES
                    (1, 'https://a.example/x', 'a.example', 'h', \(september3)),
                    (2, 'https://b.example/y', 'b.example', 'h', \(september3));
                INSERT INTO observations (entity, metric, day, kind, value, currency, bound, id, value_key, sentence,
                    "offset", page_id, time, observed_at, host_count) VALUES
                    ('acme', 2, \(september3 / day), 1, '61500000000', 'USD', 1, 1, '31161500000000', 's1', 0, 1, \(september3), \(september3), 2),
                    ('acme', 2, \(september3 / day), 1, '70000000000', 'USD', 3, 2, '3117', 's2', 0, 1, \(september3), \(september3), 1);
                UPDATE sqlite_sequence SET seq = 2 WHERE name = 'sightings';
                INSERT INTO sightings (observation_id, page_id, host) VALUES (1, 2, 'b.example');
                """)
            let store = try SQLiteStore(path: path)
            let (applied, version, codes, statuses) = try await store.read("inspect") { db in
                (try SQLiteStore.migrator.appliedMigrations(db), try Int.fetchOne(db, sql: "PRAGMA user_version"),
                 try String.fetchAll(db, sql: "SELECT name FROM figure_codes WHERE field = 'status' ORDER BY code"),
                 try Int64.fetchAll(db, sql: "SELECT status FROM observations ORDER BY id"))
            }
            #expect(applied.last == "v10-outbox-groups")   // and every later migration
            #expect(version == SQLiteStore.schemaVersion)
            #expect(codes == ["current", "past", "forecast"])
            #expect(statuses == [1, 1])
            let points = try await store.series(entity: "acme", metric: .valuation, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.map(\.id) == [1, 2])
            #expect(points.map(\.status) == [.current, .current])
            #expect(points.map(\.sourceCount) == [2, 1])
            #expect(points.map(\.bound) == [.exact, .atLeast])
            #expect(try await store.sightings(after: 0, limit: 10).map { "\($0.id) \($0.host) \($0.status.rawValue)" }
                    == ["1 a.example current", "2 a.example current", "3 b.example current"])
            // A later page: the same figure as a fact merges into the old row, as a forecast it is new.
            let result = try await store.append(
                page: page("https://c.example/z", published: september3 + hour),
                figures: [Self.figure("61500000000", .current), Self.figure("61500000000", .forecast)], sourceID: nil)
            #expect(result.created == 1 && result.merged == 1)
            let after = try await store.series(
                entity: "acme", metric: .valuation, kind: nil, statuses: Self.all, since: nil, until: nil, detail: .summary)
            #expect(after.map { "\($0.id) \($0.status.rawValue) \($0.sourceCount)" } == ["1 current 3", "2 current 1", "4 forecast 1"])
        }
    }
}
