import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
@testable import FigwatchDaemon
import FigwatchFetch
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Logging
import Testing

/// Grouping (`group_by`, `group_wait`, `group_interval`) from the outbox to loopback receivers: a real
/// SQLite store, real libcurl, the rows the alert pass queues (`AlertPass.messages`), and virtual time.
@Suite("Notifier grouping", .serialized)
struct NotifierGroupingTests {
    typealias Harness = NotifierDeliveryTests.Harness

    static let names = ["alibaba": "Alibaba Group", "tencent": "Tencent", "meituan": "Meituan", "xiaomi": "Xiaomi", "byd": "BYD"]
    static let entities = ["alibaba", "tencent", "meituan", "xiaomi", "byd"]

    static func crossing(_ entity: String, rule: String = "hk-above-1t", at time: Int64, sites: Int = 2) -> AlertTransition {
        var t = AlertTransition(
            rule: rule, entity: entity, state: .firing, at: time, metric: .marketCap,
            value: ExactDecimal("1200000000000")!, currency: "HKD", threshold: "1 trillion HKD",
            sourceURL: "https://news.example.com/\(entity).html", sentence: "\(names[entity] ?? entity)市值突破1萬億港元。")
        t.sites = sites
        return t
    }

    static func rule(_ id: String, by fields: [AlertGrouping.Field], wait: Duration = .seconds(30), interval: Duration = .seconds(300))
        -> AlertRule
    {
        var rule = AlertRule(
            id: id, entity: nil, metric: .marketCap,
            condition: .above(.init(value: ExactDecimal("1000000000000")!, currency: "HKD", text: "1 trillion HKD"),
                              clear: .init(value: ExactDecimal("1000000000000")!, currency: "HKD", text: "1 trillion HKD")))
        rule.grouping = AlertGrouping(by: fields, wait: wait, interval: interval)
        return rule
    }

    /// Queues a transition as the alert pass does: state, and one row per notifier, in one write.
    static func queue(_ t: AlertTransition, rule: AlertRule, to notifiers: [Notifier], in h: Harness) async throws {
        let rows = AlertPass.messages(for: t, entityName: names[t.entity] ?? t.entity, rule: rule, notifiers: notifiers)
        let state = AlertStateRecord(rule: t.rule, entity: t.entity, state: t.state.rawValue, since: t.at)
        try await h.store.recordAlert(state: state, event: nil, webhooks: rows)
    }

