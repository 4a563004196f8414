import FigwatchTestSupport
import Foundation
import Testing

/// More sources due than run slots (fetch.concurrency 1: two runs in flight at most): the
/// ones that wait still run, each once per pass.
@Suite("Daemon backlog", .serialized)
struct DaemonBacklogTests {
    static let sources = 12

    static func writeConfig(_ fixture: DaemonFixture) throws {
        var yaml = """
            storage: {path: \(fixture.storePath)}
            fetch: {per_host_delay: 0s, per_host_concurrency: 1, concurrency: 1, timeout: 3s}
            log: {format: json, level: info}
            defaults: {interval: 1s}
            entities: [{id: acme, name: Acme Corp, aliases: [Acme]}]
            sources:

            """
        for n in 0..<sources {
            fixture.server.route("/p\(n)", .text(DaemonFixture.page("Acme", trillions: "3.\(n + 10)")))
            yaml += "  - {id: s\(n), url: \"\(fixture.server.url("/p\(n)"))\"}\n"
        }
        try yaml.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
    }

    @Test("--once with more sources than run slots: every source fetched exactly once, then exit 0")
    func oncePassRunsEverySourceOnce() async throws {
        try await DaemonFixture.with { fixture in
            try Self.writeConfig(fixture)
            let daemon = try fixture.start(["--once"])
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == 0, "log: \(daemon.log)")
            #expect((0..<Self.sources).map { fixture.server.requestCount("/p\($0)") } == Array(repeating: 1, count: Self.sources))
        }
    }

    @Test("sources at 1 s beyond the run slots: each is fetched again and again, none starves")
    func waitingSourcesStillRun() async throws {
        try await DaemonFixture.with { fixture in
            try Self.writeConfig(fixture)
            let daemon = try fixture.start()
            let everyThrice = await eventually(timeout: .seconds(30)) {
                (0..<Self.sources).allSatisfy { fixture.server.requestCount("/p\($0)") >= 3 }
            }
            #expect(everyThrice, "requests: \((0..<Self.sources).map { fixture.server.requestCount("/p\($0)") }) log: \(daemon.log.suffix(5))")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
        }
    }
}
