import FigwatchTestSupport
import Foundation

/// `figwatch-bench postgres`: source runs (claim, fetch, text, extraction, commit of page, figure and
/// source state) per second of one, two and three release daemons sharing one local PostgreSQL, beside
/// one daemon on SQLite, with 10,000 loopback sources at a 1 s interval: always more due than done, so
/// the figure is what the daemons and the database sustain. Every page changes on every fetch (its
/// figure moves), so every run commits a page and an observation.
///
/// The cluster is a throwaway one (`PostgresCluster`: Unix socket, `fsync=off`,
/// `synchronous_commit=off`): the figures measure CPU and locking, not the disk.
enum PostgresBench {
    static let command = "make bench BENCH=postgres (.build/release/figwatch-bench postgres)"
    static let sources = 10_000
    static let warmUp = 10
    static let window = 20

    static func run() async throws {
        print("\n== postgres (\(command))")
        guard Bench.daemonBuilt() else { return }
        if let reason = PostgresCluster.unavailableReason {
            print("  skipped: \(reason)")
            return
        }
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        try await storeRates(cluster)
        let news = try await MovingNewsServer.start()
        defer { Task { try? await news.shutdown() } }
        var sqliteRate: Double?
        let runs: [(daemons: Int, postgres: Bool)] = [(1, false), (1, true), (2, true), (3, true)]
        for run in runs {
            let storage: String
            var database: String?
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-pg-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            if run.postgres {
                let name = try cluster.createDatabase()
                database = name
                storage = "{backend: postgres, url: \"\(cluster.url(database: name))\", lease: 30s}"
            } else {
                storage = "{path: \(directory.path)/bench.sqlite}"
            }
            var yaml = """
                storage: \(storage)
                fetch: {per_host_delay: 0s, per_host_concurrency: 16, concurrency: 16}
                log: {format: json, level: warning}
                defaults: {interval: 1s}
                entities: [{id: acme, name: Acme, aliases: [Acme]}]
                sources:

                """
            for i in 0..<sources { yaml += "  - {id: s\(i), url: \"\(news.url(source: i))\"}\n" }
            let config = directory.appendingPathComponent("figwatch.yaml").path
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)

            let daemons = try (0..<run.daemons).map { _ in try DaemonProcess(arguments: ["run", "--config", config]) }
            try await Task.sleep(for: .seconds(warmUp))
            let before = news.served
            let started = ContinuousClock.now
            try await Task.sleep(for: .seconds(window))
            let rate = Double(news.served - before) / Bench.seconds(ContinuousClock.now - started)
            let alive = daemons.filter { $0.process.isRunning }.count
            for daemon in daemons { daemon.signal(SIGTERM) }
            for daemon in daemons { _ = await daemon.waitForExit(timeout: .seconds(10)) }
            if let database { try? cluster.dropDatabase(database) }
            let what = run.postgres
                ? "\(run.daemons) daemon\(run.daemons == 1 ? "" : "s") on PostgreSQL"
                : "1 daemon on SQLite"
            let comparison = sqliteRate.map { String(format: " (%.2fx SQLite)", rate / $0) } ?? ""
            Bench.report("source runs (claim + fetch + commit) per second, \(what), \(sources) sources at 1 s",
                         String(format: "%.0f runs/s", rate) + comparison
                            + (alive < run.daemons ? " (a daemon stopped early)" : ""),
                         target: "comparison only", met: nil)
            if !run.postgres { sqliteRate = rate }
        }
    }
}
