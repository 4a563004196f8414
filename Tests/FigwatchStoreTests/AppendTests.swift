import FigwatchCore
import FigwatchTestSupport
import Foundation
import Testing

@testable import FigwatchStore

@Suite("Store append, de-duplication and series")
struct AppendTests {
    @Test("exact values come back digit for digit", arguments: StoreBackend.tested, [
        ("1300000000000", "CNY"), ("360000000000", "CNY"), ("-600000000000", "USD"), ("0.5", "USD"),
        ("183000000000", "USD"), ("123456789012345678901234567890", "KRW"), ("0.000001", "USD"),
    ])
    func roundTripsExactValues(_ backend: StoreBackend, _ example: (String, String)) async throws {
        let (value, currency) = example
        try await withStore(backend) { store in
            let kind: FigureKind = value.hasPrefix("-") ? .change : .level
            let alternate = Alternate(value: ExactDecimal("1300000000000")!, currency: "CNY", bound: .approx)
            _ = try await store.append(
                page: page("https://www.163.com/a", published: september3),
                figures: [figure("anthropic", .valuation, kind, value, currency, bound: .atLeast, alternates: [alternate])],
                sourceID: nil)
            let points = try await store.series(entity: "anthropic", metric: nil, kind: nil, since: nil, until: nil, detail: .withProvenance)
            #expect(points.count == 1)
            #expect(points.first?.value.description == value)
            #expect(points.first?.currency == currency)
            #expect(points.first?.kind == kind)
            #expect(points.first?.bound == .atLeast)
            #expect(points.first?.provenance?.alternates == [alternate])
            #expect(points.first?.firstSourceURL == "https://www.163.com/a")
        }
    }

