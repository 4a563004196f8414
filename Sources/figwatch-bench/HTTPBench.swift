import FigwatchConfig
import FigwatchCore
import FigwatchHTTP
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Logging
import ServiceLifecycle

/// `figwatch-bench http`: the listener (issue 23) in this process over a store of 1,000,000 figures
/// (100 entities, three metrics, a year) with 1,000 configured sources whose fetch metrics are filled
/// in: `/metrics` per scrape, `/` and `/entity/ID` per page, each the median of repeated requests
/// over loopback with a fresh connection per request (as curl in a loop).
enum HTTPBench {
    static let command = "make bench BENCH=http"

    static func run() async throws {
        Bench.say("\n== http (\(command))")
        FigwatchMetrics.bootstrap()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-http-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let storePath = ProcessInfo.processInfo.environment["FIGWATCH_BENCH_HTTP_STORE"]
            ?? directory.appendingPathComponent("http.sqlite").path
        let store = try SQLiteStore(path: storePath)
        if try await store.lastSightingID() == 0 {
            let started = ContinuousClock.now
            try await fill(store, figures: 1_000_000)
            Bench.say(String(format: "  store of 1,000,000 figures written in %.1f s", Bench.seconds(ContinuousClock.now - started)))
        }
        let port = 19_464 + Int(getpid() % 500)
        let configuration = try configuration(directory: directory, storePath: storePath, port: port)
        for source in configuration.sources {
            FigwatchMetrics.fetched(source: source.id, result: .ok, duration: .milliseconds(120))
            FigwatchMetrics.fetched(source: source.id, result: .notModified, duration: .milliseconds(40))
            FigwatchMetrics.sourceRan(source: source.id, succeeded: true, consecutiveFailures: 0, at: 1_760_000_000_000)
        }
        var logger = Logger(label: "figwatch-bench")
        logger.logLevel = .error
        let listener = HTTPListenerService(configuration: configuration, store: store, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [listener], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let target = SimpleHTTPClient.Target.tcp(host: "127.0.0.1", port: port)
            for _ in 0..<200 where (try? SimpleHTTPClient.get(target, "/healthz")) == nil {
                try await Task.sleep(for: .milliseconds(50))
            }
            let first = try time(target, "/", runs: 1)
            Bench.report("/ first render (100 entities x 3 metrics read from the store, then cached until figures change)",
                         String(format: "%.1f ms", first.median), target: "comparison only", met: nil)
            let metrics = try time(target, "/metrics", runs: 200)
            Bench.report("/metrics with 1,000 sources and 100 entities (\(metrics.bytes) bytes), median of 200",
                         String(format: "%.2f ms (p90 %.2f ms)", metrics.median, metrics.p90), target: "< 5 ms", met: metrics.median < 5)
            let index = try time(target, "/", runs: 100)
            Bench.report("/ over 1,000,000 figures, repeated (overview and page cached; \(index.bytes) bytes), median of 100",
                         String(format: "%.2f ms (p90 %.2f ms)", index.median, index.p90), target: "< 50 ms", met: index.median < 50)
            // Each entity's first request renders it; later ones are served from the page cache until
            // figures are stored. Both are reported: the first is what a changing store costs.
            var cold: [Double] = []
            for e in 20..<40 { cold.append(try time(target, "/entity/e\(e)", runs: 1).median) }
            cold.sort()
            Bench.report("/entity/ID first render (10,000 figures: 3 charts of 3,333 points, 300 table rows), median over 20 entities",
                         String(format: "%.0f ms (fastest %.0f ms)", cold[cold.count / 2], cold[0]), target: "< 50 ms",
                         met: cold[cold.count / 2] < 50)
            let entity = try time(target, "/entity/e7", runs: 30)
            Bench.report("/entity/e7 over 1,000,000 figures, repeated (page cache; \(entity.bytes) bytes), median of 30",
                         String(format: "%.1f ms (p90 %.1f ms)", entity.median, entity.p90), target: "< 50 ms", met: entity.median < 50)
            let month = try time(target, "/entity/e7?metric=market_cap&since=30d", runs: 30)
            Bench.report("/entity/e7?metric=market_cap&since=30d, median of 30",
                         String(format: "%.1f ms (p90 %.1f ms)", month.median, month.p90), target: "< 50 ms", met: month.median < 50)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try await scrapeCost()
    }

    /// The daemon's throughput and CPU per page with and without a scrape of /metrics every second:
    /// the issue asks for a drop under 2%. Two runs of the release daemon, one after the other.
    static func scrapeCost() async throws {
        guard FileManager.default.isExecutableFile(atPath: BuiltProduct.figwatch.path) else {
            Bench.say("  skipped the daemon under scrape: \(BuiltProduct.figwatch.path) not built (make bench builds it)")
            return
        }
        let server = try await TestHTTPServer.start()
        defer { Task { try? await server.shutdown() } }
        let served = LockedBox(0)
        server.route("/page", .dynamic { _ in
            let n = served.withLock { count -> Int in
                count += 1
                return count
            }
            let value = 3000 + n % 997
            return .text("""
                <html><head><title>Acme</title></head><body><article><h1>Acme shares move</h1>
                <p>Acme's market value rose to $\(value / 1000).\(value % 1000) trillion on Monday, after the company reported results.</p>
                <p>Analysts said demand remained strong across every region, and the company kept its guidance.</p>
                </article></body></html>
                """)
        })
        let seconds = 20
        var results: [(pagesPerSecond: Double, cpuPerThousand: Double, scrapes: Int)] = []
        for scraping in [false, true] {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-scrape-bench-\(getpid())-\(scraping)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var yaml = """
                storage: {path: \(directory.path)/bench.sqlite}
                fetch: {per_host_delay: 0s, per_host_concurrency: 16, concurrency: 16}
                log: {format: json, level: notice}
                defaults: {interval: 1s}
                http: {listen: "127.0.0.1:0"}
                entities: [{id: acme, name: Acme, aliases: [Acme]}]
                sources:

                """
            for i in 0..<200 { yaml += "  - {id: s\(i), url: \"\(server.url("/page?i=\(i)"))\"}\n" }
            let config = directory.appendingPathComponent("figwatch.yaml").path
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
            let daemon = try DaemonProcess(arguments: ["run", "--config", config])
            var address: String?
            _ = await daemon.waitForRecord(timeout: .seconds(20)) { record in
                address = record["address"]
                return record["event"] == "http_listening"
            }
            let port = address.flatMap { $0.split(separator: ":").last.flatMap { Int($0) } } ?? 0
            try await Task.sleep(for: .seconds(5))  // past the start-up spread of first runs
            let startServed = served.withLock { $0 }, startCPU = Bench.cpuSeconds(pid: daemon.pid) ?? 0
            var scrapes = 0
            for _ in 0..<seconds {
                try await Task.sleep(for: .seconds(1))
                if scraping, (try? SimpleHTTPClient.get(.tcp(host: "127.0.0.1", port: port), "/metrics"))?.status == 200 {
                    scrapes += 1
                }
            }
            let pages = served.withLock { $0 } - startServed
            let cpu = (Bench.cpuSeconds(pid: daemon.pid) ?? 0) - startCPU
            daemon.signal(SIGTERM)
            _ = await daemon.waitForExit(timeout: .seconds(10))
            results.append((Double(pages) / Double(seconds), cpu * 1000 / Double(max(1, pages)), scrapes))
        }
        let drop = (results[0].pagesPerSecond - results[1].pagesPerSecond) / results[0].pagesPerSecond * 100
        let cpuGrowth = (results[1].cpuPerThousand - results[0].cpuPerThousand) / results[0].cpuPerThousand * 100
        Bench.report("daemon throughput, 200 sources at 1 s, \(seconds) s each: unscraped vs /metrics every second (\(results[1].scrapes) scrapes)",
                     String(format: "%.1f vs %.1f pages/s (%.1f%% drop); CPU per 1,000 pages %.2f vs %.2f s (%+.1f%%)",
                            results[0].pagesPerSecond, results[1].pagesPerSecond, drop, results[0].cpuPerThousand,
                            results[1].cpuPerThousand, cpuGrowth),
                     target: "drop < 2%", met: drop < 2)
    }

    struct Timing {
        var median: Double
        var p90: Double
        var bytes: Int
    }

    static func time(_ target: SimpleHTTPClient.Target, _ path: String, runs: Int) throws -> Timing {
        var samples: [Double] = []
        var bytes = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let reply = try SimpleHTTPClient.get(target, path)
            samples.append(Bench.seconds(ContinuousClock.now - start) * 1000)
            guard reply.status == 200 else { throw SimpleHTTPClient.Failure(description: "\(path): HTTP \(reply.status)") }
            bytes = reply.body.utf8.count
        }
        samples.sort()
        return Timing(median: samples[samples.count / 2], p90: samples[samples.count * 9 / 10], bytes: bytes)
    }

