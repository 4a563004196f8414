import FigwatchTestSupport
import Foundation
import Testing

/// The listener's life in the daemon: a port in use at start, a changed `listen:` on reload, SIGTERM.
@Suite("HTTP listener lifecycle", .serialized)
struct ListenerLifecycleTests {
    @Test("a port in use at start: the daemon exits 1 naming the address")
    func portInUseAtStart() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        let taken = fixture.server.port
        try fixture.writeConfig(http: "listen: 127.0.0.1:\(taken)", sources: [])
        let daemon = try fixture.start()
        #expect(await daemon.waitForExit(timeout: .seconds(20)) == 1)
        let errors = daemon.records.filter { $0["level"] == "error" || $0["level"] == "critical" }.compactMap { $0["msg"] }
        #expect(errors.contains { $0.contains("cannot listen on 127.0.0.1:\(taken)") && $0.contains("in use") }, "\(daemon.log)")
    }

    @Test("reload: a changed listen rebinds; a port in use is logged and the old address kept")
    func rebindOnReload() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        let first = try ListenerFixture.freePort()
        try fixture.writeConfig(http: "listen: 127.0.0.1:\(first)", sources: [])
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")
        #expect(try SimpleHTTPClient.get(target, "/healthz").status == 200)

        // To a port another server holds: an error in the log, the old address still answers.
        try fixture.writeConfig(http: "listen: 127.0.0.1:\(fixture.server.port)", sources: [])
        daemon.signal(SIGHUP)
        #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["event"] == "http_rebind_failed" })
        let failure = daemon.records.first { $0["event"] == "http_rebind_failed" }
        #expect(failure?["level"] == "error")
        #expect(failure?["kept"] == "127.0.0.1:\(first)")
        #expect(try SimpleHTTPClient.get(target, "/healthz").status == 200)

        // To a free port: the new one answers, the old one is closed.
        let second = try ListenerFixture.freePort()
        try fixture.writeConfig(http: "listen: 127.0.0.1:\(second)", sources: [])
        daemon.signal(SIGHUP)
        let moved = SimpleHTTPClient.Target.tcp(host: "127.0.0.1", port: second)
        #expect(await ListenerFixture.until(moved, "/healthz", status: 200))
        #expect(await eventually(timeout: .seconds(5)) { (try? SimpleHTTPClient.get(target, "/healthz")) == nil })

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(6)) == 0)
        #expect((try? SimpleHTTPClient.get(moved, "/healthz")) == nil)
    }
}
