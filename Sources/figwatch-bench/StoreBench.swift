import FigwatchCore
import FigwatchStore
import Foundation

/// `figwatch-bench store`: append throughput and series query latency of `SQLiteStore`.
///
/// Appends 1,000,000 observations as 50,000 pages of 20 figures, one transaction per page (as the
/// daemon does), to a fresh file in the temporary directory; then reads one entity's 100,000-point
/// series. Also times a short run with `durability: .powerLoss` to show what an fsync per page costs.
enum StoreBench {
    static let command = "swift build -c release --product figwatch-bench && .build/release/figwatch-bench store"

    static func run() async throws {
        say("\n== store (\(command))")
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("figwatch-store-bench-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let path = directory.appendingPathComponent("bench.sqlite").path
        let store = try SQLiteStore(path: path)
        let pages = 50_000
        let perPage = 20
        let cpuBefore = cpuSeconds()
        let appendTime = try await append(store, pages: pages, perPage: perPage, from: 0)
        let cpu = cpuSeconds() - cpuBefore
        let rate = Double(pages * perPage) / Bench.seconds(appendTime)
        Bench.report("append, 20 figures per page, durability .processCrash (synchronous=NORMAL)",
               String(format: "%.0f observations/s (%d pages in %.2f s wall, %.2f s CPU = %.0f observations per CPU-second)",
                      rate, pages, Bench.seconds(appendTime), cpu, Double(pages * perPage) / cpu),
               target: ">= 100000 observations/s", met: rate >= 100_000)

        var timings: [Duration] = []
        var cpuTimings: [Double] = []
        var count = 0
        for _ in 0..<7 {
            let clock = ContinuousClock()
            let start = clock.now
            let cpuStart = cpuSeconds()
            count = try await store.series(entity: "e0", metric: .marketCap, kind: .level, since: nil, until: nil).count
            cpuTimings.append(cpuSeconds() - cpuStart)
            timings.append(clock.now - start)
        }
        timings.sort()
        cpuTimings.sort()
        let median = Bench.seconds(timings[timings.count / 2]) * 1000
        Bench.report("series of one entity (\(count) points), median of 7",
               String(format: "%.1f ms wall (fastest %.1f ms), median CPU %.1f ms", median, Bench.seconds(timings[0]) * 1000,
                      cpuTimings[cpuTimings.count / 2] * 1000),
               target: "< 100 ms", met: median < 100 && count == 100_000)

        try store.checkpoint()
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        say(String(format: "  file size after %d observations: %.1f MB (%.0f bytes per observation)",
                     pages * perPage, Double(size) / 1e6, Double(size) / Double(pages * perPage)))

        let durablePath = directory.appendingPathComponent("durable.sqlite").path
        let durable = try SQLiteStore(path: durablePath, options: .init(durability: .powerLoss))
        let durablePages = 2_000
        let durableTime = try await append(durable, pages: durablePages, perPage: perPage, from: 0)
        let durableRate = Double(durablePages * perPage) / Bench.seconds(durableTime)
        Bench.report("append, durability .powerLoss (synchronous=FULL, fsync per page), \(durablePages) pages",
               String(format: "%.0f observations/s (%.0f pages/s)", durableRate, Double(durablePages) / Bench.seconds(durableTime)),
               target: "comparison only", met: nil)
    }

    /// Appends `pages` pages of `perPage` distinct market-cap levels for ten entities, a minute apart.
    private static func append(_ store: SQLiteStore, pages: Int, perPage: Int, from first: Int) async throws -> Duration {
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
        let start = clock.now
        for (page, figures) in batches {
            _ = try await store.append(page: page, figures: figures, sourceID: "bench")
        }
        return clock.now - start
    }

    /// Unbuffered, so a long run shows each figure as soon as it is measured.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// User + system CPU time of this process: the machine is shared, so wall time alone overstates cost.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }


}
