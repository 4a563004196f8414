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

/// Notifiers end to end from the outbox: a real SQLite store, real libcurl, loopback receivers, and
/// virtual time for backoff, Retry-After and expiry.
@Suite("Notifier delivery", .serialized)
struct NotifierDeliveryTests {
    static let sentence = "阿里巴巴市值回升至4.2萬億港元，創三年新高。"

    static func transition(_ state: AlertTransition.State = .firing, at time: Int64) -> AlertTransition {
        AlertTransition(
            rule: "alibaba-above-4t", entity: "alibaba", state: state, at: time, metric: .marketCap,
            value: ExactDecimal("4200000000000")!, currency: "HKD", threshold: "4萬億港元",
            sourceURL: "https://example.com/a.html", sentence: sentence)
    }

    /// A store in a fresh folder, a sender over it, and the clock they share.
    struct Harness {
        let directory: URL
        let store: SQLiteStore
        let clock: TestClock
        let routes: DeliveryRoutes
        let sender: WebhookSender
        let fetcher: CurlFetcher

        init(_ notifiers: [Notifier]) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-notify-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStore(path: directory.appendingPathComponent("s.sqlite").path)
            clock = TestClock()
            routes = DeliveryRoutes(notifiers: notifiers)
            sender = WebhookSender(store: store, logger: Logger(label: "test"), clock: clock, routes: routes)
            fetcher = try CurlFetcher()
        }

        /// Queues one transition for each notifier, as the alert pass does (one write with its state).
        func enqueue(_ t: AlertTransition, to notifiers: [Notifier]) async throws {
            let messages = notifiers.map {
                WebhookMessage(
                    rule: t.rule, payload: NotifierPayload.body(for: $0, transition: t, entityName: "Alibaba Group"),
                    nextAttemptAt: t.at, expiresAt: t.at + $0.expire.milliseconds, notifier: $0.id)
            }
            let state = AlertStateRecord(rule: t.rule, entity: t.entity, state: t.state.rawValue, since: t.at)
            try await store.recordAlert(state: state, event: nil, webhooks: messages)
        }

        func pending() async throws -> Int { try await store.dueWebhooks(now: clock.now() + 3_600_000, limit: 100).count }

        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    static func json(_ bytes: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
    }

    @Test("each HTTP kind gets the request its API expects", arguments: Notifier.Kind.allCases.filter { $0 != .exec && $0 != .email })
    func exactRequest(kind: Notifier.Kind) async throws {
        let server = try await TestHTTPServer.start()
        var notifier = Notifier(id: "n-\(kind.rawValue)", kind: kind, url: server.url("/hook"))
        notifier.token = Secret("s3cret-token")
        notifier.topic = "figwatch"
        notifier.chatID = "-100123"
        notifier.room = "!room:example.org"
        notifier.headers = [["X-Figwatch-Key", "k1"]]
        if kind == .ntfy || kind == .matrix || kind == .telegram { notifier.url = server.url("") }
        let path: String
        switch kind {
        case .telegram: path = "/bots3cret-token/sendMessage"
        case .matrix: path = "/_matrix/client/v3/rooms/%21room%3Aexample%2Eorg/send/m.room.message/figwatch-1"
        case .ntfy: path = "/"
        default: path = "/hook"
        }
        server.route(path, .text("{}", contentType: "application/json"))
        let h = try Harness([notifier])
        defer { h.cleanUp() }
        try await h.enqueue(Self.transition(at: h.clock.now()), to: [notifier])
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        let requests = server.requests(path)
        try #require(requests.count == 1)
        let request = requests[0]
        #expect(request.method == (kind == .matrix ? "PUT" : "POST"))
        #expect(request.header("Content-Type") == "application/json")
        let body = Self.json(request.body)
        switch kind {
        case .slack:
            #expect((body["text"] as? String)?.contains(Self.sentence) == true)
            #expect(Set(body.keys) == ["text"])
        case .discord:
            #expect((body["content"] as? String)?.contains(Self.sentence) == true)
            #expect(Set(body.keys) == ["content"])
        case .ntfy:
            #expect(request.header("Authorization") == "Bearer s3cret-token")
            #expect(body["topic"] as? String == "figwatch")
            #expect((body["title"] as? String)?.hasPrefix("[figwatch] FIRING: Alibaba Group market cap") == true)
            #expect((body["message"] as? String)?.contains(Self.sentence) == true)
            #expect(body["click"] as? String == "https://example.com/a.html")
        case .telegram:
            #expect(request.header("Authorization") == nil)
            #expect(body["chat_id"] as? String == "-100123")
            #expect((body["text"] as? String)?.contains(Self.sentence) == true)
        case .matrix:
            #expect(request.header("Authorization") == "Bearer s3cret-token")
            #expect(body["msgtype"] as? String == "m.text")
            #expect((body["body"] as? String)?.contains(Self.sentence) == true)
        case .webhook:
            #expect(request.header("X-Figwatch-Key") == "k1")
            #expect(body["event"] as? String == "alert")
            #expect(body["rule"] as? String == "alibaba-above-4t")
            #expect(body["sentence"] as? String == Self.sentence)
            #expect(body["value"] as? String == "4200000000000")
        default:
            break
        }
        #expect(try await h.pending() == 0)
        try await server.shutdown()
    }

