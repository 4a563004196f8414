import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

/// Alerts end to end: a market cap rising in steps across cycles, the daemon killed with
/// SIGKILL between steps, a webhook receiver that fails, a command that reads the alert.
@Suite("Daemon alerts", .serialized)
struct DaemonAlertTests {
    static let rule = DaemonFixture.aboveRule

    @Test("one firing record when the level crosses, one resolved when it falls back, across two kill -9s")
    func crossingSurvivesKills() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.5", day: 1)))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], extra: Self.rule)
            var daemon = try fixture.start()
            #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme").count == 1 })

            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2", day: 2)))
            #expect(await eventually(timeout: .seconds(10)) { await fixture.history() == ["firing 4200000000000"] })
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["event"] == "alert" && $0["state"] == "firing" })
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit(timeout: .seconds(10))

            // Restarted on the same page: nothing fires again.
            daemon = try fixture.start()
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.3", day: 3)))
            #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme").count == 3 })
            // One more request: the run that stored 4.3 (and judged it) has ended.
            let seen = fixture.server.requestCount("/acme")
            #expect(await eventually(timeout: .seconds(10)) { fixture.server.requestCount("/acme") > seen })
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit(timeout: .seconds(10))
            #expect(await fixture.history() == ["firing 4200000000000"])

            daemon = try fixture.start()
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.9", day: 4)))   // above clear: still firing
            #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme").count == 4 })
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.7", day: 5)))
            #expect(await eventually(timeout: .seconds(10)) {
                await fixture.history() == ["firing 4200000000000", "resolved 3700000000000"]
            })
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["event"] == "alert" && $0["state"] == "resolved" })
            let resolved = daemon.records.first { $0["event"] == "alert" && $0["state"] == "resolved" }
            #expect(resolved?["level"] == "notice")
            #expect(resolved?["rule"] == "acme-above-4t")
            #expect(resolved?["source"] == fixture.server.url("/acme"))
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
            #expect(await fixture.history() == ["firing 4200000000000", "resolved 3700000000000"])
        }
    }

    /// When each retry comes is `VirtualTimeTests.webhookBackoff`'s part; this is the process end to end.
    @Test("a webhook receiver that fails the first 3 deliveries gets the alert exactly once in the end")
    func webhookRetried() async throws {
        try await DaemonFixture.with { fixture in
            let attempts = LockedBox(0)
            fixture.server.route("/hook", .dynamic { _ in
                let n = attempts.withLock { count -> Int in
                    count += 1
                    return count
                }
                return n <= 3 ? .status(500) : .status(204)
            })
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], extra: Self.rule + """
                    webhook: "\(fixture.server.url("/hook"))"

                """)
            // --once would send only one attempt; the running daemon retries.
            let daemon = try fixture.start()
            #expect(await daemon.waitForRecord(timeout: .seconds(20)) { $0["msg"] == "Webhook delivered." }, "log: \(daemon.log)")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
            let posts = fixture.server.requests("/hook")
            #expect(posts.count == 4)
            #expect(posts.allSatisfy { $0.method == "POST" && $0.header("Content-Type") == "application/json" })
            let body = try JSONSerialization.jsonObject(with: Data(posts.last!.body)) as? [String: Any]
            #expect(body?["rule"] as? String == "acme-above-4t")
            #expect(body?["state"] as? String == "firing")
            #expect(body?["value"] as? String == "4200000000000")
            #expect(body?["message"] as? String == "ALERT firing acme-above-4t: Acme Corp market_cap 4.2 trillion USD >= 4 trillion USD (\(fixture.server.url("/acme")))")
            #expect(daemon.records.filter { $0["msg"] == "Webhook delivery failed; will retry." }.count == 3)
        }
    }

    @Test("an exec command gets the alert in FIGWATCH_* variables and JSON on stdin, not in argv")
    func execCommand() async throws {
        try await DaemonFixture.with { fixture in
            let out = fixture.directory.appendingPathComponent("alert").path
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], extra: Self.rule + """
                    exec: [/bin/sh, -c, 'env > "$0.env"; cat > "$0.json"; echo "$@" > "$0.argv"', \(out)]

                """)
            let daemon = try DaemonProcess(arguments: ["run", "--once", "--config", fixture.configPath])
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0, "log: \(daemon.log)")
            let env = try String(contentsOfFile: out + ".env", encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(env.contains("FIGWATCH_RULE=acme-above-4t"))
            #expect(env.contains("FIGWATCH_ENTITY=acme"))
            #expect(env.contains("FIGWATCH_VALUE=4200000000000"))
            #expect(env.contains("FIGWATCH_CURRENCY=USD"))
            #expect(env.contains("FIGWATCH_STATE=firing"))
            #expect(env.contains { $0.hasPrefix("FIGWATCH_SENTENCE=Acme's market value rose to $4.2 trillion") })
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + ".json"))) as? [String: Any]
            #expect(json?["entity_name"] as? String == "Acme Corp")
            #expect(try String(contentsOfFile: out + ".argv", encoding: .utf8) == "\n")   // nothing page-derived in argv
        }
    }

    @Test("fx.feed: the ECB rates let a euro threshold judge a dollar figure, and the record names them")
    func ecbRates() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2")))
            fixture.server.route("/eurofxref-daily.xml", .text(ECBFixture.document, contentType: "text/xml"))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], extra: """
                alerts:
                  - {id: acme-eur, entity: acme, metric: market_cap, above: "3.5 trillion EUR"}
                fx:
                  rates: {USD: 1, HKD: 7.78}
                  feed: "\(fixture.server.url("/eurofxref-daily.xml"))"

                """)
            let daemon = try DaemonProcess(arguments: ["run", "--once", "--config", fixture.configPath])
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0, "log: \(daemon.log)")
            let alert = daemon.records.first { $0["event"] == "alert" }
            #expect(alert?["rate"] == "1 USD = 0.858001 EUR (ECB 2025-09-03)", "\(daemon.log)")
            #expect(await fixture.history() == ["firing 4200000000000"])
        }
    }
}

enum ECBFixture {
    static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
          <Cube><Cube time="2025-09-03"><Cube currency="USD" rate="1.1655"/><Cube currency="HKD" rate="9.0879"/></Cube></Cube>
        </gesmes:Envelope>
        """
}
