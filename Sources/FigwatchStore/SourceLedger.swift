/// Each source's fetch state (validators, failures, next due time), as the scheduler keeps it across
/// restarts, and the lease of a lone daemon.
public protocol SourceLedger: Sendable {
    func sources() async throws -> [SourceState]
    func source(id: String) async throws -> SourceState?
    /// Inserts or replaces the fetch state of `state.id`; the lease is left as it is.
    func updateSourceState(_ state: SourceState) async throws
    /// Forgets sources no longer configured (and their followed links).
    func removeSources(notIn ids: Set<String>) async throws
    /// Takes the fetch lease of a source for `owner` until `until` when it is free or expired at `now`;
    /// false when another owner holds it.
    func acquireLease(sourceID: String, owner: String, until: Int64, now: Int64) async throws -> Bool
}
