import FigwatchTestSupport
import Foundation
import Testing

/// `/metrics`, `/healthz` and `/readyz` of a daemon the test starts, read with real HTTP requests and
/// a strict parser of the text format.
@Suite("HTTP metrics and health", .serialized)
struct MetricsEndpointTests {
    /// Every family the issue names that a daemon with one source, one alert and figures exposes, and
    /// its type.
    static let families: [(String, String)] = [
        ("figwatch_source_fetches_total", "counter"), ("figwatch_fetch_duration_seconds", "histogram"),
        ("figwatch_source_up", "gauge"), ("figwatch_source_last_success_timestamp_seconds", "gauge"),
        ("figwatch_source_consecutive_failures", "gauge"), ("figwatch_pages_processed_total", "counter"),
        ("figwatch_figures_extracted_total", "counter"), ("figwatch_figures_stored_total", "counter"),
        ("figwatch_alert_state", "gauge"), ("figwatch_alert_transitions_total", "counter"),
        ("figwatch_webhook_queue_depth", "gauge"), ("figwatch_notifications_total", "counter"),
        ("figwatch_figure_value", "gauge"), ("figwatch_figure_timestamp_seconds", "gauge"),
        ("figwatch_store_append_duration_seconds", "histogram"), ("figwatch_store_size_bytes", "gauge"),
        ("figwatch_build_info", "gauge"), ("process_resident_memory_bytes", "gauge"),
        ("process_cpu_seconds_total", "counter"), ("process_open_fds", "gauge"),
    ]

    @Test("every family with its type; counters and the figure move between two scrapes around a fetch")
    func scrapeAroundAFetch() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        fixture.server.route("/acme", .text(ListenerFixture.page("Acme", trillions: "3.2")))
        try fixture.writeConfig(http: "listen: 127.0.0.1:0")
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")

        let health = try SimpleHTTPClient.get(target, "/healthz")
        #expect(health.status == 200 && health.body == "ok\n")
        #expect(await ListenerFixture.until(target, "/readyz", status: 200), "log: \(daemon.log)")
        #expect(await eventually(timeout: .seconds(10)) {
            (try? PrometheusText(SimpleHTTPClient.get(target, "/metrics").body))?.value(
                "figwatch_alert_state", ["rule": "acme-above-3t", "entity": "acme"]) == 2
        })

        let first = try SimpleHTTPClient.get(target, "/metrics")
        #expect(first.status == 200)
        #expect(first.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
        let before = try PrometheusText(first.body)
        for (name, type) in Self.families {
            #expect(before.families[name]?.type == type, "\(name): \(String(describing: before.families[name]?.type))")
        }
        #expect(before.value("figwatch_figure_value", ["entity": "acme", "metric": "market_cap", "currency": "USD"]) == 3.2e12)
        #expect(before.value("figwatch_figure_timestamp_seconds", ["entity": "acme", "metric": "market_cap", "currency": "USD"])
            == 1_756_893_600)
        #expect(before.value("figwatch_source_up", ["source": "acme"]) == 1)
        #expect(before.value("figwatch_source_consecutive_failures", ["source": "acme"]) == 0)
        #expect(before.value("figwatch_alert_transitions_total", ["rule": "acme-above-3t", "state": "firing"]) == 1)
        #expect(before.value("figwatch_notifications_total", ["channel": "log", "result": "ok"]) == 1)
        #expect(before.value("figwatch_build_info", ["version": "0.1.0"]) == 1)
        #expect((before.value("process_resident_memory_bytes") ?? 0) > 1_000_000)
        #expect((before.value("process_open_fds") ?? 0) > 3)

        // The page changes: one more fetch, page and figure; the figure's gauge follows.
        let fetchedBefore = before.value("figwatch_source_fetches_total", ["source": "acme", "result": "ok"]) ?? 0
        let pagesBefore = before.value("figwatch_pages_processed_total") ?? 0
        fixture.server.route("/acme", .text(ListenerFixture.page("Acme", trillions: "3.5", day: 4)))
        #expect(await eventually(timeout: .seconds(10)) {
            (try? PrometheusText(SimpleHTTPClient.get(target, "/metrics").body))?.value(
                "figwatch_figure_value", ["entity": "acme", "metric": "market_cap", "currency": "USD"]) == 3.5e12
        })
        let after = try PrometheusText(SimpleHTTPClient.get(target, "/metrics").body)
        #expect((after.value("figwatch_source_fetches_total", ["source": "acme", "result": "ok"]) ?? 0) > fetchedBefore)
        #expect((after.value("figwatch_pages_processed_total") ?? 0) == pagesBefore + 1)
        #expect((after.value("figwatch_figures_stored_total", ["metric": "market_cap"]) ?? 0) == 2)
        #expect((after.value("figwatch_fetch_duration_seconds_count") ?? 0) > (before.value("figwatch_fetch_duration_seconds_count") ?? 0))
        // Label values are the configuration's ids and fixed words, never page content.
        for family in after.families.values {
            for sample in family.samples {
                for (label, value) in sample.labels where ["source", "entity", "rule"].contains(label) {
                    #expect(["acme", "globex", "acme-above-3t"].contains(value), "\(sample.name) \(label)=\(value)")
                }
            }
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(6)) == 0)
    }

    @Test("/readyz says 503 and why until a fetch has finished (even a failed one); figwatch health follows it")
    func readiness() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        // The only source stalls: its first run ends with the 3 s timeout, not before.
        fixture.server.route("/acme", .stallAfterHeaders())
        try fixture.writeConfig(http: "listen: 127.0.0.1:0")
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")
        guard case .tcp(_, let port) = target else { Issue.record("not TCP"); return }
        let url = "http://127.0.0.1:\(port)/readyz"
        let early = try SimpleHTTPClient.get(target, "/readyz")
        #expect(early.status == 503)
        #expect(early.body == "not ready: no fetch has finished yet\n")
        let notYet = try CommandRun.figwatch(["health", "--url", url])
        #expect(notYet.status == 1)
        #expect(notYet.stdout == "not ready: no fetch has finished yet\n")
        #expect(await ListenerFixture.until(target, "/readyz", status: 200, timeout: .seconds(15)))
        let ready = try CommandRun.figwatch(["health", "--config", fixture.configPath, "--url", url])
        #expect(ready.status == 0 && ready.stdout == "ready\n", "\(ready)")
        let metrics = try PrometheusText(SimpleHTTPClient.get(target, "/metrics").body)
        #expect(metrics.value("figwatch_source_up", ["source": "acme"]) == 0)
        #expect((metrics.value("figwatch_source_fetches_total", ["source": "acme", "result": "network_error"]) ?? 0) >= 1)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(8)) == 0)
    }
}
