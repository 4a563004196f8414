/// What the alert rules read and record: a pass's view (`AlertPassStore`: sightings after a rule's cursor,
/// each (rule, entity) state, transitions with their webhooks), the pass itself, and the history
/// `figwatch alerts` shows.
public protocol AlertLedger: AlertPassStore {
    /// Runs one pass of alert rule `rule` with a view of the store in which no other pass of the same
    /// rule (in this or another daemon) runs at the same time; what `body` records is committed when it
    /// returns and discarded when it throws (see `AlertPassStore`).
    func withAlertPass<T: Sendable>(rule: String, _ body: @escaping @Sendable (any AlertPassStore) async throws -> T)
        async throws -> T
    /// Alert transitions at or after `since`, oldest first.
    func alertHistory(since: Int64?) async throws -> [AlertEvent]
}
