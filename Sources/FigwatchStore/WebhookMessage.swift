/// A message in the outbox: queued in the same transaction as the alert transition that caused it,
/// retried until delivered or expired, so a crash between "alert fired" and "message sent" loses nothing.
///
/// One row per (transition, destination). A notifier's rows carry their group (`group_by`); when a
/// group is due, its waiting rows become one *batch*: the lowest id leads it (`batch == id`) and the others
/// name it (`batch`). The lead carries the batch's retries; delivering it marks every row of the batch
/// delivered in one write, so a grouped message is sent and recorded whole.
public struct WebhookMessage: Sendable, Hashable {
    /// The store's id; ignored when enqueuing, set when read back.
    public var id: Int64
    public var rule: String
    /// The configured notifier (`notifiers:` id) it goes to; `nil` for the rule's own `webhook:`.
    public var notifier: String?
    /// The body to send when the message carries this transition alone.
    public var payload: String
    public var attempts: Int
    /// UTC epoch milliseconds of the next try.
    public var nextAttemptAt: Int64
    /// After this time the message is not tried again.
    public var expiresAt: Int64
    public var deliveredAt: Int64?
    public var lastError: String?
    /// The group's key (`AlertGrouping.key`); `nil`: never grouped (a rule's own `webhook:`).
    public var group: String?
    /// When it was queued (its transition's time): a new group waits `group_wait` from its first row's.
    public var queuedAt: Int64
    /// The transition as figwatch's JSON (`AlertPayload`), to list it in a grouped message.
    public var alert: String?
    /// The lead row's id once the row is part of a batch (the lead's own id for the lead).
    public var batch: Int64?

    public init(
        id: Int64 = 0, rule: String, payload: String, attempts: Int = 0, nextAttemptAt: Int64,
        expiresAt: Int64, deliveredAt: Int64? = nil, lastError: String? = nil, notifier: String? = nil,
        group: String? = nil, queuedAt: Int64? = nil, alert: String? = nil, batch: Int64? = nil
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
        self.group = group
        self.queuedAt = queuedAt ?? nextAttemptAt
        self.alert = alert
        self.batch = batch
    }

    /// Where it goes: `notifier:ID`, or `rule:ID` for a rule's own webhook. Each destination's messages
    /// are sent in order by one task at a time.
    public var destination: String { notifier.map { "notifier:" + $0 } ?? "rule:" + rule }

    /// Whether it leads a batch of grouped rows.
    public var leadsBatch: Bool { batch == id }
}
