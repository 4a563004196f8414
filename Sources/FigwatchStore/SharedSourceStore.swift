/// A store that several daemons share the sources of: instead of each keeping its own schedule, a daemon
/// claims the sources that are due with a lease, renews the lease while it fetches, and completes each
/// with its next due time, which gives the lease up.
///
/// A daemon that dies stops renewing; its leases expire and the others claim those sources on their next
/// pass. A daemon whose lease expired and was claimed by another (it stalled longer than the lease) finds
/// out at `renewLeases` or `completeSource` and drops the source.
public protocol SharedSourceStore: SourceLedger {
    /// Adds the configured sources the store does not have yet, due at their `nextDueAt` (at once when
    /// `nil`); existing ones keep their state, schedule and lease.
    func registerSources(_ sources: [SourceState]) async throws
    /// Claims up to `limit` sources due at `now` that nobody holds (or whose lease expired), for `owner`
    /// until `now + leaseFor`; oldest due first. Daemons claiming at once get disjoint batches.
    func claimDueSources(owner: String, now: Int64, limit: Int, leaseFor: Int64) async throws -> [SourceState]
    /// Extends `owner`'s leases of `sourceIDs` to `until`; returns the ids it still held.
    func renewLeases(owner: String, sourceIDs: [String], until: Int64) async throws -> Set<String>
    /// Saves a source's fetch state (with `nextDueAt`) and releases its lease (`leaseUntil` cleared; the
    /// owner stays, naming the daemon that fetched it last), when `owner` still holds it; false (and
    /// nothing saved) when the lease went to another daemon.
    func completeSource(_ state: SourceState, owner: String) async throws -> Bool
}
