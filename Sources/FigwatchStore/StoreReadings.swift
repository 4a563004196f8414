/// Read-only figures about the store itself, for `/metrics` (issue 23): what a monitoring system
/// watches beside the figures. A store that cannot tell leaves the metric out.
public protocol StoreReadings: Sendable {
    /// Webhook messages not yet delivered and not expired at `now`: the outbox's backlog.
    func webhookQueueDepth(now: Int64) async throws -> Int
    /// The bytes the store takes on disk (SQLite: the file and its write-ahead log).
    func sizeBytes() async throws -> Int64
    /// Live source leases by owner (a store several daemons share); empty for a store of one daemon.
    func leasesHeld(now: Int64) async throws -> [String: Int]
}

extension StoreReadings {
    public func leasesHeld(now: Int64) async throws -> [String: Int] { [:] }
}
