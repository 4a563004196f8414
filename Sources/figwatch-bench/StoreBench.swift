import FigwatchCore
import FigwatchStore
import Foundation

/// `figwatch-bench store`: append throughput and series query latency of `SQLiteStore`.
///
/// Appends 1,000,000 observations as 50,000 pages of 20 figures from 16 tasks at once (as the daemon's
/// source runs hand in their pages; pages that arrive while the writer is busy share a transaction)
/// to a fresh file in the temporary directory; then reads one entity's 100,000-point series. `FIGWATCH_BENCH_STORE_FILE=path` keeps the store in that file and, when it already exists,
/// skips the append and times only the queries (for working on them). Also times a short run with `durability: .powerLoss` to show what an fsync per transaction costs.
/// `FIGWATCH_BENCH_SERIES_RUNS=n` times the series query (as the table reads it) n times instead of 15
/// and stops there: for comparing two builds by their processes' run times, or profiling the query alone.
enum StoreBench {
    static let command = "swift build -c release --product figwatch-bench && .build/release/figwatch-bench store"

    static func run() async throws {
        Bench.say("\n== store (\(command))")
        Bench.say("  SQLite connections: " + (SQLiteStore.connectionsTakeMutex
            ? "serialized (a mutex per connection, SQLite's build default)" : "multi-thread mode (no mutex per connection)"))
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("figwatch-store-bench-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let keep = ProcessInfo.processInfo.environment["FIGWATCH_BENCH_STORE_FILE"]
        let path = keep ?? directory.appendingPathComponent("bench.sqlite").path
        let reuse = keep != nil && FileManager.default.fileExists(atPath: path)
        let store = try SQLiteStore(path: path)
        let pages = 50_000
        let perPage = 20
        let appenders = 16
        if !reuse {
            let (appendTime, cpu) = try await append(store, pages: pages, perPage: perPage, from: 0, appenders: appenders)
            let rate = Double(pages * perPage) / Bench.seconds(appendTime)
            let transactions = store.appendTransactions
            let group = max(1, Int((Double(pages) / Double(max(1, transactions))).rounded()))
            Bench.report("append, 20 figures per page, \(appenders) appending tasks (the daemon's fetch concurrency), durability .processCrash",
                   String(format: "%.0f observations/s (%d pages in %.2f s wall, %.2f s CPU = %.0f observations per CPU-second; %d transactions, %.1f pages each)",
                          rate, pages, Bench.seconds(appendTime), cpu, Double(pages * perPage) / cpu, transactions,
                          Double(pages) / Double(max(1, transactions))),
                   target: ">= 100000 observations/s", met: rate >= 100_000)

            let floorPath = directory.appendingPathComponent("bare.sqlite").path
            let floor = try BareSQLite.append(path: floorPath, pages: pages, perPage: perPage, group: group)
            let floorRate = Double(pages * perPage) / floor.wall
            Bench.report("the same append through the bare SQLite C API (same schema and statements, \(group) pages per transaction)",
                   String(format: "%.0f observations/s (%.2f s wall, %.2f s CPU = %.0f observations per CPU-second); figwatch reaches %.0f%% of it per CPU-second",
                          floorRate, floor.wall, floor.cpu, Double(pages * perPage) / floor.cpu,
                          100 * (Double(pages * perPage) / cpu) / (Double(pages * perPage) / floor.cpu)),
                   target: "comparison only", met: nil)
            try? FileManager.default.removeItem(atPath: floorPath)

            // One appender never overlaps itself, so every page is a transaction of its own.
            let singlePath = directory.appendingPathComponent("single.sqlite").path
            let single = try SQLiteStore(path: singlePath)
            let singlePages = 5_000
            let (singleTime, singleCPU) = try await append(single, pages: singlePages, perPage: perPage, from: 0, appenders: 1)
            let singleRate = Double(singlePages * perPage) / Bench.seconds(singleTime)
            Bench.report("append by one task (a transaction per page), \(singlePages) pages",
                   String(format: "%.0f observations/s (%.0f per CPU-second)", singleRate,
                          Double(singlePages * perPage) / singleCPU),
                   target: "comparison only", met: nil)
        }

        // Queried as `figwatch series` does: a read-only open of the file beside the writing store. The
        // target is the series as the command's table shows it (the row the issue names: time, metric,
        // kind, value, currency, bound, sources, first URL); CSV and JSON read each point's provenance
        // too, timed beside it.
        let reader = try SQLiteStore(path: path, access: .readOnly)
        let runs = ProcessInfo.processInfo.environment["FIGWATCH_BENCH_SERIES_RUNS"].flatMap { Int($0) }
        let summary = try await timeSeries(reader, detail: .summary, runs: max(1, runs ?? 15))
        Bench.report("series of one entity (\(summary.count) points) through a read-only open, as `figwatch series` (table), median of \(summary.runs)",
               summary.text, target: "< 100 ms", met: summary.median < 100 && summary.count == 100_000)
        if runs != nil { return }
        let full = try await timeSeries(reader, detail: .withProvenance, runs: 15)
        Bench.report("the same series with each point's provenance (sentence, alternates, times), as `figwatch series --format csv|json`, median of 15",
               full.text, target: "comparison only", met: nil)
        for withProvenance in [false, true] {
            var bareTimings: [Double] = []
            for _ in 0..<15 {
                bareTimings.append(try BareSQLite.series(path: path, entity: "e0", withProvenance: withProvenance).seconds)
            }
            bareTimings.sort()
            Bench.report("the same series query\(withProvenance ? " with provenance" : "") through the bare SQLite C API, reading every column, median of 15",
                   String(format: "%.1f ms wall (fastest %.1f ms)", bareTimings[7] * 1000, bareTimings[0] * 1000),
                   target: "comparison only", met: nil)
        }

        try store.checkpoint()
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        Bench.say(String(format: "  file size after %d observations: %.1f MB (%.0f bytes per observation)",
                     pages * perPage, Double(size) / 1e6, Double(size) / Double(pages * perPage)))

        let durablePath = directory.appendingPathComponent("durable.sqlite").path
        let durable = try SQLiteStore(path: durablePath, options: .init(durability: .powerLoss))
        let durablePages = 2_000
        let (durableTime, _) = try await append(durable, pages: durablePages, perPage: perPage, from: 0, appenders: appenders)
        let durableRate = Double(durablePages * perPage) / Bench.seconds(durableTime)
        Bench.report("append, durability .powerLoss (synchronous=FULL, an fsync per transaction), \(appenders) tasks, \(durablePages) pages",
               String(format: "%.0f observations/s (%.0f pages/s)", durableRate, Double(durablePages) / Bench.seconds(durableTime)),
               target: "comparison only", met: nil)
    }

    /// Appends `pages` pages of `perPage` distinct market-cap levels for ten entities, a minute apart,
    /// from `appenders` tasks at once (each awaiting its appends in turn, as the daemon's source runs do):
    /// the wall time and the process's CPU seconds of the appends, not counting the making of the figures.
    private static func append(_ store: SQLiteStore, pages: Int, perPage: Int, from first: Int, appenders: Int = 1)
        async throws -> (wall: Duration, cpu: Double)
    {
        let base: Int64 = 1_700_000_000_000
        // Figures are built before timing so the measure is the store's, not the test data's.
        let batches: [(PageRecord, [Figure])] = (first..<(first + pages)).map { n in
            let time = base + Int64(n) * 60_000
            let page = PageRecord(url: "https://news\(n % 7).example.com/article/\(n)", contentHash: "h\(n)",
                                  title: "Article \(n)", language: "en", publishedAt: time, fetchedAt: time + 5_000)
            let figures = (0..<perPage).map { i in
                Figure(entity: "e\(i % 10)", metric: .marketCap, kind: .level,
                       value: ExactDecimal(significand: Int128(n * perPage + i + 1), exponent: 8)!, currency: "USD",
                       text: "$\(n)bn", sentence: "Company \(i % 10) was worth $\(n) billion at the close.",
                       offset: 100 + i, lang: "en")
            }
            return (page, figures)
        }
        let clock = ContinuousClock()
        let cpuStart = Bench.cpuSeconds()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<appenders {
                group.addTask {
                    for index in stride(from: lane, to: batches.count, by: appenders) {
                        _ = try await store.append(page: batches[index].0, figures: batches[index].1, sourceID: "bench")
                    }
                }
            }
            try await group.waitForAll()
        }
        return (clock.now - start, Bench.cpuSeconds() - cpuStart)
    }

    /// Times `runs` series queries of e0's market-cap levels: the median and fastest wall time (ms),
    /// and a line for the report.
    private static func timeSeries(_ reader: SQLiteStore, detail: SeriesDetail, runs: Int) async throws
        -> (median: Double, count: Int, runs: Int, text: String)
    {
        var timings: [Duration] = []
        var cpuTimings: [Double] = []
        var count = 0
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            let cpuStart = Bench.cpuSeconds()
            count = try await reader.series(
                entity: "e0", metric: .marketCap, kind: .level, since: nil, until: nil, detail: detail).count
            cpuTimings.append(Bench.cpuSeconds() - cpuStart)
            timings.append(clock.now - start)
        }
        timings.sort()
        cpuTimings.sort()
        let median = Bench.seconds(timings[timings.count / 2]) * 1000
        let text = String(format: "%.1f ms wall (fastest %.1f ms), median CPU %.1f ms", median,
                          Bench.seconds(timings[0]) * 1000, cpuTimings[cpuTimings.count / 2] * 1000)
        return (median, count, runs, text)
    }
}
