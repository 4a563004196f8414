import FigwatchTestSupport
import Foundation
import HummingbirdBcrypt
import Testing

/// Who may read: basic auth against a bcrypt users file, allowed networks, a Unix socket, IPv6.
@Suite("HTTP listener access", .serialized)
struct ListenerAccessTests {
    @Test("with users_file: 401 without or with wrong credentials, 200 with them; figwatch health passes them")
    func basicAuth() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        fixture.server.route("/acme", .text(ListenerFixture.page("Acme", trillions: "3.2")))
        let users = fixture.directory.appendingPathComponent("users.txt")
        try "# htpasswd -B\nalice:\(Bcrypt.hash("s3cret pass", cost: 5))\n".write(to: users, atomically: true, encoding: .utf8)
        try fixture.writeConfig(http: "listen: 127.0.0.1:0\nusers_file: users.txt")
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")
        for path in ["/metrics", "/", "/healthz", "/entity/acme"] {
            let anonymous = try SimpleHTTPClient.get(target, path)
            #expect(anonymous.status == 401, "\(path)")
            #expect(anonymous.header("www-authenticate") == "Basic realm=\"figwatch\", charset=\"UTF-8\"")
            #expect(try SimpleHTTPClient.get(target, path, headers: SimpleHTTPClient.basicAuth("alice", "wrong")).status == 401)
            #expect(try SimpleHTTPClient.get(target, path, headers: SimpleHTTPClient.basicAuth("bob", "s3cret pass")).status == 401)
            #expect(try SimpleHTTPClient.get(target, path, headers: SimpleHTTPClient.basicAuth("alice", "s3cret pass")).status == 200)
        }
        guard case .tcp(_, let port) = target else { return }
        #expect(await eventually(timeout: .seconds(10)) {
            (try? CommandRun.figwatch(
                ["health", "--url", "http://127.0.0.1:\(port)/readyz"],
                environment: ["FIGWATCH_HEALTH_USER": "alice", "FIGWATCH_HEALTH_PASSWORD": "s3cret pass"]))?.status == 0
        })
        #expect(try CommandRun.figwatch(["health", "--url", "http://127.0.0.1:\(port)/readyz"]).status == 1)
    }

    @Test("allowed_networks without the client's address: 403 on every path; with it: 200")
    func allowedNetworks() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        fixture.server.route("/acme", .text(ListenerFixture.page("Acme", trillions: "3.2")))
        try fixture.writeConfig(http: "listen: 127.0.0.1:0\nallowed_networks: [10.0.0.0/8, \"fd00::/8\"]")
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")
        for path in ["/metrics", "/", "/healthz", "/readyz", "/sources"] {
            let refused = try SimpleHTTPClient.get(target, path)
            #expect(refused.status == 403, "\(path)")
            #expect(refused.body == "forbidden: 127.0.0.1 is not in http.allowed_networks\n")
        }
        // A reload that allows 127.0.0.1/32 applies without rebinding.
        try fixture.writeConfig(http: "listen: 127.0.0.1:0\nallowed_networks: [10.0.0.0/8, 127.0.0.1/32]")
        daemon.signal(SIGHUP)
        #expect(await ListenerFixture.until(target, "/healthz", status: 200))
        #expect(daemon.records.filter { $0["event"] == "http_listening" }.count == 1)
    }

    @Test("a Unix socket path: the pages and figwatch health over it")
    func unixSocket() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        fixture.server.route("/acme", .text(ListenerFixture.page("Acme", trillions: "3.2")))
        try fixture.writeConfig(http: "listen: \(fixture.socketPath)")
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")
        guard case .unix(let path) = target else { Issue.record("not a socket: \(target)"); return }
        #expect(path == fixture.socketPath)
        #expect(try SimpleHTTPClient.get(target, "/healthz").status == 200)
        #expect(await ListenerFixture.until(target, "/readyz", status: 200))
        let metrics = try PrometheusText(SimpleHTTPClient.get(target, "/metrics").body)
        #expect(metrics.families["figwatch_source_fetches_total"] != nil)
        let health = try CommandRun.figwatch(["health", "--config", fixture.configPath])
        #expect(health.status == 0 && health.stdout == "ready\n", "\(health)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(6)) == 0)
    }

    @Test("[::1]:PORT listens on IPv6 loopback")
    func ipv6Loopback() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        try fixture.writeConfig(http: "listen: \"[::1]:0\"", sources: [])
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")
        guard case .tcp(let host, _) = target else { Issue.record("not TCP"); return }
        #expect(host == "::1")
        #expect(try SimpleHTTPClient.get(target, "/healthz").status == 200)
        // No sources: ready as soon as the store answers.
        #expect(try SimpleHTTPClient.get(target, "/readyz").status == 200)
    }

    @Test("check-config warns when the listener reaches beyond loopback without users_file")
    func checkConfigWarns() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        try fixture.writeConfig(http: "listen: 0.0.0.0:9464")
        let open = try CommandRun.figwatch(["check-config", "--config", fixture.configPath])
        #expect(open.status == 0)
        #expect(open.stderr.hasPrefix("warning: http.listen 0.0.0.0:9464 accepts connections beyond loopback"), "\(open.stderr)")
        try fixture.writeConfig(http: "listen: 127.0.0.1:9464")
        #expect(try CommandRun.figwatch(["check-config", "--config", fixture.configPath]).stderr == "")
    }
}