    static func routes(_ h: Harness, _ rules: [AlertRule]) {
        h.routes.update(groupings: Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0.grouping) }))
    }

    static func json(_ bytes: [UInt8]) -> [String: Any] { NotifierDeliveryTests.json(bytes) }

    @Test("five entities crossing within group_wait: one message per group, listing each figure in order")
    func fiveEntitiesOneMessagePerGroup() async throws {
        let server = try await TestHTTPServer.start()
        server.route("/chat", .text("ok"))
        server.route("/hook", .text("ok"))
        let chat = Notifier(id: "chat", kind: .slack, url: server.url("/chat"))
        let hook = Notifier(id: "hook", kind: .webhook, url: server.url("/hook"))
        let h = try Harness([chat, hook])
        defer { h.cleanUp() }
        // One story: one rule grouped by rule (one group), another by the default rule and entity (five).
        let byRule = Self.rule("hk-above-1t", by: [.rule])
        let byEntity = Self.rule("hk-each", by: [.rule, .entity])
        Self.routes(h, [byRule, byEntity])
        let start = h.clock.now()
        for (index, entity) in Self.entities.enumerated() {
            try await Self.queue(Self.crossing(entity, at: h.clock.now()), rule: byRule, to: [chat], in: h)
            try await Self.queue(Self.crossing(entity, rule: "hk-each", at: h.clock.now()), rule: byEntity, to: [hook], in: h)
            #expect(await h.sender.deliverDue(with: h.fetcher) == 0, "entity \(index): nothing before group_wait")
            h.clock.advance(by: .seconds(2))
        }
        h.clock.advance(to: start + 29_999)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.totalRequests == 0)

        // group_wait after each group's first transition: the first entity's groups and the one-rule group.
        h.clock.advance(to: start + 30_000)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 2)
        let chatMessages = server.requests("/chat").map { Self.json($0.body)["text"] as? String ?? "" }
        try #require(chatMessages.count == 1)
        let text = chatMessages[0]
        #expect(text.hasPrefix("5 alerts: 5 firing (rule=hk-above-1t)"))
        let items = text.components(separatedBy: "\n\n• ").dropFirst()
        #expect(items.count == 5)
        for (item, entity) in zip(items, Self.entities) {
            #expect(item.hasPrefix("FIRING \(Self.names[entity]!): market cap 1.2 trillion HKD (1200000000000 HKD) >= 1 trillion HKD"), "\(item)")
            #expect(item.contains("\n  reported by 2 sites\n"))
            #expect(item.contains("\n  “\(Self.names[entity]!)市值突破1萬億港元。”\n"))
            #expect(item.contains("\n  https://news.example.com/\(entity).html\n"))
        }
        // The per-entity groups: alibaba's is due; each later one 2 s after the one before.
        #expect(server.requestCount("/hook") == 1)
        for step in 1...4 {
            h.clock.advance(to: start + 30_000 + Int64(step) * 2_000)
            #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        }
        let hooks = server.requests("/hook").map { Self.json($0.body) }
        #expect(hooks.map { $0["entity"] as? String } == Self.entities.map { Optional($0) })
        #expect(hooks.allSatisfy { $0["event"] as? String == "alert" && $0["sites"] as? Int == 2 })
        h.clock.advance(by: .seconds(3600))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.requestCount("/chat") == 1 && server.requestCount("/hook") == 5)
        #expect(try await h.pending() == 0)
        try await server.shutdown()
    }

    @Test("a grouped webhook message is one JSON object listing each transition's own")
    func groupedWebhookJSON() async throws {
        let server = try await TestHTTPServer.start()
        server.route("/hook", .text("ok"))
        let hook = Notifier(id: "hook", kind: .webhook, url: server.url("/hook"))
        let h = try Harness([hook])
        defer { h.cleanUp() }
        let rule = Self.rule("hk-above-1t", by: [.rule, .metric])
        Self.routes(h, [rule])
        for entity in Self.entities.prefix(3) {
            try await Self.queue(Self.crossing(entity, at: h.clock.now()), rule: rule, to: [hook], in: h)
        }
        h.clock.advance(by: .seconds(30))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        let body = try #require(server.requests("/hook").first.map { Self.json($0.body) })
        #expect(body["event"] as? String == "alert_group")
        #expect(body["group"] as? String == "rule=hk-above-1t metric=market_cap")
        #expect(body["count"] as? Int == 3)
        #expect(body["firing"] as? Int == 3)
        let alerts = try #require(body["alerts"] as? [[String: Any]])
        #expect(alerts.map { $0["entity"] as? String } == ["alibaba", "tencent", "meituan"])
        #expect(alerts.allSatisfy { $0["value"] as? String == "1200000000000" && $0["relation"] as? String == ">=" })
        try await server.shutdown()
    }

    @Test("group_interval: transitions for a group already notified wait for it and go as one message")
    func groupInterval() async throws {
        let server = try await TestHTTPServer.start()
        server.route("/chat", .text("ok"))
        let chat = Notifier(id: "chat", kind: .matrix, url: server.url(""))
        var notifier = chat
        notifier.room = "!r:example.org"
        notifier.token = Secret("t")
        let h = try Harness([notifier])
        defer { h.cleanUp() }
        let path = "/_matrix/client/v3/rooms/%21r%3Aexample%2Eorg/send/m.room.message/"
        server.route(path + "figwatch-1", .text("{}"))
        server.route(path + "figwatch-2", .text("{}"))
        server.route(path + "figwatch-4", .text("{}"))
        let rule = Self.rule("hk-above-1t", by: [.rule], wait: .seconds(30), interval: .seconds(300))
        Self.routes(h, [rule])
        let t0 = h.clock.now()
        try await Self.queue(Self.crossing("alibaba", at: t0), rule: rule, to: [notifier], in: h)
        h.clock.advance(to: t0 + 30_000)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)   // L = t0 + 30 s
        #expect(server.requestCount(path + "figwatch-1") == 1)

        // Two more within the interval: not at their group_wait, but together at L + 5 m.
        h.clock.advance(to: t0 + 40_000)
        try await Self.queue(Self.crossing("tencent", at: h.clock.now()), rule: rule, to: [notifier], in: h)
        h.clock.advance(to: t0 + 90_000)
        try await Self.queue(Self.crossing("meituan", at: h.clock.now()), rule: rule, to: [notifier], in: h)
        for time in [t0 + 90_000, t0 + 120_000, t0 + 329_999] {
            h.clock.advance(to: time)
            #expect(await h.sender.deliverDue(with: h.fetcher) == 0, "at +\((time - t0) / 1000) s")
        }
        h.clock.advance(to: t0 + 330_000)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        let second = try #require(server.requests(path + "figwatch-2").first)
        let text = Self.json(second.body)["body"] as? String ?? ""
        #expect(text.hasPrefix("2 alerts: 2 firing (rule=hk-above-1t)"))
        #expect(text.contains("• FIRING Tencent:") && text.contains("• FIRING Meituan:"))
        #expect(text.range(of: "Tencent")!.lowerBound < text.range(of: "Meituan")!.lowerBound)

        // A quiet group (more than group_interval since its last message) waits group_wait again.
        h.clock.advance(to: t0 + 1_000_000)
        try await Self.queue(Self.crossing("xiaomi", at: h.clock.now()), rule: rule, to: [notifier], in: h)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        h.clock.advance(to: t0 + 1_029_999)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        h.clock.advance(to: t0 + 1_030_000)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        #expect(server.requestCount(path + "figwatch-4") == 1)
        #expect(server.totalRequests == 3)
        try await server.shutdown()
    }

    @Test("in order per group: a failing message is retried whole before the group's next one goes, by a fresh sender too")
    func orderAndRestart() async throws {
        let server = try await TestHTTPServer.start()
        server.route("/chat", .status(500))
        let chat = Notifier(id: "chat", kind: .slack, url: server.url("/chat"))
        let h = try Harness([chat])
        defer { h.cleanUp() }
        let rule = Self.rule("hk-above-1t", by: [], wait: .seconds(10), interval: .seconds(60))
        Self.routes(h, [rule])
        let t0 = h.clock.now()
        for entity in ["alibaba", "tencent"] {
            try await Self.queue(Self.crossing(entity, at: t0), rule: rule, to: [chat], in: h)
        }
        h.clock.advance(to: t0 + 10_000)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)   // the batch of two is made, and fails
        #expect(server.requestCount("/chat") == 1)
        let failedBody = server.requests("/chat")[0].body

        // A later transition of the same group, due by group_interval while the first message still fails.
        try await Self.queue(Self.crossing("meituan", at: t0 + 20_000), rule: rule, to: [chat], in: h)

        // A fresh sender (what a restarted daemon has): the batch and its order are in the store alone.
        let sender = WebhookSender(store: h.store, logger: Logger(label: "test"), clock: h.clock, routes: h.routes)
        h.clock.advance(to: t0 + 80_000)
        server.route("/chat", .status(503, headers: [("Retry-After", "600")]))
        #expect(await sender.deliverDue(with: h.fetcher) == 0)
        // The failed batch was retried; the meituan one waits behind it.
        #expect(server.requests("/chat").map(\.body) == [failedBody, failedBody])

        server.route("/chat", .text("ok"))
        h.clock.advance(to: t0 + 80_000 + 600_000)
        #expect(await sender.deliverDue(with: h.fetcher) == 1)
        #expect(server.requests("/chat").map(\.body) == [failedBody, failedBody, failedBody])
        // Then the group's next message, after group_interval from the first was made.
        h.clock.advance(by: .seconds(1))
        #expect(await sender.deliverDue(with: h.fetcher) == 1)
        let last = Self.json(server.requests("/chat").last!.body)["text"] as? String ?? ""
        #expect(last.hasPrefix("FIRING Meituan: market cap"))   // alone: the one-transition text
        h.clock.advance(by: .seconds(3600))
        #expect(await sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.requestCount("/chat") == 4)
        let first = Self.json(failedBody)["text"] as? String ?? ""
        #expect(first.hasPrefix("2 alerts: 2 firing (all rules)"))
        #expect(try await h.pending() == 0)
        try await server.shutdown()
    }

    @Test("--once sends every waiting group at once, still one message per group")
    func flushOnce() async throws {
        let server = try await TestHTTPServer.start()
        server.route("/chat", .text("ok"))
        let chat = Notifier(id: "chat", kind: .discord, url: server.url("/chat"))
        let h = try Harness([chat])
        defer { h.cleanUp() }
        let rule = Self.rule("hk-above-1t", by: [.rule])
        Self.routes(h, [rule])
        for entity in Self.entities {
            try await Self.queue(Self.crossing(entity, at: h.clock.now()), rule: rule, to: [chat], in: h)
        }
        #expect(await h.sender.deliverDue(with: h.fetcher, flushGroups: true) == 1)
        let content = Self.json(server.requests("/chat")[0].body)["content"] as? String ?? ""
        #expect(content.hasPrefix("5 alerts: 5 firing (rule=hk-above-1t)"))
        try await server.shutdown()
    }

    @Test("webhook body template and headers: the exact request")
    func webhookBodyTemplate() async throws {
        let server = try await TestHTTPServer.start()
        server.route("/hook", .text("ok"))
        var hook = Notifier(id: "hook", kind: .webhook, url: server.url("/hook"))
        hook.headers = [["Authorization", "Token abc"], ["X-Source", "figwatch"]]
        hook.body = #"{"text": "{title}", "who": "{entity_name}", "value": {value}, "sites": {sites}, "n": {count}}"#
        var form = Notifier(id: "form", kind: .webhook, url: server.url("/form"))
        form.headers = [["Content-Type", "text/plain; charset=utf-8"]]
        form.body = "{STATE} {entity_name} {value_words}"
        server.route("/form", .text("ok"))
        #expect(NotifierTemplate.bodyProblem(hook.body!, headers: hook.headers) == nil)
        #expect(NotifierTemplate.bodyProblem(form.body!, headers: form.headers) == nil)
        let h = try Harness([hook, form])
        defer { h.cleanUp() }
        var t = Self.crossing("alibaba", at: h.clock.now(), sites: 3)
        t.sentence = "He said \"4 trillion\"\nthen left."
        let rule = Self.rule("hk-above-1t", by: [.rule], wait: .zero)
        Self.routes(h, [rule])
        try await Self.queue(t, rule: rule, to: [hook, form], in: h)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 2)
        let request = try #require(server.requests("/hook").first)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Authorization") == "Token abc")
        #expect(request.header("X-Source") == "figwatch")
        #expect(String(decoding: request.body, as: UTF8.self)
            == #"{"text": "[figwatch] FIRING: Alibaba Group market cap 1.2 trillion HKD >= 1 trillion HKD", "who": "Alibaba Group", "value": 1200000000000, "sites": 3, "n": 1}"#)
        let plain = try #require(server.requests("/form").first)
        #expect(plain.headers.filter { $0.0.lowercased() == "content-type" }.map(\.1) == ["text/plain; charset=utf-8"])
        #expect(String(decoding: plain.body, as: UTF8.self) == "FIRING Alibaba Group 1.2 trillion HKD")

        // {json} stands alone, JSON-escaped fields stay JSON: a sentence with quotes and a line break.
        var raw = hook
        raw.body = #"{"alert": {json}, "sentence": "{sentence}"}"#
        let body = NotifierPayload.body(for: raw, transition: t, entityName: "Alibaba Group")
        let decoded = Self.json(Array(body.utf8))
        #expect((decoded["alert"] as? [String: Any])?["rule"] as? String == "hk-above-1t")
        #expect(decoded["sentence"] as? String == t.sentence)
        try await server.shutdown()
    }

    @Test("a body that is not JSON, or names an unknown field, is refused with the reason")
    func bodyProblems() {
        #expect(NotifierTemplate.bodyProblem(#"{"text": {entity_name}"#, headers: [])?.contains("is not JSON") == true)
        #expect(NotifierTemplate.bodyProblem(#"{"x": "{entity_nam}"}"#, headers: [])?.hasPrefix("unknown placeholder {entity_nam}") == true)
        #expect(NotifierTemplate.bodyProblem(#"{"a": {json}, "b": {alerts}, "c": "{text}"}"#, headers: []) == nil)
    }

    @Test("the default text says how many sites reported the figure")
    func sitesInText() {
        let one = NotificationText(Self.crossing("byd", at: 0, sites: 1), entityName: "BYD").body(nil, state: "firing")
        #expect(one.split(separator: "\n")[1] == "reported by 1 site")
        let three = NotificationText(Self.crossing("byd", at: 0, sites: 3), entityName: "BYD").body(nil, state: "firing")
        #expect(three.split(separator: "\n")[1] == "reported by 3 sites")
        var resolved = Self.crossing("byd", at: 0)
        resolved.state = .resolved
        resolved.sites = nil
        #expect(!NotificationText(resolved, entityName: "BYD").body(nil, state: "resolved").contains("reported by"))
    }
}
