import FigwatchTestSupport
import Foundation
import Testing

/// Two daemons on one PostgreSQL database: each serves its own /metrics (its own fetches, the shared
/// store's leases and backlog) and the shared figures on its pages.
@Suite("HTTP listener on a shared PostgreSQL store", .serialized,
       .enabled(if: PostgresCluster.unavailableReason == nil || PostgresCluster.required,
                Comment(rawValue: PostgresCluster.unavailableReason ?? "")))
struct SharedStoreListenerTests {
    @Test("each daemon's /metrics and / over the shared data")
    func twoDaemons() async throws {
        try await PostgresCluster.withDatabase { cluster, database in
            let fixture = try await ListenerFixture()
            defer { Task { await fixture.cleanUp() } }
            fixture.server.route("/acme", .text(ListenerFixture.page("Acme", trillions: "3.2")))
            fixture.server.route("/globex", .text(ListenerFixture.page("Globex", trillions: "1.1")))
            var daemons: [DaemonProcess] = []
            defer { for daemon in daemons { daemon.signal(SIGKILL) } }
            var targets: [SimpleHTTPClient.Target] = []
            for owner in ["one", "two"] {
                let path = fixture.directory.appendingPathComponent("\(owner).yaml").path
                try """
                    storage:
                      backend: postgres
                      url: "\(cluster.url(database: database))"
                      owner: \(owner)
                      lease: 5s
                    fetch: {per_host_delay: 0s, timeout: 3s}
                    log: {format: json}
                    defaults: {interval: 1s}
                    http: {listen: "127.0.0.1:0"}
                    entities:
                      - {id: acme, name: Acme Corp, aliases: [Acme]}
                      - {id: globex, name: Globex, aliases: [Globex]}
                    sources:
                      - {id: acme, url: "\(fixture.server.url("/acme"))"}
                      - {id: globex, url: "\(fixture.server.url("/globex"))"}

                    """.write(toFile: path, atomically: true, encoding: .utf8)
                let daemon = try DaemonProcess(arguments: ["run", "--config", path])
                daemons.append(daemon)
                targets.append(try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)"))
            }
            for target in targets {
                #expect(await ListenerFixture.until(target, "/readyz", status: 200))
                // Whichever daemon fetched it, every daemon shows both figures.
                #expect(await eventually(timeout: .seconds(15)) {
                    let page = (try? SimpleHTTPClient.get(target, "/"))?.body ?? ""
                    return page.contains("data-value=\"3200000000000\"") && page.contains("data-value=\"1100000000000\"")
                })
                let metrics = try PrometheusText(SimpleHTTPClient.get(target, "/metrics").body)
                #expect(metrics.families["figwatch_webhook_queue_depth"]?.type == "gauge")
                #expect((metrics.value("figwatch_store_size_bytes") ?? 0) > 0)
                #expect(metrics.value("figwatch_figure_value", ["entity": "globex", "metric": "market_cap", "currency": "USD"]) == 1.1e12)
            }
            for daemon in daemons { daemon.signal(SIGTERM) }
            for daemon in daemons { #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0) }
        }
    }
}
