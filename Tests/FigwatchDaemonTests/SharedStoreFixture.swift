import FigwatchTestSupport
import Foundation

/// Daemons sharing one PostgreSQL database: a loopback server whose pages record when each was
/// requested, a configuration naming the database, and the daemons as child processes.
final class SharedStoreFixture: Sendable {
    let directory: URL
    let server: TestHTTPServer
    let cluster: PostgresCluster
    let database: String
    let started = ContinuousClock.now
    /// Request times per path, in seconds since `started`.
    private let times = LockedBox<[String: [Double]]>([:])

    var configPath: String { directory.appendingPathComponent("figwatch.yaml").path }

    init(cluster: PostgresCluster, database: String) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        server = try await TestHTTPServer.start()
        self.cluster = cluster
        self.database = database
    }

    func cleanUp() async {
        try? await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` with a new fixture and cleans it up afterwards, awaited, whether `body` returns or throws.
    static func with<T>(cluster: PostgresCluster, database: String, _ body: (SharedStoreFixture) async throws -> T)
        async throws -> T
    {
        try await withCleanUp(try await SharedStoreFixture(cluster: cluster, database: database), { await $0.cleanUp() }, body)
    }

    /// Serves `body` at `path` (as it is when requested), noting the time of every request.
    func serve(_ path: String, _ body: @escaping @Sendable () -> String) {
        let times = self.times, started = self.started
        server.route(path, .dynamic { _ in
            let at = ContinuousClock.now - started
            times.withLock { $0[path, default: []].append(Double(at.components.seconds) + Double(at.components.attoseconds) / 1e18) }
            return .text(body())
        })
    }

    /// When each path was requested (seconds since the fixture started).
    func requestTimes() -> [String: [Double]] { times.withLock { $0 } }

    func seconds() -> Double {
        let at = ContinuousClock.now - started
        return Double(at.components.seconds) + Double(at.components.attoseconds) / 1e18
    }

    /// The configuration: `paths` as page sources on `interval`, the Acme alert rule with a webhook
    /// to `/hook` and the `notifiers` (each at its path on the server), leases of `lease`.
    func writeConfig(
        paths: [String], interval: String, lease: String, notifiers: [(id: String, type: String, path: String)] = []
    ) throws {
        var yaml = """
            storage:
              backend: postgres
              url: "\(cluster.url(database: database))"
              lease: \(lease)
            \(DaemonFixture.runSections(perHostConcurrency: 16, concurrency: 16, timeout: "5s", interval: interval))
            entities:
              - {id: acme, name: Acme Corp, aliases: [Acme]}

            """
        if !notifiers.isEmpty {
            yaml += "notifiers:\n" + notifiers.map { "  - {id: \($0.id), type: \($0.type), url: \"\(server.url($0.path))\"}\n" }.joined()
        }
        yaml += DaemonFixture.aboveRule + "    webhook: \"\(server.url("/hook"))\"\n"
        // No group wait or interval: each transition goes as soon as it is queued (grouping has tests of its own).
        if !notifiers.isEmpty {
            yaml += "    notify: [\(notifiers.map(\.id).joined(separator: ", "))]\n    group_wait: 0s\n    group_interval: 0s\n"
        }
        yaml += "sources:\n"
        for path in paths {
            yaml += "  - {id: \"\(path.dropFirst())\", url: \"\(server.url(path))\"}\n"
        }
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts `figwatch run` named `owner` in the leases.
    func start(owner: String) throws -> DaemonProcess {
        try DaemonProcess(arguments: ["run", "--config", try writeOwnConfig(owner: owner)])
    }

    /// The configuration with `storage.owner: OWNER`; returns its path.
    func writeOwnConfig(owner: String) throws -> String {
        let config = try String(contentsOfFile: configPath, encoding: .utf8)
        let own = directory.appendingPathComponent("\(owner).yaml").path
        try config.replacingOccurrences(of: "  lease:", with: "  owner: \(owner)\n  lease:")
            .write(toFile: own, atomically: true, encoding: .utf8)
        return own
    }

    /// One SQL value from the shared database, trimmed.
    func sql(_ query: String) throws -> String {
        try cluster.sql(query, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Seconds beyond its interval that only a source nobody fetches any more explains, not a loaded machine.
    static let starved = 10.0

    /// Paths not requested in some window of `interval + slack` seconds within `from..<to` (a gap between
    /// requests, or from `from` to the first, or from the last to `to`, longer than that), paths
    /// requested twice within `interval - slack` seconds from `from - interval` on, and the longest such
    /// gap of any path (printed by the tests, to show how near the limit a run came).
    func coverage(paths: [String], from: Double, to: Double, interval: Double, slack: Double)
        -> (missed: [String: [Double]], doubled: [String: [Double]], longestGap: Double)
    {
        let all = requestTimes()
        var missed: [String: [Double]] = [:], doubled: [String: [Double]] = [:]
        var longestGap = 0.0
        for path in paths {
            let times = (all[path] ?? []).sorted()
            let edges = [from] + times.filter { $0 >= from && $0 < to } + [to]
            let gap = zip(edges, edges.dropFirst()).map { $1 - $0 }.max() ?? 0
            longestGap = max(longestGap, gap)
            if gap > interval + slack { missed[path] = times }
            let recent = times.filter { $0 >= from - interval }
            if zip(recent, recent.dropFirst()).contains(where: { $1 - $0 < interval - slack }) { doubled[path] = times }
        }
        return (missed, doubled, longestGap)
    }
}
