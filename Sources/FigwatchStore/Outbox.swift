/// The webhook queue: messages recorded with their alert transition, worked by the webhook sender.
public protocol Outbox: Sendable {
    /// Undelivered, unexpired messages due at `now`, oldest first. A store that several daemons share
    /// hands each message to one caller: what it returns is not due again for a while (a claim), unless
    /// marked delivered or failed first.
    func dueWebhooks(now: Int64, limit: Int) async throws -> [WebhookMessage]
    func markWebhookDelivered(id: Int64, at time: Int64) async throws
    func markWebhookFailed(id: Int64, error: String, nextAttemptAt: Int64) async throws
}
