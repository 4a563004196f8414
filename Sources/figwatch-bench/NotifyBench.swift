import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import FigwatchDaemon
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Logging

/// `figwatch-bench notify`: 1,000 alert transitions queued in a SQLite store's outbox as the alert pass
/// queues them, then delivered by the daemon's sender (real libcurl) to a loopback webhook that counts
/// what it receives. Once one message per transition (`group_wait: 0s`, each entity its own group), once
/// all in one group (`group_by: [rule]`): one message listing the 1,000.
enum NotifyBench {
    static let command = "make bench BENCH=notify"
    static let transitions = 1_000

    static func run() async throws {
        Bench.say("\n== notify (\(command))")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-notify-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await TestHTTPServer.start()
        server.route("/each", .status(204))
        server.route("/grouped", .status(204))
        let path = directory.appendingPathComponent("figwatch.yaml").path
        try """
            storage: {path: \(directory.appendingPathComponent("notify.sqlite").path)}
            sources:
              - {id: none, url: "https://example.com/"}
            notifiers:
              - {id: each, type: webhook, url: "\(server.url("/each"))"}
              - {id: grouped, type: webhook, url: "\(server.url("/grouped"))"}
            alerts:
              - {id: each, metric: market_cap, above: "1 trillion USD", notify: [each], group_by: [rule, entity], group_wait: 0s}
              - {id: grouped, metric: market_cap, above: "1 trillion USD", notify: [grouped], group_by: [rule], group_wait: 0s}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try ConfigLoader.standard.load(path: path)
        let store = try SQLiteStore(path: configuration.storage.path)
        var logger = Logger(label: "figwatch-bench")
        logger.logLevel = .error
        let outbox = try NotificationOutbox(configuration: configuration, store: store, logger: logger)

        for (rule, route) in [("each", "/each"), ("grouped", "/grouped")] {
            let queueStart = ContinuousClock.now
            let now = SystemClock().now()
            for n in 0..<transitions {
                try await outbox.queue(transition(n, rule: rule, at: now), rule: rule)
            }
            let queued = Bench.seconds(ContinuousClock.now - queueStart)
            let start = ContinuousClock.now
            var messages = 0
            while server.requestCount(route) < (rule == "each" ? transitions : 1), ContinuousClock.now - start < .seconds(120) {
                messages += await outbox.deliverDue()
            }
            let elapsed = Bench.seconds(ContinuousClock.now - start)
            // What the receiver got: each transition's entity, counted.
            var counts: [String: Int] = [:]
            for request in server.requests(route) {
                let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
                let alerts = object["alerts"] as? [[String: Any]] ?? [object]
                for alert in alerts { counts[alert["entity"] as? String ?? "?", default: 0] += 1 }
            }
            let twice = counts.values.filter { $0 > 1 }.count
            let received = counts.values.reduce(0, +)
            let complete = counts.count == transitions && twice == 0
            if rule == "each" {
                Bench.report(
                    "1,000 transitions delivered to a loopback webhook, one message each (queued in \(String(format: "%.2f", queued)) s)",
                    String(format: "%.2f s (%.0f messages/s)", elapsed, Double(messages) / max(elapsed, 0.001)),
                    target: "< 10 s", met: elapsed < 10 && complete)
            } else {
                Bench.report(
                    "1,000 transitions of one group (group_by [rule]) as one message listing them",
                    String(format: "%.2f s, %d request(s), %d bytes", elapsed, server.requestCount(route),
                           server.requests(route).first?.body.count ?? 0),
                    target: "comparison only", met: nil)
            }
            Bench.report("  counted at the webhook", "\(received) transitions of \(counts.count) entities, \(twice) delivered twice",
                         target: "each of the 1,000 once", met: complete)
        }
        try await server.shutdown()
    }

    static func transition(_ n: Int, rule: String, at time: Int64) -> AlertTransition {
        var t = AlertTransition(
            rule: rule, entity: String(format: "e%04d", n), state: .firing, at: time, metric: .marketCap,
            value: ExactDecimal("\(1_000_000_000_000 + n * 1_000_000_000)")!, currency: "USD", threshold: "1 trillion USD",
            sourceURL: "https://news.example.com/\(n).html", sentence: "Company \(n)'s market value rose past $1 trillion.")
        t.sites = 1 + n % 3
        return t
    }
}
