import FigwatchHTTP
import FigwatchCore
import FigwatchFetch
import FigwatchStore
import Logging
import Synchronization

/// Delivers queued webhook messages: POST through libcurl, retried with backoff until
/// the receiver answers 2xx or the message expires.
///
/// The queue lives in the store, so a restart or a receiver that is down loses nothing,
/// and a message is marked delivered in the same step that saw the 2xx, so it is not
/// sent again once acknowledged. (A crash between the 2xx and that mark can repeat one
/// delivery: receivers should use the payload's rule, entity and `at` to drop duplicates.)
struct WebhookSender: Sendable {
    let store: any Outbox
    let logger: Logger
    /// When a message is due, and when its next attempt is (backoff from the failed one).
    let clock: any DaemonClock
    let urls: @Sendable (String) -> String?

    /// Sends every due message once; returns how many were delivered.
    @discardableResult
    func deliverDue(with fetcher: CurlFetcher) async -> Int {
        let now = clock.now()
        let due: [WebhookMessage]
        do {
            due = try await store.dueWebhooks(now: now, limit: 50)
        } catch {
            logger.error("Cannot read the webhook queue: \(error)")
            return 0
        }
        var delivered = 0
        for message in due {
            guard let url = urls(message.rule) else {
                // The rule lost its webhook (or was removed): nothing to send to.
                try? await store.markWebhookFailed(id: message.id, error: "rule has no webhook any more", nextAttemptAt: message.expiresAt)
                continue
            }
            var failure: String?
            do {
                let response = try await fetcher.fetch(FetchRequest(
                    url: url, postBody: Array(message.payload.utf8), contentType: "application/json"))
                if !(200..<300).contains(response.status) {
                    failure = "POST \(url) returned HTTP \(response.status)"
                }
            } catch {
                failure = "\(error)"
            }
            FigwatchMetrics.notification(channel: "webhook", succeeded: failure == nil)
            do {
                if let failure {
                    let next = now + Self.backoff(attempt: message.attempts + 1)
                    try await store.markWebhookFailed(id: message.id, error: failure, nextAttemptAt: next)
                    logger.warning("Webhook delivery failed; will retry.", metadata: [
                        "rule": "\(message.rule)", "url": "\(url)", "error": "\(failure)",
                        "attempt": "\(message.attempts + 1)", "next_attempt": "\(Timestamp.iso8601(next))",
                    ])
                } else {
                    try await store.markWebhookDelivered(id: message.id, at: now)
                    delivered += 1
                    logger.info("Webhook delivered.", metadata: ["rule": "\(message.rule)", "url": "\(url)", "attempt": "\(message.attempts + 1)"])
                }
            } catch {
                logger.error("Cannot update the webhook queue: \(error)")
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

/// Rule id -> webhook URL, replaced on reload while deliveries read it.
final class WebhookURLs: Sendable {
    private let map: Mutex<[String: String]>

    init(_ rules: [AlertRule]) {
        map = Mutex(Self.table(rules))
    }

    func update(_ rules: [AlertRule]) {
        let table = Self.table(rules)
        map.withLock { $0 = table }
    }

    func url(for rule: String) -> String? {
        map.withLock { $0[rule] }
    }

    private static func table(_ rules: [AlertRule]) -> [String: String] {
        Dictionary(rules.compactMap { rule in rule.webhook.map { (rule.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }
}
