import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Foundation
import Logging

/// How a daemon shares the sources with the other daemons on one store (PostgreSQL): its name in the
/// leases, the lease time, and the calls it makes to claim, renew and complete sources.
///
/// Every daemon on a store is expected to run the same source list. A daemon that claims a source it
/// does not have (during a rolling configuration change) leaves it leased to itself for one lease time
/// without fetching it, so that its own next claims move on to others, and says so in the log.
struct SourceSharing: Sendable {
    let store: any SharedSourceStore
    /// This daemon's name in the leases: `storage.owner`, else `hostname:pid`.
    let owner: String
    /// Milliseconds a claim or renewal holds a source.
    let lease: Int64
    /// What claims, renewals and first due times are reckoned by.
    let clock: any DaemonClock

    /// How often the loop asks for due sources.
    static let claimInterval: Duration = .milliseconds(200)
    /// Sources claimed in one statement at most: small, so that the daemons spread the work.
    static let maxBatch = 32
    /// Pages kept in memory at most while the database is away (`PendingResults`).
    static let pendingCapacity = 1000

    init?(configuration: Configuration, store: any FigureStore, clock: any DaemonClock) {
        guard configuration.storage.backend == .postgres, let shared = store as? any SharedSourceStore else { return nil }
        self.store = shared
        owner = configuration.storage.owner ?? Self.defaultOwner()
        lease = configuration.storage.lease.milliseconds
        self.clock = clock
    }

    static func defaultOwner() -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
        return "\(host):\(getpid())"
    }

    func register(_ sources: [Configuration.Source]) async throws {
        // First runs spread over the interval, as a daemon of its own spreads them.
        let now = clock.now()
        try await store.registerSources(sources.map {
            SourceState(id: $0.id, url: $0.url,
                        nextDueAt: SourceSchedule(sourceID: $0.id, interval: $0.interval, now: now).nextDue)
        })
    }

    func claim(limit: Int) async throws -> [SourceState] {
        try await store.claimDueSources(owner: owner, now: clock.now(), limit: limit, leaseFor: lease)
    }

    /// Extends this daemon's leases of `ids` by one lease from now; returns those it still held.
    func renew(_ ids: [String]) async throws -> Set<String> {
        try await store.renewLeases(owner: owner, sourceIDs: ids, until: clock.now() + lease)
    }

    /// Saves the fetch's state and gives the lease up; a lease lost meanwhile (this daemon stalled past
    /// it and another claimed the source) keeps the other daemon's state.
    func complete(_ state: SourceState, logger: Logger) async {
        do {
            if try await !store.completeSource(state, owner: owner) {
                logger.warning("The lease of a source expired during its fetch; another daemon has it now.", metadata: [
                    "event": "lease_lost", "source": "\(state.id)", "owner": "\(owner)",
                ])
            }
        } catch {
            logger.error("Cannot save the state of a source: \(error)", metadata: ["source": "\(state.id)"])
        }
    }

    /// A claimed source this daemon does not have: held, unfetched, for one lease (see the type's comment).
    func setAside(_ id: String, logger: Logger) async {
        logger.warning("Claimed a source that is not in this daemon's configuration; leaving it to the others.",
                       metadata: ["event": "source_unknown", "source": "\(id)", "owner": "\(owner)"])
        _ = try? await store.renewLeases(owner: owner, sourceIDs: [id], until: clock.now() + lease)
    }

    /// A source removed from the configuration while it was fetched: nothing is saved, and its lease is
    /// left to expire (the store forgets the source at the reload anyway).
    func removedWhileFetched(_ id: String, url: String, logger: Logger) {
        logger.info("A source removed from the configuration finished its fetch.", metadata: ["source": "\(id)", "url": "\(url)"])
    }

    /// The next due time of a shared source. On success, one interval after it was claimed: never sooner
    /// (a source claimed late, after a backlog or a takeover, is not fetched again at once to catch up),
    /// and later only by the claim's latency. On failure, the usual backoff.
    static func schedule(
        interval: Duration, claimedAt: Int64?, failures: Int, succeeded: Bool, notBefore: Int64?, now: Int64
    ) -> SourceSchedule {
        let span = max(SourceSchedule.milliseconds(interval), 1)
        var schedule = SourceSchedule(interval: interval, nextDue: now, consecutiveFailures: failures)
        if succeeded {
            var next = (claimedAt ?? now) + span
            if let notBefore { next = max(next, notBefore) }
            schedule = SourceSchedule(interval: interval, nextDue: next, consecutiveFailures: 0)
        } else {
            schedule.failed(at: now, notBefore: notBefore, jitter: Double.random(in: 0..<1))
        }
        return schedule
    }
}
