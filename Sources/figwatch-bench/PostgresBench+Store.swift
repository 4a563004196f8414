import FigwatchCore
import FigwatchPostgres
import FigwatchStore
import FigwatchTestSupport
import Foundation

/// The database side alone, through `PostgresStore` from this process: how many lease claims, source
/// completions and page appends one local PostgreSQL takes per second, with the writers a few daemons
/// would have. What the capacity plan in docs/SCALING.md divides by.
extension PostgresBench {
    static let storeSources = 20_000
    static let writers = 8

    static func storeRates(_ cluster: PostgresCluster) async throws {
        let database = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(database) }
        let location = try PostgresLocation(url: cluster.url(database: database))
        try await PostgresStore.withStore(location, options: .init(maximumConnections: writers)) { store in
            try await store.registerSources((0..<storeSources).map {
                SourceState(id: "s\($0)", url: "https://news\($0 % 50).example/\($0)", nextDueAt: 0)
            })
            // Claims: `writers` daemons claiming batches of 32 until nothing is due.
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            var started = ContinuousClock.now
            let claimed = try await withThrowingTaskGroup(of: [SourceState].self) { group in
                for w in 0..<writers {
                    group.addTask {
                        var mine: [SourceState] = []
                        while true {
                            let batch = try await store.claimDueSources(owner: "w\(w)", now: now, limit: 32, leaseFor: 60_000)
                            if batch.isEmpty { return mine }
                            mine += batch.map { var s = $0; s.leaseOwner = "w\(w)"; return s }
                        }
                    }
                }
                var all: [SourceState] = []
                for try await batch in group { all += batch }
                return all
            }
            let claimSeconds = Bench.seconds(ContinuousClock.now - started)
            Bench.report("sources claimed per second (batches of 32, \(writers) claimers, \(storeSources) due)",
                         String(format: "%.0f sources/s (%.0f claim statements/s)", Double(claimed.count) / claimSeconds,
                                Double(claimed.count) / 32 / claimSeconds),
                         target: "comparison only", met: nil)

            // Completions: each claimed source saved with its next due time, its lease released.
            started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in 0..<writers {
                    let mine = claimed.filter { $0.leaseOwner == "w\(w)" }
                    group.addTask {
                        for var state in mine {
                            state.lastFetchedAt = now
                            state.lastStatus = 200
                            state.nextDueAt = now + 900_000
                            _ = try await store.completeSource(state, owner: "w\(w)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let completeSeconds = Bench.seconds(ContinuousClock.now - started)
            Bench.report("source completions per second (\(writers) writers)",
                         String(format: "%.0f commits/s", Double(claimed.count) / completeSeconds),
                         target: "comparison only", met: nil)

            // Appends: a page with one new figure each, as a changed article commits it.
            let perWriter = 1_500
            started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in 0..<writers {
                    group.addTask {
                        for i in 0..<perWriter {
                            let n = w * perWriter + i
                            let page = PageRecord(url: "https://news\(n % 50).example/a/\(n)", contentHash: "h\(n)",
                                                  title: "Article \(n)", language: "en", publishedAt: now, fetchedAt: now)
                            let figure = Figure(
                                entity: "e\(n % 100)", metric: .marketCap, kind: .level,
                                value: ExactDecimal(significand: Int128(n + 1), exponent: 8)!, currency: "USD",
                                text: "$\(n)bn", sentence: "Company \(n % 100) was worth $\(n) billion.", offset: 0, lang: "en")
                            _ = try await store.append(page: page, figures: [figure], sourceID: "s\(n % storeSources)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let appendSeconds = Bench.seconds(ContinuousClock.now - started)
            Bench.report("page appends per second (1 figure each, \(writers) writers)",
                         String(format: "%.0f pages/s", Double(writers * perWriter) / appendSeconds),
                         target: "comparison only", met: nil)
            let size = try cluster.sql("SELECT pg_database_size(current_database())", database: database)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let bytes = (Double(size) ?? 0)
            Bench.report("database size after \(storeSources) sources and \(writers * perWriter) pages",
                         String(format: "%.1f MB", bytes / 1_048_576), target: "comparison only", met: nil)
        }
    }
}
