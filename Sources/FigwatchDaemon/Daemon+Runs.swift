import FigwatchConfig
import FigwatchCore
import FigwatchHTTP
import FigwatchStore
import Logging

/// Launching runs into free slots (due sources, or the `--once` queue) and recording each run when it
/// ends: schedule, saved state, figures counted today, and the alert rules' view of the source.
extension Daemon {
    /// Launches due sources while slots are free, the longest overdue first, so a backlog is
    /// served in order and no source starves behind others.
    func launchDue(in group: inout TaskGroup<Event>) {
        guard slots.count < slots.total else { return }
        let now = WallClock.now()
        var hostBusy: [SourceSchedules.Entry] = []
        while slots.count < slots.total, let entry = schedules.popDue(now: now) {
            guard !slots.contains(entry.id), let source = sourceIndex[entry.id] else { continue }
            if slots.hasRoom(forHost: host(of: source)) { launch(source, in: &group) } else { hostBusy.append(entry) }
        }
        // Due, but their host has all its runs: they go first when its runs end.
        for entry in hostBusy { schedules.push(entry) }
    }

    /// `--once`: launches queued sources while slots are free; the rest stay queued, in order.
    func launch(_ queue: inout [Configuration.Source], in group: inout TaskGroup<Event>) {
        guard !queue.isEmpty else { return }
        var waiting: [Configuration.Source] = []
        for source in queue {
            if slots.hasRoom(forHost: host(of: source)) { launch(source, in: &group) } else { waiting.append(source) }
        }
        queue = waiting
    }

    func host(of source: Configuration.Source) -> String {
        hosts[source.id] ?? RunSlots.hostKey(of: source.url)
    }

    func launch(_ source: Configuration.Source, in group: inout TaskGroup<Event>) {
        slots.take(source.id, host: host(of: source))
        let runner = self.runner
        let previous = states[source.id]
        group.addTask {
            .ran(source.id, await runner.run(source, previous: previous))
        }
    }

    /// Records a run: schedule, saved state, and a log line only when the source starts
    /// failing or recovers, never on every attempt.
    func finish(_ id: String, _ result: SourceRunner.Result, in group: inout TaskGroup<Event>) async {
        let claimed = claimedAt.removeValue(forKey: id)
        guard let source = sourceIndex[id] else {  // removed meanwhile
            if let sharing, !runningOnce { sharing.removedWhileFetched(id, url: result.state.url, logger: logger) }
            return
        }
        let now = WallClock.now()
        let previousFailures = states[id]?.consecutiveFailures ?? 0
        var schedule = schedules[id] ?? SourceSchedule(sourceID: id, interval: source.interval, now: now)
        if sharing != nil && !runningOnce {
            schedule = SourceSharing.schedule(
                interval: source.interval, claimedAt: claimed, failures: previousFailures, succeeded: result.failure == nil,
                notBefore: result.notBefore, now: now)
        } else if result.failure == nil {
            schedule.succeeded(at: now, notBefore: result.notBefore, jitter: Double.random(in: 0..<1))
        } else {
            schedule.failed(at: now, notBefore: result.notBefore, jitter: Double.random(in: 0..<1))
        }
        schedules[id] = schedule
        var state = result.state
        state.nextDueAt = schedule.nextDue
        states[id] = state
        FigwatchMetrics.sourceRan(
            source: id, succeeded: result.failure == nil, consecutiveFailures: state.consecutiveFailures, at: now)
        let day = now / 86_400_000
        if day != today { today = day; figuresToday = 0 }
        figuresToday += result.figuresFound
        if let failure = result.failure, previousFailures == 0 {
            logger.warning("Source is failing: \(failure)", metadata: [
                "event": "source_failing", "source": "\(id)", "url": "\(source.url)", "error": "\(failure)",
                "failures": "\(state.consecutiveFailures)", "next_attempt": "\(Timestamp.iso8601(schedule.nextDue))",
            ])
        } else if result.failure == nil && previousFailures > 0 {
            logger.notice("Source recovered after \(previousFailures) failed attempts.", metadata: [
                "event": "source_recovered", "source": "\(id)", "url": "\(source.url)", "failures": "\(previousFailures)",
            ])
        }
        if let sharing, !runningOnce {
            // A child task: the loop must not wait for one database transaction per finished source
            // (that capped a daemon at about 160 sources/s). The lease keeps the source ours until then.
            let logger = self.logger, saved = state
            group.addTask {
                await sharing.complete(saved, logger: logger)
                return .idle
            }
        } else {
            do {
                try await store.updateSourceState(state)
            } catch {
                logger.error("Cannot save the state of a source: \(error)", metadata: ["source": "\(id)"])
            }
        }
        await alerts.sourceStatus(source: id, url: source.url, failures: state.consecutiveFailures, error: result.failure, now: now)
    }
}
