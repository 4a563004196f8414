import FigwatchCore

/// What one alert rule's pass reads and writes: the rule's cursor and states, the sightings after the
/// cursor, and the transitions it records.
///
/// `AlertLedger.withAlertPass(rule:_:)` hands one to a pass. A store with one writer (SQLite: one daemon,
/// whose alert engine runs one pass at a time) hands itself. A store that several daemons share
/// (PostgreSQL) hands a transaction that holds the rule's lock, so two daemons that saw the same crossing
/// decide it once: the second finds the cursor already past it.
public protocol AlertPassStore: Sendable {
    func alertState(rule: String, entity: String) async throws -> AlertStateRecord?
    func alertStates() async throws -> [AlertStateRecord]
    /// Saves an alert's state, appends its transition to the history and queues its messages (the rule's
    /// webhook, one per notifier) together: all of them or none.
    func recordAlert(state: AlertStateRecord, event: AlertEvent?, webhooks: [WebhookMessage]) async throws
    /// Sightings (one per figure per outlet page) after `id`, in id order. Ids only grow and are never
    /// reused, so a rule's cursor over them survives retention.
    func sightings(after id: Int64, limit: Int) async throws -> [Sighting]
    /// The newest sighting's id, or 0 when there is none.
    func lastSightingID() async throws -> Int64
    /// The silences of `rule` that mute at `time` (`Silence.isActive(at:)`), by id: read at each
    /// transition, so a silence added or expired while the daemon runs counts from its next transition.
    func silences(rule: String, activeAt time: Int64) async throws -> [Silence]
}

extension AlertPassStore {
    /// One message at most (the rule's own webhook).
    public func recordAlert(state: AlertStateRecord, event: AlertEvent?, webhook: WebhookMessage?) async throws {
        try await recordAlert(state: state, event: event, webhooks: webhook.map { [$0] } ?? [])
    }
}

extension AlertLedger {
    /// One writer: the store itself is the pass's view (see `AlertPassStore`).
    public func withAlertPass<T: Sendable>(
        rule: String, _ body: @escaping @Sendable (any AlertPassStore) async throws -> T
    ) async throws -> T {
        try await body(self)
    }
}
