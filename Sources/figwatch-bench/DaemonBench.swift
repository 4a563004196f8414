import FigwatchTestSupport
import Foundation

/// `figwatch-bench daemon`: the release daemon watching 1,000 loopback sources at a 1 s
/// interval for 60 s (`FIGWATCH_BENCH_DAEMON_SECONDS` for longer churn, e.g. 1800). Every page
/// changes on every fetch (its figure moves), so each fetch runs the whole pipeline: text,
/// extraction, store, alert rules.
///
/// Memory is reported three ways: RSS (what `top` shows, mostly library code), PSS (shared pages
/// divided among the processes that map them) and private memory (Private_Dirty: the pages the
/// daemon wrote, its heap and stacks among them, what it controls). The targets are on private
/// memory (issue 25).
enum DaemonBench {
    static let command = "make bench (swift build -c release && .build/release/figwatch-bench daemon)"
    static let sources = 1_000
    static let duration = max(10, Int(ProcessInfo.processInfo.environment["FIGWATCH_BENCH_DAEMON_SECONDS"] ?? "") ?? 60)

    static func run() async throws {
        print("\n== daemon (\(command))")
        guard Bench.daemonBuilt() else { return }
        // The binary was usually written moments ago (make bench builds it first). Until the kernel
        // writes those pages back they are dirty in the page cache, and smaps counts every one the
        // daemon maps as its Private_Dirty: 11 MB of an idle daemon's 16 MB, gone 30 s later. Written
        // back first, private memory is what the daemon itself wrote.
        sync()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-daemon-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let news = try await MovingNewsServer.start()
        defer { Task { try? await news.shutdown() } }
        var yaml = """
            storage: {path: \(directory.path)/bench.sqlite}
            fetch: {per_host_delay: 0s, per_host_concurrency: 16, concurrency: 16}
            log: {format: json, level: warning}
            defaults: {interval: 1s}
            entities: [{id: acme, name: Acme, aliases: [Acme]}]
            alerts: [{id: acme-high, entity: acme, metric: market_cap, new_high: true}]
            sources:

            """
        for i in 0..<sources { yaml += "  - {id: s\(i), url: \"\(news.url(source: i))\"}\n" }
        let config = directory.appendingPathComponent("figwatch.yaml").path
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)

        let floor = try await Self.idle(in: directory)
        let daemon = try DaemonProcess(arguments: ["run", "--config", config])
        var samples: [(second: Int, rss: Int, served: Int, cpu: Double, own: Int, pss: Int)] = []
        for second in 1...duration {
            try await Task.sleep(for: .seconds(1))
            guard let rss = Bench.rssKB(pid: daemon.pid), let cpu = Bench.cpuSeconds(pid: daemon.pid),
                  let own = Bench.privateKB(pid: daemon.pid), let pss = Bench.smapsKB(pid: daemon.pid, "Pss") else { break }
            samples.append((second, rss, news.served, cpu, own, pss))
        }
        let split = Split(pid: daemon.pid)
        daemon.signal(SIGTERM)
        _ = await daemon.waitForExit(timeout: .seconds(10))
        guard samples.count == duration else {
            print("  the daemon stopped early; log: \(daemon.log.suffix(5))")
            return
        }
        let half = duration / 2
        let pagesPerSecond = Double(samples[duration - 1].served - samples[half - 1].served) / Double(duration - half)
        let cpuPerThousand = (samples[duration - 1].cpu - samples[half - 1].cpu) * 1000
            / Double(max(1, samples[duration - 1].served - samples[half - 1].served))
        let peak = samples.map(\.rss).max()!
        let startLast = samples[half - 1].rss, endLast = samples[duration - 1].rss
        let growth = Double(endLast - startLast) / Double(startLast) * 100
        Bench.report("pages fetched and processed per second (last \(duration - half) s, \(sources) sources at 1 s)",
                     String(format: "%.0f pages/s", pagesPerSecond), target: "comparison only (1,000 asked for)", met: nil)
        Bench.report("the daemon's CPU time per 1,000 pages (user + system, last \(duration - half) s; the server not included)",
                     String(format: "%.2f s", cpuPerThousand), target: "comparison only", met: nil)
        Bench.report("peak RSS over \(duration) s", String(format: "%.1f MB", Double(peak) / 1024),
                     target: "comparison only (the target moved to private memory, below)", met: nil)
        Bench.report("RSS at the end, the daemon's own (heap, stacks) + mapped files (shared libraries' code)",
                     split.description, target: "comparison only", met: nil)
        Bench.report("RSS of an idle daemon (no sources, \(idleSeconds) s): the floor under the target",
                     floor.description, target: "comparison only", met: nil)
        Bench.report("RSS growth across the last \(duration - half) s",
                     String(format: "%.1f MB -> %.1f MB (%+.1f%%)", Double(startLast) / 1024, Double(endLast) / 1024, growth),
                     target: "comparison only", met: nil)
        let peakOwn = samples.map(\.own).max()!, peakPSS = samples.map(\.pss).max()!
        let ownStart = samples[half - 1].own, ownEnd = samples[duration - 1].own
        let ownGrowth = Double(ownEnd - ownStart) / Double(max(1, ownStart)) * 100
        Bench.report("peak private memory (Private_Dirty of smaps_rollup: heap, stacks, written pages) over \(duration) s",
                     String(format: "%.1f MB (PSS peak %.1f MB, RSS peak %.1f MB)", Double(peakOwn) / 1024, Double(peakPSS) / 1024, Double(peak) / 1024),
                     target: "< 16 MB", met: peakOwn < 16 * 1024)
        Bench.report("private memory growth across the last \(duration - half) s of churn",
                     String(format: "%.1f MB -> %.1f MB (%+.1f%%)", Double(ownStart) / 1024, Double(ownEnd) / 1024, ownGrowth),
                     target: "< 5% (issue 25 asks 30 minutes: FIGWATCH_BENCH_DAEMON_SECONDS=1800)", met: ownGrowth < 5)
    }

    static let idleSeconds = 5

    /// RSS as anonymous memory (what the process allocated) and file-backed pages (the binary and
    /// the libraries it maps: Swift runtime, Foundation, ICU, libcurl, OpenSSL, SQLite ...).
    struct Split: CustomStringConvertible {
        var anonymousKB = 0, fileKB = 0, privateKB = 0, pssKB = 0
        init(pid: Int32) {
            anonymousKB = Bench.statusKB(pid: pid, "RssAnon") ?? 0
            fileKB = Bench.statusKB(pid: pid, "RssFile") ?? 0
            privateKB = Bench.privateKB(pid: pid) ?? 0
            pssKB = Bench.smapsKB(pid: pid, "Pss") ?? 0
        }
        var description: String {
            String(format: "%.1f MB = %.1f MB own + %.1f MB files; private %.1f MB, PSS %.1f MB", Double(anonymousKB + fileKB) / 1024,
                   Double(anonymousKB) / 1024, Double(fileKB) / 1024, Double(privateKB) / 1024, Double(pssKB) / 1024)
        }
    }

    /// The same daemon with no sources, after `idleSeconds`.
    private static func idle(in directory: URL) async throws -> Split {
        let config = directory.appendingPathComponent("idle.yaml").path
        try "storage: {path: \(directory.path)/idle.sqlite}\nlog: {format: json, level: warning}\nsources: []\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(arguments: ["run", "--config", config])
        try await Task.sleep(for: .seconds(idleSeconds))
        let split = Split(pid: daemon.pid)
        daemon.signal(SIGTERM)
        _ = await daemon.waitForExit(timeout: .seconds(10))
        return split
    }
}
