import FigwatchConfig
import FigwatchStore
import Logging

/// The loop's part when several daemons share the store: claim due sources in small batches, renew the
/// leases of those in flight, and run the alert rules now and then for sightings that other daemons'
/// pages made visible.
extension Daemon {
    /// A shared store's claims, lease renewals, pending pages and alert passes: what is in flight, when
    /// each last ran, and how claiming fares.
    struct SharedWork {
        /// When each source in flight was claimed: it is due again one interval after.
        var claimedAt: [String: Int64] = [:]
        var claimInFlight = false
        var claimFailures = 0
        var lastClaimLimit = 0
        var claimRetryAt: Int64 = 0
        var renewInFlight = false
        var lastRenewal: Int64 = 0
        var sharedEvaluateInFlight = false
        var lastSharedEvaluate: Int64 = 0
        var flushInFlight = false
    }

    /// Asks the store for due sources, up to twice the fetch concurrency in flight; one claim at a time.
    func claimDue(in group: inout TaskGroup<Event>) {
        guard let sharing, !shared.claimInFlight, clock.now() >= shared.claimRetryAt else { return }
        let capacity = slots.total - slots.count
        guard capacity > 0 else { return }
        shared.claimInFlight = true
        let limit = min(capacity, SourceSharing.maxBatch)
        shared.lastClaimLimit = limit
        group.addTask {
            do {
                return .claimed(try await sharing.claim(limit: limit))
            } catch {
                return .claimFailed(String(describing: error))
            }
        }
    }

    /// After a run: claim again once half a batch of room is free, rather than wait for the next tick
    /// (which capped a daemon at one batch per tick, 160 sources/s, however fast its runs were).
    func refillClaims(in group: inout TaskGroup<Event>) {
        if slots.total - slots.count >= SourceSharing.maxBatch / 2 {
            claimDue(in: &group)
        }
    }

    func launchClaimed(_ claimed: [SourceState], in group: inout TaskGroup<Event>) {
        if shared.claimFailures > 0 {
            logger.notice("Claiming sources works again.", metadata: ["event": "claims_recovered", "failures": "\(shared.claimFailures)"])
            shared.claimFailures = 0
        }
        let now = clock.now()
        for state in claimed where !slots.contains(state.id) {
            guard let source = sourceIndex[state.id] else {
                if let sharing {
                    let logger = self.logger
                    group.addTask {
                        await sharing.setAside(state.id, logger: logger)
                        return .idle
                    }
                }
                continue
            }
            states[state.id] = state
            shared.claimedAt[state.id] = now
            launch(source, in: &group)
        }
        // A full batch: more may be due. Claim again now rather than at the next tick, which would cap
        // a daemon at one batch per tick (160 sources/s).
        if claimed.count >= shared.lastClaimLimit { claimDue(in: &group) }
    }

    /// A failed claim (the database is away): logged once, retried with backoff up to 30 s, while the
    /// sources in flight go on.
    func claimFailed(_ error: String) {
        shared.claimFailures += 1
        let delay = min(Int64(30_000), 250 << Int64(min(shared.claimFailures, 7)))
        shared.claimRetryAt = clock.now() + delay
        if shared.claimFailures == 1 {
            logger.error("Cannot claim due sources: \(error)", metadata: ["event": "claims_failing"])
        }
    }

    /// Once a second: renew the leases in flight every third of the lease, store the pages that waited
    /// for the database, and run the alert rules every two seconds.
    func sharedHousekeeping(in group: inout TaskGroup<Event>) {
        guard let sharing else { return }
        let now = clock.now()
        if !shared.renewInFlight, !slots.isEmpty, now - shared.lastRenewal >= sharing.lease / 3 {
            shared.renewInFlight = true
            shared.lastRenewal = now
            let ids = slots.ids.sorted()
            group.addTask {
                .renewed(asked: ids, held: try? await sharing.renew(ids))
            }
        }
        if !shared.flushInFlight, let pending {
            shared.flushInFlight = true
            let store = self.store
            group.addTask {
                _ = await pending.flush(to: store)
                return .flushed
            }
        }
        if !shared.sharedEvaluateInFlight, now - shared.lastSharedEvaluate >= 2000 {
            shared.sharedEvaluateInFlight = true
            shared.lastSharedEvaluate = now
            let alerts = self.alerts
            group.addTask {
                await alerts.evaluate()
                return .sharedEvaluated
            }
        }
    }

    func renewed(asked: [String], held: Set<String>?) {
        guard let held else {
            logger.warning("Cannot renew the leases of the sources in flight; they expire unless renewed in time.",
                           metadata: ["event": "lease_renewal_failed", "sources": "\(asked.count)"])
            return
        }
        for id in asked where !held.contains(id) && slots.contains(id) {
            logger.warning("Lost the lease of a source in flight; its result will not be saved.",
                           metadata: ["event": "lease_lost", "source": "\(id)"])
        }
    }
}
