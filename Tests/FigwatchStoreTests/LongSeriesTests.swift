import FigwatchCore
import Foundation
import GRDB
import Testing

@testable import FigwatchStore

/// Series longer than one batch of rows (`SeriesRowBatch.capacity`): the SQLite store decodes those on a
/// second thread while it reads on (`SeriesDecoding`).
@Suite("Long series")
struct LongSeriesTests {
    /// Pages of ten figures each, an hour apart over several days: three full batches and a part.
    static let pageCount = (3 * SeriesRowBatch.capacity + 17) / 10 + 1

    /// The figures of page `n`, in every shape a point can take: levels and changes of two metrics,
    /// with and without a currency, every bound, some with an alternate.
    static func figures(ofPage n: Int) -> [Figure] {
        (0..<10).map { i in
            let k = n * 10 + i
            let alternates = k % 7 == 0
                ? [Alternate(value: ExactDecimal("\(k).5")!, currency: "HKD", bound: .approx)] : []
            return figure(
                "acme", i % 3 == 0 ? .valuation : .marketCap, i % 4 == 3 ? .change : .level,
                i % 4 == 3 ? "-\(k)000" : "\(k)000000", i % 5 == 4 ? nil : "USD",
                bound: Bound.allCases[k % Bound.allCases.count], alternates: alternates,
                sentence: "Sentence \(k): acme is worth \(k) million, or so they say.")
        }
    }

    @Test("a series of several batches reads back whole, in time order, every field as appended; a summary without provenance",
          arguments: StoreBackend.tested)
    func readsBackWhole(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var expected: [(url: String, time: Int64, published: Int64?, figure: Figure)] = []
            for n in 0..<Self.pageCount {
                // Every third page states no publication time: its point takes the fetch time.
                let time = september3 + Int64(n) * hour
                let published: Int64? = n % 3 == 2 ? nil : time
                let url = "https://n\(n % 4).example/\(n)"
                let figures = Self.figures(ofPage: n)
                _ = try await store.append(page: page(url, published: published, fetched: time), figures: figures, sourceID: nil)
                expected += figures.map { (url, time, published, $0) }
            }
            let points = try await store.series(
                entity: "acme", metric: nil, kind: nil, since: nil, until: nil, detail: .withProvenance)
            #expect(points.count == expected.count)
            // The figures of a page share its time and come in the order they were appended (their ids).
            for (point, want) in zip(points, expected) {
                let f = want.figure
                #expect(point.entity == "acme" && point.metric == f.metric && point.kind == f.kind, "\(f.sentence)")
                #expect(point.value == f.value && point.currency == f.currency && point.bound == f.bound, "\(f.sentence)")
                let report = point.provenance
                #expect(report?.alternates == f.alternates && report?.sentence == f.sentence && report?.offset == f.offset)
                #expect(point.time == want.time && report.map { $0.publishedAt == want.published } == true)
                #expect(report?.observedAt == want.time)
                #expect(point.firstSourceURL == want.url && point.sourceCount == 1)
            }
            #expect(Set(points.map(\.id)).count == points.count)
            #expect(points.map(\.id) == points.map(\.id).sorted())

            // Without provenance: the same points, field for field, and no provenance at all.
            let summary = try await store.series(entity: "acme", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(summary.allSatisfy { $0.provenance == nil })
            #expect(summary == points.map { point in
                var stripped = point
                stripped.provenance = nil
                return stripped
            })

            // The filters narrow a long series the same way.
            let since = september3 + 100 * hour
            let changes = try await store.series(
                entity: "acme", metric: .marketCap, kind: .change, since: since, until: nil, detail: .summary)
            let wanted = expected.filter { $0.time >= since && $0.figure.metric == .marketCap && $0.figure.kind == .change }
            #expect(changes.map(\.value) == wanted.map(\.figure.value))
        }
    }

    @Test("an unreadable value far into a long series fails the query with its observation named, and the store reads on")
    func unreadableValueStopsTheQuery() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.appendingPathComponent("s.sqlite").path)
            for n in 0..<Self.pageCount {
                _ = try await store.append(
                    page: page("https://a.example/\(n)", published: september3 + Int64(n) * hour),
                    figures: Self.figures(ofPage: n), sourceID: nil)
            }
            _ = try await store.append(page: page("https://a.example/other", published: september3),
                                       figures: [figure("other", value: "5")], sourceID: nil)
            // A row in the third batch, as something other than figwatch might have written it.
            let broken = try await store.write("break a value") { db in
                let id = try Int64.fetchOne(db, sql: """
                    SELECT id FROM observations WHERE entity = 'acme' ORDER BY metric, day, kind, value LIMIT 1 OFFSET 2500
                    """)!
                try db.execute(sql: "UPDATE observations SET value = 'twelve' WHERE id = ?", arguments: [id])
                return id
            }
            do {
                _ = try await store.series(entity: "acme", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
                Issue.record("the series of acme was read despite its unreadable value")
            } catch let error as StoreError {
                #expect(error.code == .corruptValue)
                #expect(error.message.contains("observation \(broken) "), "\(error)")
            }
            let other = try await store.series(entity: "other", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(other.map(\.value.description) == ["5"])
        }
    }
}
