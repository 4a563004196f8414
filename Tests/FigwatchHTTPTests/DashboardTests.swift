import FigwatchTestSupport
import Foundation
import Testing

/// The dashboard's pages, fetched from a daemon the test starts: what they show agrees with
/// `figwatch series` and `figwatch alerts` on the same store, and page content cannot become markup.
@Suite("HTTP dashboard", .serialized)
struct DashboardTests {
    /// HTML in the sentence (as text: the page escaped it), quotes, an RTL override and an RTL mark.
    static let hostile = " &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39; &#x202E;gnp &#x200F;"

    @Test("/, /entity/acme, /alerts, /sources agree with the CLI; hostile strings arrive escaped")
    func pagesAgreeWithTheCLI() async throws {
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        fixture.server.route("/acme", .text(ListenerFixture.page("Acme", trillions: "3.2", extra: Self.hostile)))
        try fixture.writeConfig(http: "listen: 127.0.0.1:0", entityName: "Acme <i>'Corp'</i> \u{202E}x")
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")
        #expect(await ListenerFixture.until(target, "/readyz", status: 200))
        #expect(await eventually(timeout: .seconds(10)) {
            (try? SimpleHTTPClient.get(target, "/alerts"))?.body.contains("acme-above-3t") == true
        })

        let index = try SimpleHTTPClient.get(target, "/")
        #expect(index.status == 200)
        #expect(index.header("content-type") == "text/html; charset=utf-8")
        #expect(index.header("content-security-policy")?.hasPrefix("default-src 'none'; style-src 'self'") == true)
        #expect(index.header("x-content-type-options") == "nosniff")
        #expect(index.body.contains("data-value=\"3200000000000\""))
        #expect(index.body.contains("3.2 trillion USD"))
        #expect(index.body.contains("acme-above-3t: firing"))
        #expect(index.body.contains("Acme &lt;i&gt;&#39;Corp&#39;&lt;/i&gt; \u{202E}x"), "\(index.body)")
        #expect(!index.body.contains("<i>"))

        let entity = try SimpleHTTPClient.get(target, "/entity/acme")
        #expect(entity.status == 200)
        #expect(entity.body.contains("<svg"))
        #expect(entity.body.contains("id=\"chart-market_cap\""))
        #expect(!entity.body.contains("<script"))
        #expect(entity.body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39; \u{202E}gnp \u{200F}"), "\(entity.body)")
        #expect(!entity.body.contains("<?xml"))

        // The table's values are the series `figwatch series` prints for the same store.
        let csv = try CommandRun.figwatch(["series", "acme", "market_cap", "--format", "csv", "--config", fixture.configPath])
        #expect(csv.status == 0, "\(csv.stderr)")
        let cliValues = csv.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[3]) }
        let pageValues = Self.attributes("data-value", in: Self.section(entity.body, after: "<table class=\"figures\">"))
        #expect(!cliValues.isEmpty && pageValues == cliValues.reversed(), "page \(pageValues), cli \(cliValues)")

        // The alert history `figwatch alerts` prints is on /alerts.
        let alerts = try SimpleHTTPClient.get(target, "/alerts")
        let cli = try CommandRun.figwatch(["alerts", "--format", "json", "--config", fixture.configPath])
        let events = cli.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(events.count == 1)
        for event in events {
            let rule = event["rule"] as? String ?? "?", state = event["state"] as? String ?? "?"
            #expect(alerts.body.contains("<td>\(rule)</td><td>acme</td><td><span class=\"badge \(state)\">\(state)</span>"))
            #expect(alerts.body.contains("datetime=\"\(event["at"] as? String ?? "?")\""))
        }
        #expect(alerts.body.contains("<span class=\"badge firing\">acme-above-3t</span> acme"))

        let sources = try SimpleHTTPClient.get(target, "/sources")
        #expect(sources.body.contains(">acme</a></td><td>page</td>"))
        #expect(try SimpleHTTPClient.get(target, "/entity/nobody").status == 404)
        #expect(try SimpleHTTPClient.get(target, "/static/style.css").header("content-type") == "text/css; charset=utf-8")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(6)) == 0)
    }

    static func section(_ html: String, after marker: String) -> String {
        guard let range = html.range(of: marker) else { return "" }
        return String(html[range.upperBound...])
    }

    static func attributes(_ name: String, in html: String) -> [String] {
        html.components(separatedBy: "\(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}
