/// The message queue: messages recorded with their alert transition, worked by the sender.
public protocol Outbox: Sendable {
    /// Undelivered, unexpired messages due at `now`, oldest first, but those going to `excluding`
    /// (`WebhookMessage.destination`s being worked right now). The rows of a batch are represented by its
    /// lead. A store that several daemons share hands each message to one caller: what it returns is not
    /// due again for a while (a claim), unless marked delivered or failed first.
    func dueWebhooks(now: Int64, limit: Int, excluding: Set<String>) async throws -> [WebhookMessage]
    /// Marks the message delivered; a batch's lead marks the whole batch, in one write.
    func markWebhookDelivered(id: Int64, at time: Int64) async throws
    /// Records a failed attempt of the message (a batch's lead: of the whole batch).
    func markWebhookFailed(id: Int64, error: String, nextAttemptAt: Int64) async throws
    /// Decides one group's next message (`group_wait`, `group_interval`, in milliseconds): when it is due,
    /// the group's waiting rows become one batch, returned in id order (the first leads it); when it is
    /// not, they are put off until it is and that time is returned. A group whose earlier batch is still
    /// undelivered waits for it, so a group's messages go in order.
    func takeGroup(notifier: String, group: String, now: Int64, wait: Int64, interval: Int64) async throws -> OutboxGroupTake
    /// Every row of the batch `lead` leads, in id order (for its retries).
    func batchMembers(lead: Int64) async throws -> [WebhookMessage]
}

/// What `Outbox.takeGroup` decided.
public enum OutboxGroupTake: Sendable, Hashable {
    /// The rows of the message to send now, in id order; the first leads the batch.
    case batch([WebhookMessage])
    /// Not before this time (epoch milliseconds).
    case notBefore(Int64)
    /// Nothing is waiting in the group.
    case empty
}

extension Outbox {
    public func dueWebhooks(now: Int64, limit: Int) async throws -> [WebhookMessage] {
        try await dueWebhooks(now: now, limit: limit, excluding: [])
    }
}

/// The rule `Outbox.takeGroup` applies, the same for every store: a group that has had no message for
/// `interval` (or never had one) waits `wait` from its first waiting row; one that had a message at
/// `last` gets its next at `last + interval`.
public enum GroupSchedule {
    public static func due(firstQueuedAt: Int64, lastBatchAt: Int64?, wait: Int64, interval: Int64) -> Int64 {
        if let last = lastBatchAt, firstQueuedAt < last + interval { return last + interval }
        return firstQueuedAt + wait
    }
}
