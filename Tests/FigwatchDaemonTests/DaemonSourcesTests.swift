import FigwatchTestSupport
import Foundation
import Testing

/// Feeds, and sources failing beside healthy ones.
@Suite("Daemon sources", .serialized)
struct DaemonSourcesTests {
    static func rss(_ items: [Int], server: TestHTTPServer) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Markets</title>"
        for n in items.reversed() {
            xml += "<item><title>Story \(n)</title><link>\(server.url("/article/\(n)"))</link>"
            xml += "<pubDate>Wed, 0\(n) Sep 2025 10:00:00 GMT</pubDate></item>"
        }
        return xml + "</channel></rss>"
    }

    @Test("a feed with new items over three cycles: each article fetched exactly once")
    func feedItemsOnce() async throws {
        try await DaemonFixture.with { fixture in
            let server = fixture.server
            let served = LockedBox(0)
            server.route("/feed", .dynamic { _ in
                let cycle = served.withLock { count -> Int in
                    count += 1
                    return min(count, 3)
                }
                return .text(Self.rss(Array(1...cycle), server: server), contentType: "application/rss+xml")
            })
            for n in 1...3 {
                server.route("/article/\(n)", .text(DaemonFixture.page("Acme", trillions: "3.\(n)", day: n)))
            }
            try fixture.writeConfig(sources: [("markets", "/feed", "feed")])
            let daemon = try fixture.start()
            #expect(await eventually(timeout: .seconds(10)) { server.requestCount("/feed") >= 4 }, "log: \(daemon.log)")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
            #expect((1...3).map { server.requestCount("/article/\($0)") } == [1, 1, 1])
            #expect(await fixture.levels("acme") == ["3100000000000", "3200000000000", "3300000000000"])
        }
    }

    @Test("sources failing by reset, 500 and timeout: the healthy one's figures arrive on time, each failure is logged once")
    func failingBesideHealthy() async throws {
        try await DaemonFixture.with { fixture in
            let server = fixture.server
            server.route("/reset", .reset(Array(repeating: 65, count: 5000), after: 100))
            server.route("/error", .status(500))
            server.route("/stall", .stallAfterHeaders())
            server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2", day: 3)))
            try fixture.writeConfig(sources: [
                ("reset", "/reset", "page"), ("error", "/error", "page"), ("stall", "/stall", "page"), ("acme", "/acme", "page"),
            ])
            let daemon = try fixture.start()
            #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme") == ["3200000000000"] })
            // While the others keep failing (the stalled one holds a connection for its whole timeout),
            // a change of the healthy page is still seen (how soon: `VirtualTimeTests.scheduleAndBackoff`).
            server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.5", day: 4)))
            #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme").count == 2 })
            #expect(await fixture.levels("acme").last == "3500000000000")
            // Several failed attempts each, the stalled one's ended by its timeout.
            #expect(await eventually(timeout: .seconds(30)) {
                server.requestCount("/error") >= 3 && server.requestCount("/reset") >= 3
                    && daemon.records.contains { $0["event"] == "source_failing" && $0["source"] == "stall" }
            })
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
            for id in ["reset", "error", "stall"] {
                let failing = daemon.records.filter { $0["event"] == "source_failing" && $0["source"] == id }
                #expect(failing.count == 1, "\(id): \(failing)")
            }
            #expect(server.requestCount("/error") >= 2)
            let error = daemon.records.first { $0["event"] == "source_failing" && $0["source"] == "error" }
            #expect(error?["msg"] == "Source is failing: GET \(server.url("/error")) returned HTTP 500")
            let stall = daemon.records.first { $0["event"] == "source_failing" && $0["source"] == "stall" }
            #expect(stall?["msg"]?.contains("timed out after 3 s") == true, "\(String(describing: stall))")
        }
    }

    @Test("a source that recovers is logged once, with the count of failed attempts")
    func recovery() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .status(503))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")])
            let daemon = try fixture.start()
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["event"] == "source_failing" })
            #expect(await eventually(timeout: .seconds(10)) { fixture.server.requestCount("/acme") >= 2 })
            // Requests counted before the switch got 503; one racing the switch may have too.
            let failedBefore = fixture.server.requestCount("/acme")
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2")))
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["event"] == "source_recovered" })
            let recovered = daemon.records.first { $0["event"] == "source_recovered" }
            let failures = Int(recovered?["failures"] ?? "") ?? -1
            #expect(failures == failedBefore || failures == failedBefore + 1, "\(String(describing: recovered)), \(failedBefore) before")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
            #expect(daemon.records.filter { $0["event"] == "source_failing" }.count == 1)
        }
    }
}

@Suite("Daemon retention")
struct DaemonRetentionTests {
    @Test("storage.retention removes figures older than it, judged by their publication time")
    func retention() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/old", .text(DaemonFixture.page("Acme", trillions: "3.2", day: 3)))   // 2025-09-03
            try fixture.writeConfig(sources: [("old", "/old", "page")])
            var yaml = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
            yaml = yaml.replacingOccurrences(of: "storage:\n", with: "storage:\n  retention: 30d\n")
            try yaml.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
            let daemon = try DaemonProcess(arguments: ["run", "--once", "--config", fixture.configPath])
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0, "log: \(daemon.log)")
            let pruned = daemon.records.first { $0["msg"] == "Old records removed (storage.retention)." }
            #expect(pruned?["observations"] == "1", "log: \(daemon.log)")
            #expect(await fixture.levels("acme").isEmpty)
        }
    }
}