    @Test("the same page fetched again adds nothing and is recognised before parsing", arguments: StoreBackend.tested)
    func refetchAddsNothing(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let p = page("https://news.example/a", hash: "abc", published: september3)
            #expect(try await store.pageUnchanged(url: p.url, contentHash: "abc") == false)
            let first = try await store.append(page: p, figures: [figure("alibaba", value: "4000000000000")], sourceID: "s")
            #expect(first.created == 1 && !first.unchanged)
            #expect(try await store.pageUnchanged(url: p.url, contentHash: "abc"))
            #expect(try await store.pageUnchanged(url: p.url, contentHash: "changed") == false)
            var later = p
            later.fetchedAt += hour
            let again = try await store.append(page: later, figures: [figure("alibaba", value: "4000000000000")], sourceID: "s")
            #expect(again == AppendResult(pageID: first.pageID, unchanged: true, created: 0, merged: 0))
            // An updated article (new hash) keeps its page and merges the figure it repeats.
            var updated = later
            updated.contentHash = "def"
            let third = try await store.append(
                page: updated, figures: [figure("alibaba", value: "4000000000000"), figure("alibaba", value: "4100000000000")],
                sourceID: "s")
            #expect(third == AppendResult(pageID: first.pageID, unchanged: false, created: 1, merged: 1))
            let points = try await store.series(entity: "alibaba", metric: .marketCap, kind: .level, since: nil, until: nil, detail: .summary)
            #expect(points.map(\.value.description) == ["4000000000000", "4100000000000"])
            #expect(points.map(\.sourceCount) == [1, 1])
        }
    }

    @Test("one figure from two outlets on the same UTC day is one point with two sources", arguments: StoreBackend.tested)
    func mergesAcrossOutlets(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let f = figure("anthropic", .valuation, .level, "183000000000")
            let a = try await store.append(page: page("https://www.reuters.com/x", published: september3 + hour), figures: [f], sourceID: nil)
            let b = try await store.append(page: page("https://www.163.com/y", published: september3 + 20 * hour), figures: [f], sourceID: nil)
            // Same outlet again (www. or not): still two hosts.
            let c = try await store.append(page: page("https://reuters.com/z", published: september3 + 2 * hour), figures: [f], sourceID: nil)
            // The next UTC day is a new point.
            let d = try await store.append(page: page("https://www.ft.com/w", published: september3 + day + hour), figures: [f], sourceID: nil)
            #expect([a.created, b.created, c.created, d.created] == [1, 0, 0, 1] as [Int])
            #expect([a.merged, b.merged, c.merged, d.merged] == [0, 1, 1, 0] as [Int])
            let points = try await store.series(entity: "anthropic", metric: .valuation, kind: .level, since: nil, until: nil, detail: .summary)
            #expect(points.map(\.sourceCount) == [2, 1])
            #expect(points.first?.firstSourceURL == "https://www.reuters.com/x")
            #expect(points.first?.time == september3 + hour)
            #expect(try await store.sourceHosts(observationID: points[0].id) == ["reuters.com", "163.com"])
            // A different bound or currency is a different figure.
            let e = try await store.append(
                page: page("https://www.ft.com/v", published: september3 + hour),
                figures: [figure("anthropic", .valuation, .level, "183000000000", bound: .approx),
                          figure("anthropic", .valuation, .level, "183000000000", "HKD")], sourceID: nil)
            #expect(e.created == 2)
        }
    }

    @Test("a figure without a currency or alternates reads back without them in its series", arguments: StoreBackend.tested)
    func seriesPointWithoutCurrency(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.append(
                page: page("https://a.example/2", published: september3),
                figures: [figure("bytedance", .valuation, .level, "300000000000", nil)], sourceID: nil)
            let points = try await store.series(entity: "bytedance", metric: .valuation, kind: nil, since: nil, until: nil, detail: .withProvenance)
            #expect(points.count == 1)
            #expect(points.first?.currency == nil)
            #expect(points.first?.provenance?.alternates == [])
            #expect(points.first?.kind == .level)
            #expect(points.first?.value.description == "300000000000")
        }
    }

    @Test("whether a figure's currency was inferred reads back with its point, with or without provenance",
          arguments: StoreBackend.tested, [SeriesDetail.summary, .withProvenance])
    func seriesPointCurrencyInferred(_ backend: StoreBackend, _ detail: SeriesDetail) async throws {
        try await withStore(backend) { store in
            var inferred = figure("tsmc", value: "25000000000000", "TWD", sentence: "台積電市值達25兆元。")
            inferred.currencyInferred = true
            let written = figure("tsmc", value: "1000000000000", "USD", sentence: "TSMC is worth $1tn.")
            _ = try await store.append(
                page: page("https://a.example/tw", published: september3), figures: [inferred, written], sourceID: nil)
            let points = try await store.series(entity: "tsmc", metric: nil, kind: nil, since: nil, until: nil, detail: detail)
            #expect(Dictionary(uniqueKeysWithValues: points.map { ($0.currency ?? "", $0.currencyInferred) }) == [
                "TWD": true, "USD": false,
            ])
        }
    }

    @Test("figures without an entity or currency are de-duplicated too", arguments: StoreBackend.tested)
    func mergesNullKeys(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let f = figure(nil, .marketCap, .change, "360000000000", nil)
            let a = try await store.append(page: page("https://a.example/1", published: september3), figures: [f], sourceID: nil)
            let b = try await store.append(page: page("https://b.example/1", published: september3), figures: [f], sourceID: nil)
            #expect(a.created == 1 && b.merged == 1)
            // Both sightings read back without an entity or currency (the SQLite store keeps '' in its key).
            let seen = try await store.sightings(after: 0, limit: 10)
            #expect(seen.map(\.host) == ["a.example", "b.example"])
            #expect(seen.allSatisfy { $0.entity == nil && $0.currency == nil })
        }
    }

    @Test("each point names the page that first reported it, whether the entity's pages lie close or far apart",
          arguments: StoreBackend.tested)
    func namesTheFirstPage(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // "acme" on every other page (the SQLite store reads their id range in one pass); "rare" on the
            // first and the last of 40 (it looks its two pages up by id).
            var expected: [String: [String: String]] = ["acme": [:], "rare": [:]]
            for n in 0..<40 {
                let url = "https://n\(n).example/story"
                var figures = [figure("other", value: "\(1_000 + n)")]
                if n % 2 == 0 {
                    figures.append(figure("acme", value: "\(2_000 + n)"))
                    expected["acme"]!["\(2_000 + n)"] = url
                }
                if n == 0 || n == 39 {
                    figures.append(figure("rare", value: "\(3_000 + n)"))
                    expected["rare"]!["\(3_000 + n)"] = url
                }
                _ = try await store.append(page: page(url, published: september3 + Int64(n) * hour), figures: figures, sourceID: nil)
            }
            // Seen again on a later page: the first page stays the one named.
            _ = try await store.append(page: page("https://later.example/x", published: september3 + 2 * hour),
                                       figures: [figure("acme", value: "2002")], sourceID: nil)
            for entity in ["acme", "rare"] {
                let points = try await store.series(entity: entity, metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
                let named = Dictionary(uniqueKeysWithValues: points.map { ($0.value.description, $0.firstSourceURL) })
                #expect(named == expected[entity], "\(entity)")
            }
        }
    }

    @Test("series are in time order, publication time first, fetch time otherwise, and filtered", arguments: StoreBackend.tested)
    func ordersByTime(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // Appended out of order; one page without a publication time (its fetch time counts).
            _ = try await store.append(page: page("https://a.example/3", published: september3 + 3 * day),
                                       figures: [figure("nvidia", value: "4300000000000")], sourceID: nil)
            _ = try await store.append(page: page("https://a.example/1", published: september3 + day),
                                       figures: [figure("nvidia", value: "4100000000000"),
                                                 figure("nvidia", .marketCap, .change, "-600000000000")], sourceID: nil)
            _ = try await store.append(page: page("https://a.example/2", fetched: september3 + 2 * day),
                                       figures: [figure("nvidia", value: "4200000000000"), figure("apple", value: "3000000000000")],
                                       sourceID: nil)
            let all = try await store.series(entity: "nvidia", metric: nil, kind: nil, since: nil, until: nil, detail: .withProvenance)
            #expect(all.map(\.value.description) == ["4100000000000", "-600000000000", "4200000000000", "4300000000000"])
            #expect(all[2].provenance.map { $0.publishedAt == nil } == true && all[2].time == september3 + 2 * day)
            let levels = try await store.series(entity: "nvidia", metric: .marketCap, kind: .level,
                                                since: september3 + 2 * day, until: september3 + 3 * day, detail: .summary)
            #expect(levels.map(\.value.description) == ["4200000000000", "4300000000000"])
            let changes = try await store.series(entity: "nvidia", metric: nil, kind: .change, since: nil, until: nil, detail: .summary)
            #expect(changes.map(\.value.description) == ["-600000000000"])
        }
    }

    @Test("within one day the points come in time order, not in the order of their values or kinds",
          arguments: StoreBackend.tested)
    func ordersWithinADay(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // The SQLite store keeps a day's figures in the order of their identity (kind, then value).
            _ = try await store.append(page: page("https://a.example/9h", published: september3 + 9 * hour),
                                       figures: [figure("nvidia", value: "4900000000000")], sourceID: nil)
            _ = try await store.append(page: page("https://a.example/11h", published: september3 + 11 * hour),
                                       figures: [figure("nvidia", .marketCap, .change, "100000000000")], sourceID: nil)
            _ = try await store.append(page: page("https://a.example/13h", published: september3 + 13 * hour),
                                       figures: [figure("nvidia", value: "4100000000000")], sourceID: nil)
            _ = try await store.append(page: page("https://a.example/15h", published: september3 + 15 * hour),
                                       figures: [figure("nvidia", value: "4500000000000")], sourceID: nil)
            let all = try await store.series(entity: "nvidia", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(all.map(\.time) == [9, 11, 13, 15].map { september3 + $0 * hour })
            #expect(all.map(\.value.description) == ["4900000000000", "100000000000", "4100000000000", "4500000000000"])
            let levels = try await store.series(entity: "nvidia", metric: .marketCap, kind: .level,
                                                since: september3 + 10 * hour, until: nil, detail: .summary)
            #expect(levels.map(\.value.description) == ["4100000000000", "4500000000000"])
        }
    }

    @Test("putting points in time order moves each one to its place, whatever the permutation")
    func timeOrderOfManyPoints() {
        var generator = SeededGenerator()
        for size in [0, 1, 2, 3, 10, 1_000] {
            // Few distinct times, so ties are broken by id (unique, as the store's are).
            let ids = (0..<Int64(size)).shuffled(using: &generator)
            let points = (0..<size).map { n in
                SeriesPoint(
                    id: ids[n], entity: "acme", metric: .marketCap, kind: .level,
                    value: ExactDecimal(significand: Int128(n), exponent: 0)!, currency: "USD", bound: .exact,
                    time: Int64.random(in: 0..<20, using: &generator), sourceCount: 1, firstSourceURL: "https://n\(n).example/",
                    provenance: .init(publishedAt: nil, observedAt: 0, sentence: "point \(n)", offset: n))
            }
            // Each point's companion (its page, in the store) goes with it.
            var ordered = points
            var companions = points.map { $0.id * 10 }
            SQLiteStore.putInTimeOrder(&ordered, along: &companions)
            #expect(ordered == points.sorted { ($0.time, $0.id) < ($1.time, $1.id) }, "\(size) points, \(generator)")
            #expect(companions == ordered.map { $0.id * 10 }, "\(size) points, \(generator)")
        }
    }

    @Test("a failing append commits nothing of its page", arguments: StoreBackend.tested)
    func appendIsAtomic(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // A rule that rejects the second figure stands in for any failure half-way through.
            try await rejectObservations(ofValue: 2, in: store)
            await #expect(throws: StoreError.self) {
                try await store.append(page: page("https://a.example/x"), figures: [figure("e", value: "1"), figure("e", value: "2")], sourceID: nil)
            }
            #expect(try await store.pageUnchanged(url: "https://a.example/x", contentHash: "hash of https://a.example/x") == false)
            #expect(try await store.series(entity: "e", metric: nil, kind: nil, since: nil, until: nil, detail: .summary).isEmpty)
        }
    }

    @Test("sort keys order like the numbers", arguments: [
        ["-1000", "-1.51", "-1.5", "-0.002", "0", "0.5", "1", "1.5", "1.51", "9.99", "10", "183000000000", "1300000000000"],
    ])
    func sortKeysOrderNumerically(_ ascending: [String]) {
        let keys = ascending.map { DecimalSortKey.key(ExactDecimal($0)!) }
        #expect(keys == keys.sorted())
        #expect(Set(keys).count == keys.count)
        #expect(DecimalSortKey.key(ExactDecimal("1.30")!) == DecimalSortKey.key(ExactDecimal("1.3")!))
    }
}

