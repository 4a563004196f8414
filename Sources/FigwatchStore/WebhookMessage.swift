/// A webhook delivery in the outbox: queued in the same transaction as the alert transition that caused
/// it, retried until delivered or expired, so a crash between "alert fired" and "webhook sent" loses nothing.
public struct WebhookMessage: Sendable, Hashable {
    /// The store's id; ignored when enqueuing, set when read back.
    public var id: Int64
    public var rule: String
    /// The configured notifier (`notifiers:` id) it goes to; `nil` for the rule's own `webhook:`.
    public var notifier: String?
    /// The JSON body to POST.
    public var payload: String
    public var attempts: Int
    /// UTC epoch milliseconds of the next try.
    public var nextAttemptAt: Int64
    /// After this time the message is not tried again.
    public var expiresAt: Int64
    public var deliveredAt: Int64?
    public var lastError: String?

    public init(
        id: Int64 = 0, rule: String, payload: String, attempts: Int = 0, nextAttemptAt: Int64,
        expiresAt: Int64, deliveredAt: Int64? = nil, lastError: String? = nil, notifier: String? = nil
    ) {
        self.notifier = notifier
        self.id = id
        self.rule = rule
        self.payload = payload
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.expiresAt = expiresAt
        self.deliveredAt = deliveredAt
        self.lastError = lastError
    }
}
