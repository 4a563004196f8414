import FigwatchConfig
import FigwatchCore
import FigwatchStore
import FigwatchText
import Logging

/// The scheduler loop: runs, claims, deliveries and timers are child tasks of one task group that
/// report back as `Event`s, which the loop handles one at a time on the actor.
extension Daemon {
    enum Event: Sendable {
        case tick
        case ran(String, SourceRunner.Result)
        case webhooksSent
        case ratesFetched(Swift.Result<ECBRatesParser.Rates, any Error>)
        case pruned
        case claimed([SourceState])
        case claimFailed(String)
        case idle
        case renewed(asked: [String], held: Set<String>?)
        case sharedEvaluated
        case flushed
    }

    /// Runs until shutdown is requested (or, with `once`, until every source ran once).
    public func run(once: Bool) async {
        runningOnce = once
        await withTaskGroup(of: Event.self) { group in
            var pendingOnce = once ? Set(configuration.sources.map(\.id)) : []
            if once && pendingOnce.isEmpty { return }
            if once, let url = configuration.fx.feed {
                // Alerts of this one pass compare with today's rates.
                await applyRates(await Self.fetchRates(url, with: fetcher))
            }
            // `--once`: every source, in configuration order, as slots free up.
            var notLaunched = once ? configuration.sources : []
            launch(&notLaunched, in: &group)
            let clock = self.clock
            group.addTask { await Self.tick(after: .zero, on: clock) }
            group.addTask { [shutdownWakeups] in
                for await _ in shutdownWakeups { return .tick }
                return .idle
            }
            var stoppingAnnounced = false
            while let event = await group.next() {
                switch event {
                case .ran(let id, let result):
                    slots.release(id)
                    await finish(id, result, in: &group)
                    pendingOnce.remove(id)
                    if once && pendingOnce.isEmpty && slots.isEmpty {
                        group.cancelAll()
                        await finishOnce()
                        return
                    }
                    if once {
                        launch(&notLaunched, in: &group)
                    } else if sharing != nil {
                        if shutdownRequestedAt == nil { refillClaims(in: &group) }
                    } else if shutdownRequestedAt == nil {
                        // The freed slot goes to the next due source at once (finding it costs
                        // O(log n): `SourceSchedules`).
                        launchDue(in: &group)
                    }
                case .webhooksSent:
                    timers.webhookCalls -= 1
                case .pruned:
                    timers.pruneInFlight = false
                case .ratesFetched(let result):
                    timers.ratesInFlight = false
                    await applyRates(result)
                case .claimed(let claimed):
                    shared.claimInFlight = false
                    launchClaimed(claimed, in: &group)
                case .claimFailed(let error):
                    shared.claimInFlight = false
                    claimFailed(error)
                case .idle:
                    break
                case .renewed(let asked, let held):
                    shared.renewInFlight = false
                    renewed(asked: asked, held: held)
                case .sharedEvaluated:
                    shared.sharedEvaluateInFlight = false
                case .flushed:
                    shared.flushInFlight = false
                case .tick:
                    if let requestedAt = shutdownRequestedAt {
                        if !stoppingAnnounced {
                            stoppingAnnounced = true
                            notifier.stopping()
                            logger.notice("Stopping: letting in-flight fetches finish.", metadata: ["in_flight": "\(slots.count)"])
                        }
                        if slots.isEmpty { group.cancelAll(); return }
                        if clock.now() - requestedAt > Self.shutdownGrace.milliseconds {
                            logger.notice("Cancelling fetches still in flight.", metadata: ["in_flight": "\(slots.count)"])
                            group.cancelAll()
                            return
                        }
                        group.addTask { await Self.tick(after: .milliseconds(100), on: clock) }
                        continue
                    }
                    if !once {
                        if sharing != nil { claimDue(in: &group) } else { launchDue(in: &group) }
                    }
                    let now = clock.now()
                    if timers.lastHousekeeping == .min || now - timers.lastHousekeeping >= 1000 {
                        timers.lastHousekeeping = now
                        if !once {
                            await timeDrivenWork(in: &group)
                            sharedHousekeeping(in: &group)
                        }
                        notifier.watchdog()
                        notifier.status(summary.description)
                    }
                    let delay = nextTickDelay()
                    group.addTask { await Self.tick(after: delay, on: clock) }
                }
            }
        }
    }

    /// No run (but those of `ignoring`), delivery, pruning or rate fetch in flight: what a test on virtual
    /// time waits for before it looks at the store or moves the clock again.
    func isQuiet(ignoring: Set<String> = []) -> Bool {
        let held = slots.ids.filter { ignoring.contains($0) }.count
        return slots.count == held && results.launched - results.finished == held
            && timers.webhookCalls == 0 && !timers.pruneInFlight && !timers.ratesInFlight
            && !shared.claimInFlight && !shared.renewInFlight && !shared.flushInFlight && !shared.sharedEvaluateInFlight
    }

    /// Until the next source falls due, within 20 ms ... 1 s: a source is launched when it is due,
    /// not at the next whole-second tick after (which made a 1 s source run every 2 s), and the
    /// loop still wakes every second for the watchdog, the time-driven rules and shutdown.
    /// While sources are due but find no free slot the tick comes every 20 ms; mostly they are
    /// launched as runs end.
    private func nextTickDelay() -> Duration {
        // Shared: other daemons move the due times; claims are cheap and skip what is locked.
        if sharing != nil { return SourceSharing.claimInterval }
        guard let due = schedules.earliestDue() else { return .seconds(1) }
        return .milliseconds(min(max(due - clock.now(), 20), 1000))
    }

    private static func tick(after delay: Duration, on clock: any DaemonClock) async -> Event {
        if delay > .zero { try? await clock.sleep(for: delay) }
        return .tick
    }
}
