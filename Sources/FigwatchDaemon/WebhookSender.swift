import FigwatchHTTP
import FigwatchConfig
import FigwatchCore
import FigwatchFetch
import FigwatchStore
import Foundation
import Logging
import Synchronization

/// Delivers queued outbox messages (a rule's `webhook:`, and one per configured notifier) through
/// libcurl, retried with backoff until the receiver accepts or the message expires.
///
/// The queue lives in the store, so a restart or a receiver that is down loses nothing, and a message is
/// marked delivered in the same step that saw the receiver accept it, so it is not sent again once
/// acknowledged. (A crash between the acceptance and that mark can repeat one delivery; Matrix drops the
/// repeat by its transaction id, other receivers can use the rule, entity and time.)
///
/// Each destination (a notifier, or a rule's webhook) is worked by its own task with its own libcurl
/// handle and timeout, in queue order, stopping at its first failure: a receiver that hangs or refuses
/// holds up only its own messages, for at most its timeout.
struct WebhookSender: Sendable {
    let store: any Outbox
    let logger: Logger
    /// When a message is due, and when its next attempt is (backoff from the failed one).
    let clock: any DaemonClock
    let routes: DeliveryRoutes

    /// Sends every due message once; returns how many were delivered.
    @discardableResult
    func deliverDue(with fetcher: CurlFetcher) async -> Int {
        let now = clock.now()
        let due: [WebhookMessage]
        do {
            due = try await store.dueWebhooks(now: now, limit: 200)
        } catch {
            logger.error("Cannot read the webhook queue: \(error)")
            return 0
        }
        var byDestination: [String: [WebhookMessage]] = [:]
        var order: [String] = []
        for message in due {
            let key = message.notifier.map { "notifier:" + $0 } ?? "rule:" + message.rule
            if byDestination[key] == nil { order.append(key) }
            byDestination[key, default: []].append(message)
        }
        return await withTaskGroup(of: Int.self) { group in
            for key in order {
                let messages = byDestination[key]!
                group.addTask { await deliver(messages, now: now, fallback: fetcher) }
            }
            return await group.reduce(0, +)
        }
    }

    /// One destination's messages, oldest first, until one fails (the rest wait, keeping their order).
    private func deliver(_ messages: [WebhookMessage], now: Int64, fallback: CurlFetcher) async -> Int {
        var delivered = 0
        for message in messages {
            let outcome: Delivery.Outcome
            let target: String
            if let id = message.notifier {
                guard let notifier = routes.notifier(id) else {
                    try? await store.markWebhookFailed(id: message.id, error: "notifier \(id) is no longer configured", nextAttemptAt: message.expiresAt)
                    continue
                }
                target = id
                outcome = await Delivery(notifier: notifier, routes: routes).send(message.payload, messageID: message.id)
            } else {
                guard let url = routes.url(for: message.rule) else {
                    // The rule lost its webhook (or was removed): nothing to send to.
                    try? await store.markWebhookFailed(id: message.id, error: "rule has no webhook any more", nextAttemptAt: message.expiresAt)
                    continue
                }
                target = url
                outcome = await Delivery.post(message.payload, to: url, headers: [], with: fallback)
            }
            let channel = message.notifier.flatMap { routes.notifier($0)?.kind.rawValue } ?? "webhook"
            FigwatchMetrics.notification(channel: channel, succeeded: outcome.failure == nil)
            do {
                if let failure = outcome.failure {
                    var next = now + Self.backoff(attempt: message.attempts + 1)
                    if let retryAfter = outcome.retryAfter { next = max(next, now + retryAfter.milliseconds) }
                    try await store.markWebhookFailed(id: message.id, error: failure, nextAttemptAt: next)
                    // A rule's own webhook keeps the messages (and `url` field) it always had.
                    logger.warning(message.notifier == nil ? "Webhook delivery failed; will retry." : "Notification failed; will retry.", metadata: [
                        "rule": "\(message.rule)", message.notifier == nil ? "url" : "notifier": "\(target)", "error": "\(failure)",
                        "attempt": "\(message.attempts + 1)", "next_attempt": "\(Timestamp.iso8601(next))",
                    ])
                    break
                } else {
                    try await store.markWebhookDelivered(id: message.id, at: now)
                    delivered += 1
                    logger.info(message.notifier == nil ? "Webhook delivered." : "Notification delivered.", metadata: [
                        "rule": "\(message.rule)", message.notifier == nil ? "url" : "notifier": "\(target)",
                        "attempt": "\(message.attempts + 1)",
                    ])
                }
            } catch {
                logger.error("Cannot update the webhook queue: \(error)")
                break
            }
        }
        return delivered
    }

    /// 1 s, 2 s, 4 s ... capped at 1 h: a receiver back after a short outage gets its messages soon.
    static func backoff(attempt: Int) -> Int64 {
        var delay: Int64 = 1_000
        for _ in 1..<max(attempt, 1) where delay < 3_600_000 { delay *= 2 }
        return min(delay, 3_600_000)
    }
}

/// Where queued messages go: rule id -> webhook URL, and the notifiers by id, replaced on reload while
/// deliveries read them; with one libcurl fetcher per notifier (its own timeout and connections).
final class DeliveryRoutes: Sendable {
    private struct Table {
        var urls: [String: String] = [:]
        var notifiers: [String: Notifier] = [:]
        var fetchers: [String: (Notifier, CurlFetcher)] = [:]
    }

    private let table: Mutex<Table>
    let userAgent: String

    convenience init(_ configuration: Configuration) {
        self.init(notifiers: configuration.notifiers, userAgent: configuration.fetch.userAgent)
        update(configuration)
    }

    init(notifiers: [Notifier], ruleWebhooks: [String: String] = [:], userAgent: String = "figwatch-test") {
        self.userAgent = userAgent
        table = Mutex(Table())
        update(notifiers: notifiers, ruleWebhooks: ruleWebhooks)
    }

    func update(_ configuration: Configuration) {
        let urls = Dictionary(configuration.alerts.compactMap { rule in rule.webhook.map { (rule.id, $0) } }, uniquingKeysWith: { a, _ in a })
        update(notifiers: configuration.notifiers, ruleWebhooks: urls)
    }

    func update(notifiers list: [Notifier], ruleWebhooks urls: [String: String]) {
        let notifiers = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        table.withLock {
            $0.urls = urls
            $0.notifiers = notifiers
            // A changed notifier gets a fresh fetcher (its timeout may differ).
            $0.fetchers = $0.fetchers.filter { notifiers[$0.key] == $0.value.0 }
        }
    }

    func url(for rule: String) -> String? { table.withLock { $0.urls[rule] } }

    func notifier(_ id: String) -> Notifier? { table.withLock { $0.notifiers[id] } }

    func fetcher(for notifier: Notifier) throws -> CurlFetcher {
        if let cached = table.withLock({ $0.fetchers[notifier.id] }), cached.0 == notifier { return cached.1 }
        let fetcher = try CurlFetcher(options: FetchOptions(
            userAgent: userAgent, connectTimeout: min(notifier.timeout, .seconds(10)), timeout: notifier.timeout,
            maxBodyBytes: 1 << 20, maxRedirects: 0, concurrency: 2, perHostConcurrency: 2))
        table.withLock { $0.fetchers[notifier.id] = (notifier, fetcher) }
        return fetcher
    }
}
