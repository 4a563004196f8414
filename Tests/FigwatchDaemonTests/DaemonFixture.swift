import FigwatchStore
import FigwatchTestSupport
import Foundation

/// A temporary folder with a config, a loopback server serving news pages, and a
/// NOTIFY_SOCKET: everything a daemon test starts `figwatch run` against.
final class DaemonFixture: Sendable {
    let directory: URL
    let server: TestHTTPServer
    let notify: NotifySocket
    var configPath: String { directory.appendingPathComponent("figwatch.yaml").path }
    var storePath: String { directory.appendingPathComponent("figwatch.sqlite").path }

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        server = try await TestHTTPServer.start()
        notify = try NotifySocket(directory: directory)
    }

    func cleanUp() async {
        try? await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` with a new fixture and cleans it up afterwards, awaited, whether `body` returns or throws.
    static func with<T>(_ body: (DaemonFixture) async throws -> T) async throws -> T {
        try await withCleanUp(try await DaemonFixture(), { await $0.cleanUp() }, body)
    }

    /// An article whose only figure is `company`'s market cap of `trillions` trillion USD.
    static func page(_ company: String, trillions: String, day: Int = 3) -> String {
        """
        <html><head><title>\(company) market value</title>
        <meta property="article:published_time" content="2025-09-\(String(format: "%02d", day))T10:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
        <article><h1>\(company) shares climb</h1>
        <p>\(company)'s market value rose to $\(trillions) trillion on Monday, after the company reported record quarterly profit.</p>
        <p>Analysts said demand for its products remained strong across every region it sells in.</p>
        </article></body></html>
        """
    }

    /// The alert rule the daemon tests share: Acme's market cap above 4 trillion USD, clear below 3.8
    /// (append `    webhook: ...` or `    exec: ...` lines to it for delivery).
    static let aboveRule = """
        alerts:
          - id: acme-above-4t
            entity: acme
            metric: market_cap
            above: "4 trillion USD"
            clear_below: "3.8 trillion USD"

        """

    /// The fetch, log and defaults sections of every daemon test's configuration: no delay between
    /// requests to the loopback server, JSON log records (what `DaemonProcess.records` reads).
    static func runSections(perHostConcurrency: Int, concurrency: Int? = nil, timeout: String, interval: String) -> String {
        """
        fetch:
          per_host_delay: 0s
          per_host_concurrency: \(perHostConcurrency)\(concurrency.map { "\n  concurrency: \($0)" } ?? "")
          timeout: \(timeout)
        log:
          format: json
          level: info
        defaults:
          interval: \(interval)
        """
    }

    /// Writes the configuration: every source on `interval`, entities Acme and Globex.
    func writeConfig(sources: [(id: String, path: String, type: String)], interval: String = "1s", extra: String = "",
                     intervals: [String: String] = [:], fetchTimeout: String = "3s") throws {
        var yaml = """
            storage:
              path: \(storePath)
            \(Self.runSections(perHostConcurrency: 8, timeout: fetchTimeout, interval: interval))
            entities:
              - {id: acme, name: Acme Corp, aliases: [Acme]}
              - {id: globex, name: Globex, aliases: [Globex]}
            sources:

            """
        for source in sources {
            let own = intervals[source.id].map { ", interval: \($0)" } ?? ""
            yaml += "  - {id: \(source.id), url: \"\(server.url(source.path))\", type: \(source.type)\(own)}\n"
        }
        yaml += extra
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func start(_ extraArguments: [String] = []) throws -> DaemonProcess {
        try DaemonProcess(arguments: ["run", "--config", configPath] + extraArguments, environment: ["NOTIFY_SOCKET": notify.path])
    }

    /// The alert history as `state value` lines, oldest first; empty until the daemon has created the store.
    func history() async -> [String] {
        guard let store = try? SQLiteStore(path: storePath, access: .readOnly),
            let events = try? await store.alertHistory(since: nil)
        else { return [] }
        return events.map { "\($0.state) \($0.value?.description ?? "-")" }
    }

    /// The store as the CLI reads it while the daemon runs; empty until the daemon has created it.
    func levels(_ entity: String) async -> [String] {
        guard let store = try? SQLiteStore(path: storePath, access: .readOnly) else { return [] }
        let points = try? await store.series(
            entity: entity, metric: .marketCap, kind: .level, since: nil, until: nil, detail: .summary)
        return points?.map(\.value.description) ?? []
    }
}
