import FigwatchCore
import Foundation
import Testing

@testable import FigwatchStore

@Suite("Store retention and file size")
struct RetentionTests {
    @Test("pruning deletes old observations, unreferenced old pages and old history, keeps the rest",
          arguments: StoreBackend.tested)
    func prunesByAge(_ backend: StoreBackend) async throws {
        let now = september3 + 20 * day
        try await withStore(backend, maxAge: 10 * day) { store in
            for n in 0..<20 {
                let t = september3 + Int64(n) * day
                _ = try await store.append(page: page("https://a.example/\(n)", published: t, fetched: t),
                                           figures: [figure("tsmc", value: "\(n + 1)000000000000", "TWD")], sourceID: nil)
            }
            try await store.markFollowed(sourceID: "feed", urls: ["https://a.example/old"], at: september3)
            try await store.recordAlert(
                state: AlertStateRecord(rule: "r", entity: "tsmc", state: "firing", since: september3),
                event: AlertEvent(rule: "r", entity: "tsmc", state: "firing", at: september3), webhook: nil)
            let lastSighting = try await store.lastSightingID()
            let result = try await applyRetention(store, now: now)
            #expect(result == PruneResult(observations: 10, pages: 10, followedLinks: 1, alertEvents: 1, webhooks: 0))
            let points = try await store.series(entity: "tsmc", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.count == 10)
            #expect(points.first?.time == september3 + 10 * day)
            #expect(try await store.pageUnchanged(url: "https://a.example/3", contentHash: "hash of https://a.example/3") == false)
            #expect(try await store.pageUnchanged(url: "https://a.example/15", contentHash: "hash of https://a.example/15"))
            // Sighting ids survive retention: the newest id stays, and the next page gets a higher one.
            #expect(try await store.lastSightingID() == lastSighting)
            _ = try await store.append(page: page("https://a.example/new", published: now, fetched: now),
                                       figures: [figure("tsmc", value: "21000000000000", "TWD")], sourceID: nil)
            #expect(try await store.sightings(after: lastSighting, limit: 10).map(\.url) == ["https://a.example/new"])
            if let sqlite = store as? SQLiteStore {
                #expect(try await sqlite.integrityCheck() == ["ok"])
            }
        }
        // Keep-all is the default.
        try await withStore(backend) { store in
            let result = try await applyRetention(store, now: now)
            #expect(result == PruneResult())
        }
    }

    @Test("the file stays the same size under churn: append, prune, append, prune ...")
    func steadySizeUnderChurn() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("churn.sqlite").path
            let store = try SQLiteStore(path: path)
            var sizes: [Int] = []
            for round in 0..<6 {
                let base = september3 + Int64(round) * 10 * day
                for n in 0..<200 {
                    let t = base + Int64(n) * hour
                    let figures = (0..<20).map { i in
                        figure("e\(i)", value: "\(round)\(n)\(i)000000", sentence: String(repeating: "words ", count: 30))
                    }
                    _ = try await store.append(page: page("https://a.example/\(round)/\(n)", published: t, fetched: t),
                                               figures: figures, sourceID: nil)
                }
                _ = try await store.prune(olderThan: base)  // keep only this round
                try store.checkpoint()
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                sizes.append((attributes[.size] as? Int) ?? 0)
            }
            let stats = try await store.fileStatistics()
            #expect(stats.incrementalVacuum && stats.freePages == 0)
            // Round 0 sets the working size; later rounds hold as much data and must not grow the file.
            let steady = sizes[1]
            #expect(sizes.dropFirst(2).allSatisfy { $0 <= steady + steady / 10 }, "file sizes per round: \(sizes)")
            #expect(try await store.integrityCheck() == ["ok"])
        }
    }
}