@Suite("Store value decoding")
struct StoredDecimalTests {
    @Test("the series reader parses exactly what ExactDecimal writes", arguments: [
        "0", "0.5", "-0.5", "1300000000000", "-600000000000", "123456789012345678901234567890", "0.000001",
        // Either side of the 19 bytes read in 64 bits.
        "999999999999999999", "-999999999999999999", "1000000000000000000", "0.123456789012345678",
        "12345678901234567.89", "-0.0000000000000000001",
    ])
    func parsesDescriptions(_ text: String) {
        let expected = ExactDecimal(text)
        #expect(expected != nil)
        #expect(Self.parse(text) == expected)
        #expect(Self.parse(text)?.description == expected?.description)
    }

    @Test("anything else is refused", arguments: [
        "", "-", "1.2.3", "1e9", "12a", " 1", "--1", "1-", ".", "1234567890123456789.1.2",
        String(repeating: "9", count: 40),  // beyond 128 bits
    ])
    func refusesOthers(_ text: String) {
        #expect(Self.parse(text) == nil)
    }

    /// The bytes as the series reader hands them over (`ExactDecimal.parse(utf8:)`).
    static func parse(_ text: String) -> ExactDecimal? {
        var text = text
        return text.withUTF8 { ExactDecimal.parse(utf8: $0) }
    }
}

