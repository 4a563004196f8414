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
/// A notifier's messages are grouped (`group_by`): when a group falls due (`group_wait`, `group_interval`,
/// see `Outbox.takeGroup`) its waiting transitions become one message listing them, recorded in the store
/// as one batch before it is sent, so every retry sends the same message and its delivery marks them all.
///
/// Each destination (a notifier, or a rule's webhook) is worked by one task at a time, with its own libcurl
/// handle and timeout, in queue order, stopping at its first failure. Calls may overlap: a call skips the
/// destinations another is still working, so a receiver that hangs holds up only its own messages (one call
/// reads the queue at a time; a call that finds another reading returns at once).
struct WebhookSender: Sendable {
    let store: any Outbox
    let logger: Logger
    /// When a message is due, and when its next attempt is (backoff from the failed one).
    let clock: any DaemonClock
    let routes: DeliveryRoutes
    /// The destinations being worked, shared by every copy of this sender.
    let working = DestinationLocks()

    /// Sends every due message once, but those of destinations another call is working; returns how many
    /// messages were delivered. `flushGroups` (`--once`, which has no later run) sends every waiting group
    /// now, ignoring `group_wait` and `group_interval`.
    @discardableResult
    func deliverDue(with fetcher: CurlFetcher, flushGroups: Bool = false) async -> Int {
        let now = clock.now()
        guard let (epoch, busy) = working.beginReading() else { return 0 }
        let due: [WebhookMessage]
        do {
            due = try await store.dueWebhooks(now: now, limit: 200, excluding: busy)
            working.endReading()
        } catch {
            working.endReading()
            logger.error("Cannot read the webhook queue: \(error)")
            return 0
        }
        var byDestination: [String: [WebhookMessage]] = [:]
        var order: [String] = []
        for message in due {
            if byDestination[message.destination] == nil { order.append(message.destination) }
            byDestination[message.destination, default: []].append(message)
        }
        return await withTaskGroup(of: Int.self) { group in
            for key in order where working.claim(key, readAt: epoch) {
                let messages = byDestination[key]!.sorted { $0.id < $1.id }
                group.addTask {
                    defer { working.release(key) }
                    return await deliver(messages, now: now, fallback: fetcher, flushGroups: flushGroups)
                }
            }
            return await group.reduce(0, +)
        }
    }

    /// One destination's due rows as the messages to send, oldest first: a row alone, a batch being
    /// retried, or a group that falls due now (made a batch here).
    private func messages(_ rows: [WebhookMessage], now: Int64, flushGroups: Bool) async throws -> [[WebhookMessage]] {
        var messages: [[WebhookMessage]] = []
        var groupsSeen = Set<String>()
        for row in rows {
            if row.leadsBatch {
                messages.append(try await store.batchMembers(lead: row.id))
            } else if let notifier = row.notifier, let group = row.group {
                guard groupsSeen.insert(group).inserted else { continue }
                let grouping = routes.grouping(rule: row.rule)
                let take = try await store.takeGroup(
                    notifier: notifier, group: group, now: now,
                    wait: flushGroups ? 0 : grouping.wait.milliseconds, interval: flushGroups ? 0 : grouping.interval.milliseconds)
                if case .batch(let rows) = take, !rows.isEmpty { messages.append(rows) }
            } else {
                messages.append([row])
            }
        }
        return messages.sorted { $0[0].id < $1[0].id }
    }

    /// One destination's messages, oldest first, until one fails (the rest wait, keeping their order).
    private func deliver(_ rows: [WebhookMessage], now: Int64, fallback: CurlFetcher, flushGroups: Bool) async -> Int {
        let messages: [[WebhookMessage]]
        do {
            messages = try await self.messages(rows, now: now, flushGroups: flushGroups)
        } catch {
            logger.error("Cannot group the queued notifications: \(error)")
            return 0
        }
        var delivered = 0
        for rows in messages {
            let message = rows[0]
            let outcome: Delivery.Outcome
            let target: String
            if let id = message.notifier {
                guard let notifier = routes.notifier(id) else {
                    try? await store.markWebhookFailed(id: message.id, error: "notifier \(id) is no longer configured", nextAttemptAt: message.expiresAt)
                    continue
                }
                target = id
                outcome = await Delivery(notifier: notifier, routes: routes).send(Self.body(rows, for: notifier), messageID: message.id)
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
            var fields: Logger.Metadata = [
                "rule": "\(message.rule)", message.notifier == nil ? "url" : "notifier": "\(target)",
                "attempt": "\(message.attempts + 1)",
            ]
            if rows.count > 1 {
                fields["alerts"] = "\(rows.count)"
                fields["group"] = "\(message.group ?? "")"
            }
            do {
                if let failure = outcome.failure {
                    var next = now + Self.backoff(attempt: message.attempts + 1)
                    if let retryAfter = outcome.retryAfter { next = max(next, now + retryAfter.milliseconds) }
                    try await store.markWebhookFailed(id: message.id, error: failure, nextAttemptAt: next)
                    fields["error"] = "\(failure)"
                    fields["next_attempt"] = "\(Timestamp.iso8601(next))"
                    // A rule's own webhook keeps the messages (and `url` field) it always had.
                    logger.warning(message.notifier == nil ? "Webhook delivery failed; will retry." : "Notification failed; will retry.", metadata: fields)
                    break
                } else {
                    try await store.markWebhookDelivered(id: message.id, at: now)
                    delivered += 1
                    logger.info(message.notifier == nil ? "Webhook delivered." : "Notification delivered.", metadata: fields)
                }
            } catch {
                logger.error("Cannot update the webhook queue: \(error)")
                break
            }
        }
        return delivered
    }

    /// A message's body: the one its transition was queued with when it goes alone, else the group's
    /// message, built from each row's transition in the notifier's current shape.
    static func body(_ rows: [WebhookMessage], for notifier: Notifier) -> String {
        guard rows.count > 1 else { return rows[0].payload }
        let items = rows.compactMap { $0.alert.flatMap(AlertPayload.transition(fromJSON:)) }
        guard items.count == rows.count else { return rows[0].payload }
        return NotifierPayload.body(for: notifier, items: items, group: rows[0].group)
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
        var groupings: [String: AlertGrouping] = [:]
        var notifiers: [String: Notifier] = [:]
        var fetchers: [String: (Notifier, CurlFetcher)] = [:]
        var defaultGrouping = AlertGrouping()
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
        update(
            groupings: Dictionary(configuration.alerts.map { ($0.id, $0.grouping) }, uniquingKeysWith: { a, _ in a }),
            default: configuration.defaultGrouping)
    }

    /// Sets rules' grouping timings (tests; the daemon takes them from the configuration).
    func update(groupings: [String: AlertGrouping], default fallback: AlertGrouping = AlertGrouping()) {
        table.withLock {
            $0.groupings = groupings
            $0.defaultGrouping = fallback
        }
    }

    /// The grouping timings of `rule`'s messages: the rule's, or `defaults:` for a rule no longer configured.
    func grouping(rule: String) -> AlertGrouping { table.withLock { $0.groupings[rule] ?? $0.defaultGrouping } }

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