    @Test("the default text: state, entity, value in words and digits with currency, threshold, sentence, link")
    func defaultText() {
        let text = NotificationText(Self.transition(at: 1_756_900_800_000), entityName: "Alibaba Group").body(nil, state: "firing")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("FIRING Alibaba Group: market cap "))
        #expect(lines[0].contains("(4200000000000 HKD) >= 4萬億港元"))
        #expect(lines[1] == "“\(Self.sentence)”")
        #expect(lines[2] == "https://example.com/a.html")
        var custom = Notifier(id: "x", kind: .slack, url: "https://example.com")
        custom.templates["firing"] = "{entity_name} {value_words}\n{nothing_here} {sentence}"
        let rendered = NotificationText(Self.transition(at: 0), entityName: "阿里巴巴").body(custom, state: "firing")
        #expect(rendered.hasPrefix("阿里巴巴 "))
        #expect(rendered.hasSuffix(Self.sentence))
    }

    @Test("a 500 is retried after the backoff; a 429's Retry-After is honoured; expiry gives up")
    func retries() async throws {
        let server = try await TestHTTPServer.start()
        let notifier = Notifier(id: "chat", kind: .slack, url: server.url("/hook"))
        let h = try Harness([notifier])
        defer { h.cleanUp() }
        try await h.enqueue(Self.transition(at: h.clock.now()), to: [notifier])

        server.route("/hook", .status(500))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.requestCount("/hook") == 1)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)   // not due before its backoff
        #expect(server.requestCount("/hook") == 1)

        server.route("/hook", .status(429, headers: [("Retry-After", "120")]))
        h.clock.advance(by: .seconds(1))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.requestCount("/hook") == 2)
        server.route("/hook", .text("ok"))
        h.clock.advance(by: .seconds(60))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)   // Retry-After: 120 s, not the 2 s backoff
        #expect(server.requestCount("/hook") == 2)
        h.clock.advance(by: .seconds(60))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        #expect(server.requestCount("/hook") == 3)
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)   // never twice
        #expect(server.requestCount("/hook") == 3)

        // A receiver that is down until after the message expires: given up, not sent late.
        try await h.enqueue(Self.transition(.resolved, at: h.clock.now()), to: [notifier])
        try await server.shutdown()
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        h.clock.advance(by: .seconds(86_401))
        #expect(try await h.store.dueWebhooks(now: h.clock.now(), limit: 10).isEmpty)
    }

    @Test("a receiver slower than its notifier's timeout fails alone; the other notifier is delivered")
    func slowReceiverDoesNotHoldOthers() async throws {
        let server = try await TestHTTPServer.start()
        server.route("/slow", TestRoute.text("late").delayed(by: .seconds(20)))
        server.route("/fast", .text("ok"))
        var slow = Notifier(id: "slow", kind: .slack, url: server.url("/slow"))
        slow.timeout = .seconds(1)
        let fast = Notifier(id: "fast", kind: .discord, url: server.url("/fast"))
        let h = try Harness([slow, fast])
        defer { h.cleanUp() }
        try await h.enqueue(Self.transition(at: h.clock.now()), to: [slow, fast])
        let started = ContinuousClock.now
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(server.requestCount("/fast") == 1)
        let left = try await h.store.dueWebhooks(now: h.clock.now() + 3_600_000, limit: 10)
        #expect(left.map(\.notifier) == ["slow"])
        #expect(left.first?.lastError?.contains("timed out") == true)
        try await server.shutdown()
    }

    @Test("email goes through libcurl's SMTP to a loopback server: envelope, login, RFC 2047 subject, UTF-8 body")
    func email() async throws {
        let smtp = try TestSMTPServer()
        defer { smtp.shutdown() }
        var notifier = Notifier(id: "oncall", kind: .email, url: smtp.url)
        notifier.from = "figwatch@example.com"
        notifier.to = ["oncall@example.com", "cto@example.com"]
        notifier.username = "figwatch"
        notifier.password = Secret("smtp-pa55")
        let h = try Harness([notifier])
        defer { h.cleanUp() }
        try await h.enqueue(Self.transition(at: h.clock.now()), to: [notifier])
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        try #require(smtp.mails.count == 1)
        let mail = smtp.mails[0]
        #expect(mail.from == "figwatch@example.com")
        #expect(mail.recipients == ["oncall@example.com", "cto@example.com"])
        #expect(mail.login == "figwatch:smtp-pa55")
        #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
        let subject = try #require(mail.header("Subject"))
        #expect(subject.hasPrefix("=?UTF-8?B?"))   // the threshold 4萬億港元 makes it non-ASCII
        #expect(Self.decodeEncodedWords(subject).hasPrefix("[figwatch] FIRING: Alibaba Group market cap"))
        #expect(Self.decodeEncodedWords(subject).hasSuffix(">= 4萬億港元"))
        #expect(mail.header("From") == "figwatch@example.com")
        #expect(Self.decodeQuotedPrintable(mail.body).contains(Self.sentence))

        // A Chinese entity name in the subject: encoded words that decode back intact.
        let words = MailMessage.encodedWords("阿里巴巴市值突破4萬億港元 alert")
        #expect(words.hasPrefix("=?UTF-8?B?"))
        #expect(Self.decodeEncodedWords(words) == "阿里巴巴市值突破4萬億港元 alert")
        #expect(words.split(separator: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test("an SMTP server that is down: the failure names the server, never the password")
    func emailServerDown() async throws {
        var notifier = Notifier(id: "oncall", kind: .email, url: "smtp://127.0.0.1:1")
        notifier.from = "figwatch@example.com"
        notifier.to = ["oncall@example.com"]
        notifier.username = "figwatch"
        notifier.password = Secret("smtp-pa55")
        let outcome = await Delivery(notifier: notifier, routes: DeliveryRoutes(notifiers: [notifier])).send("Subject: x\r\n\r\nx\r\n", messageID: 1)
        let failure = try #require(outcome.failure)
        #expect(failure.contains("smtp://127.0.0.1:1"))
        #expect(!failure.contains("smtp-pa55"))
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let raw = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "="), i + 2 < raw.count, let byte = UInt8(String(decoding: raw[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                i += 3
            } else {
                bytes.append(raw[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeEncodedWords(_ text: String) -> String {
        var bytes: [UInt8] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\r" || $0 == "\n" }) {
            let inner = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            bytes += Data(base64Encoded: String(inner)).map { Array($0) } ?? []
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