@Suite("Store source counting for alerts")
struct DistinctHostsTests {
    @Test("distinct hosts reporting a value in range, compared exactly", arguments: StoreBackend.tested, [
        (ValueRange.atLeast(ExactDecimal("4000000000000")!), 2),   // 4.0 T (a + b) and 4.2 T (b again)
        (ValueRange.atLeast(ExactDecimal("4000000000000.01")!), 1), // only 4.2 T, from b
        (ValueRange.atMost(ExactDecimal("3999999999999.99")!), 1),  // 3.9 T from c
        (ValueRange(lower: ExactDecimal("3900000000000")!, upper: ExactDecimal("4000000000000")!), 3),
        (ValueRange(), 3),
    ])
    func countsHosts(_ backend: StoreBackend, _ example: (ValueRange, Int)) async throws {
        let (range, expected) = example
        try await withStore(backend) { store in
            let t = september3 + hour
            _ = try await store.append(page: page("https://a.example/1", published: t),
                                       figures: [figure("alibaba", value: "4000000000000", "HKD")], sourceID: nil)
            _ = try await store.append(page: page("https://b.example/1", published: t),
                                       figures: [figure("alibaba", value: "4000000000000", "HKD"),
                                                 figure("alibaba", value: "4200000000000", "HKD")], sourceID: nil)
            _ = try await store.append(page: page("https://c.example/1", published: t),
                                       figures: [figure("alibaba", value: "3900000000000", "HKD"),
                                                 figure("alibaba", value: "9000000000000", "CNY")], sourceID: nil)
            // Outside the window: not counted.
            _ = try await store.append(page: page("https://d.example/1", published: t + 3 * day),
                                       figures: [figure("alibaba", value: "4000000000000", "HKD")], sourceID: nil)
            let count = try await store.distinctHosts(
                entity: "alibaba", metric: .marketCap, kind: .level, currency: "HKD", range: range,
                since: september3, until: september3 + day)
            #expect(count == expected)
        }
    }
}
