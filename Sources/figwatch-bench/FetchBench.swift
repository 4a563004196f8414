import FigwatchFetch
import FigwatchTestSupport
import Foundation

/// Fetch throughput: `CurlFetcher` against the curl CLI, both pulling the same pages from the same
/// loopback server at the same concurrency. Target: at least as fast as curl.
///
/// Run: `make bench`, i.e. `swift build -c release --product figwatch-bench && .build/release/figwatch-bench fetch`.
enum FetchBench {
    static let pages = 2_000
    static let pageBytes = 100 * 1024
    static let concurrency = 16
    static let rounds = 11

    /// Runs when no area is named on the command line, or when `fetch` is.
    static func run() async throws {
        let areas = CommandLine.arguments.dropFirst()
        guard areas.isEmpty || areas.contains("fetch") else { return }

        let server = try await TestHTTPServer.start()
        server.route("/page", .bytes(count: pageBytes))
        let urls = (0..<pages).map { server.url("/page?i=\($0)") }
        let configFile = try writeCurlConfig(urls)
        defer { try? FileManager.default.removeItem(at: configFile) }
        let curlArguments = ["--parallel", "--parallel-max", "\(concurrency)", "--silent", "--show-error", "--fail",
                             "-K", configFile.path]

        let fetcher = try CurlFetcher(options: FetchOptions(
            maxBodyBytes: pageBytes * 2, concurrency: concurrency, perHostConcurrency: concurrency))
        _ = try await fetchAll(fetcher, Array(urls.prefix(100)))  // warm up both sides
        _ = try runCurl(curlArguments)

        var ours: [Duration] = []
        var theirs: [Duration] = []
        var oursCPU = 0.0, theirsCPU = 0.0
        for _ in 0..<rounds {
            // CPU seconds count both sides whole: this process holds the server as well as the fetcher,
            // so the curl rounds add the server's share here to curl's own (a reaped child).
            let before = cpuSeconds()
            ours.append(try await fetchAll(fetcher, urls))
            let middle = cpuSeconds()
            theirs.append(try runCurl(curlArguments))
            let after = cpuSeconds()
            oursCPU += middle.total - before.total
            theirsCPU += after.total - middle.total
        }
        fetcher.shutdown()
        try await server.shutdown()

        // The median of alternating rounds: the machine is shared, so single runs swing both ways.
        let oursMedian = ours.sorted()[rounds / 2], theirsMedian = theirs.sorted()[rounds / 2]
        print("fetch: \(pages) pages x \(pageBytes / 1024) KiB from a loopback server, concurrency \(concurrency), "
            + "median of \(rounds) alternating rounds")
        print("  command: swift build -c release --product figwatch-bench && .build/release/figwatch-bench fetch")
        print("  CurlFetcher                          \(rate(oursMedian))  CPU \(cpuText(oursCPU))")
        print("  curl --parallel --parallel-max \(concurrency)    \(rate(theirsMedian))  CPU \(cpuText(theirsCPU))   "
            + "(curl \(curlArguments.dropLast().joined(separator: " ")) URLS.conf, URLS.conf: url/output lines)")
        let ratio = Bench.seconds(theirsMedian) / Bench.seconds(oursMedian)
        print("  target CurlFetcher >= curl: \(ratio >= 1 ? "met" : "NOT met") "
            + "(\(String(format: "%.2f", ratio))x curl's throughput)")
    }

    /// Fetches every URL with twice as many worker tasks as the fetcher's concurrency (so its queue never
    /// runs dry, as in the daemon, without a task per page) and checks every byte count.
    private static func fetchAll(_ fetcher: CurlFetcher, _ urls: [String]) async throws -> Duration {
        let workers = concurrency * 2
        let start = ContinuousClock.now
        let bytes = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var received = 0
                    for url in stride(from: worker, to: urls.count, by: workers).map({ urls[$0] }) {
                        let page = try await fetcher.fetch(FetchRequest(url: url))
                        guard page.status == 200 else { throw Failure("HTTP \(page.status) for \(url)") }
                        received += page.body.count
                    }
                    return received
                }
            }
            return try await group.reduce(0, +)
        }
        guard bytes == urls.count * pageBytes else { throw Failure("got \(bytes) bytes, expected more") }
        return ContinuousClock.now - start
    }

    private static func writeCurlConfig(_ urls: [String]) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-bench-\(UUID().uuidString).conf")
        let lines = urls.map { "url = \"\($0)\"\noutput = \"/dev/null\"\n" }.joined()
        try Data(lines.utf8).write(to: file)
        return file
    }

    private static func runCurl(_ arguments: [String]) throws -> Duration {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl"] + arguments
        process.standardError = FileHandle.nullDevice  // curl 7.88 draws its parallel progress meter despite -s
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        guard process.terminationStatus == 0 else { throw Failure("curl exited with \(process.terminationStatus)") }
        return elapsed
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// User plus system CPU time of this process and of its reaped children (curl).
    private static func cpuSeconds() -> (total: Double, children: Double) {
        func seconds(_ who: Int32) -> Double {
            var usage = rusage()
            _ = getrusage(__rusage_who_t(who), &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        let children = seconds(RUSAGE_CHILDREN.rawValue)
        return (seconds(RUSAGE_SELF.rawValue) + children, children)
    }

    /// CPU seconds per 1000 pages, server included: the figure that load on a shared machine does not move.
    private static func cpuText(_ total: Double) -> String {
        String(format: "%.3f s per 1000 pages (server included)", total / Double(rounds * pages) * 1000)
    }


    private static func rate(_ elapsed: Duration) -> String {
        let s = Bench.seconds(elapsed)
        let pagesPerSecond = Double(pages) / s
        let megabytesPerSecond = Double(pages * pageBytes) / s / 1e6
        return String(format: "%7.0f pages/s  %7.1f MB/s  (%.2f s)", pagesPerSecond, megabytesPerSecond, s)
    }
}
