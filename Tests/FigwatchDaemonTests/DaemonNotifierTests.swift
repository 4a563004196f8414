import FigwatchTestSupport
import Foundation
import Testing

/// Notifiers through the running daemon: a crossing reaches each notifier once, also across a restart.
@Suite("Daemon notifiers", .serialized)
struct DaemonNotifierTests {
    @Test("one crossing, two notifiers: each gets one message, and a restart sends nothing again")
    func eachNotifierOnce() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/slack", .text("ok", contentType: "text/plain"))
            fixture.server.route("/discord", .status(204))
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], extra: """
                notifiers:
                  - {id: chat, type: slack, url: "\(fixture.server.url("/slack"))"}
                  - {id: room, type: discord, url: "\(fixture.server.url("/discord"))", timeout: 2s}

                """ + DaemonFixture.aboveRule + """
                    notify: [chat, room]
                    group_wait: 1s

                """)
            var daemon = try fixture.start()
            #expect(await eventually(timeout: .seconds(20)) {
                fixture.server.requestCount("/slack") == 1 && fixture.server.requestCount("/discord") == 1
            }, "log: \(daemon.log)")
            // Both marked delivered (a kill between a receiver's 2xx and that mark may repeat one message).
            for id in ["chat", "room"] {
                #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["msg"] == "Notification delivered." && $0["notifier"] == id })
            }
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit(timeout: .seconds(10))

            daemon = try fixture.start()
            let seen = fixture.server.requestCount("/acme")
            #expect(await eventually(timeout: .seconds(10)) { fixture.server.requestCount("/acme") > seen + 1 })
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
            #expect(fixture.server.requestCount("/slack") == 1)
            #expect(fixture.server.requestCount("/discord") == 1)
            let text = try JSONSerialization.jsonObject(with: Data(fixture.server.requests("/slack")[0].body)) as? [String: Any]
            #expect((text?["text"] as? String)?.hasPrefix("FIRING Acme Corp: market cap 4.2 trillion USD") == true)
        }
    }

    @Test("a notifier whose receiver never answers delays no other notifier, no fetch and no alert")
    func hangingNotifier() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/stuck", TestRoute.text("late").delayed(by: .seconds(600)))
            fixture.server.route("/fast", .status(204))
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], extra: """
                notifiers:
                  - {id: stuck, type: slack, url: "\(fixture.server.url("/stuck"))", timeout: 120s}
                  - {id: fast, type: discord, url: "\(fixture.server.url("/fast"))"}

                """ + DaemonFixture.aboveRule + """
                    notify: [stuck, fast]
                    group_wait: 0s
                    group_interval: 0s

                """)
            let daemon = try fixture.start()
            #expect(await eventually(timeout: .seconds(20)) {
                fixture.server.requestCount("/fast") == 1 && fixture.server.requestCount("/stuck") == 1
            }, "log: \(daemon.log.suffix(20))")
            // The stuck delivery has 120 s to go; meanwhile Acme falls back, resolving the alert, and the
            // fast notifier gets that at once, while the source is still fetched every second.
            let fetched = fixture.server.requestCount("/acme")
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.5", day: 4)))
            #expect(await eventually(timeout: .seconds(20)) { fixture.server.requestCount("/fast") == 2 }, "log: \(daemon.log.suffix(20))")
            #expect(fixture.server.requestCount("/acme") > fetched)
            #expect(fixture.server.requestCount("/stuck") == 1)
            let resolved = try JSONSerialization.jsonObject(with: Data(fixture.server.requests("/fast")[1].body)) as? [String: Any]
            #expect((resolved?["content"] as? String)?.hasPrefix("RESOLVED Acme Corp: market cap 3.5 trillion USD") == true)
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(15)) == 0, "a hung delivery does not hold up shutdown")
        }
    }
}