    static func configuration(directory: URL, storePath: String, port: Int) throws -> Configuration {
        var yaml = "storage:\n  path: \(storePath)\nhttp:\n  listen: 127.0.0.1:\(port)\nentities:\n"
        for e in 0..<100 { yaml += "  - {id: e\(e), name: Company \(e)}\n" }
        yaml += "alerts:\n"
        for e in 0..<20 { yaml += "  - {id: e\(e)-above, entity: e\(e), metric: market_cap, above: \"1 trillion USD\"}\n" }
        yaml += "sources:\n"
        for s in 0..<1000 { yaml += "  - {id: s\(s), url: \"https://news\(s % 50).example.com/feed/\(s)\", type: feed}\n" }
        let path = directory.appendingPathComponent("figwatch.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try ConfigLoader.standard.load(path: path)
    }

    /// `figures` levels: 100 entities x 3 metrics, spread over the year before now, 20 per page.
    static func fill(_ store: SQLiteStore, figures: Int) async throws {
        let perPage = 20, pages = figures / perPage
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let span: Int64 = 365 * 86_400_000
        let metrics: [Metric] = [.marketCap, .valuation, .funding]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    for n in stride(from: lane, to: pages, by: 8) {
                        let time = now - span + Int64(n) * span / Int64(pages)
                        let page = PageRecord(
                            url: "https://news\(n % 50).example.com/a/\(n)", contentHash: "h\(n)", title: "Article \(n)",
                            language: "en", publishedAt: time, fetchedAt: time + 5_000)
                        let found = (0..<perPage).map { i in
                            let k = n * perPage + i
                            return Figure(
                                entity: "e\(k % 100)", metric: metrics[(k / 100) % 3], kind: .level,
                                value: ExactDecimal(significand: Int128(1_000 + (k % 997)), exponent: 9)!, currency: "USD",
                                text: "$\(k)bn", sentence: "Company \(k % 100) was worth about $\(1_000 + k % 997) billion, people said.",
                                offset: 100 + i, lang: "en")
                        }
                        _ = try await store.append(page: page, figures: found, sourceID: "s\(n % 1000)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
