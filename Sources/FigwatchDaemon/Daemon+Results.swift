import FigwatchConfig
import FigwatchCore
import FigwatchHTTP
import FigwatchStore
import Logging

/// What the runs reported: counted here, and handled as each run ends (`finish`).
struct RunResults {
    /// Figures found on the current UTC day (for the status line).
    private(set) var figuresToday = 0
    private var today: Int64 = 0
    /// Runs launched and finished: equal when nothing runs.
    var launched = 0
    var finished = 0

    /// Counts `figures` found on `day` (UTC days since the epoch); a new day starts from zero.
    mutating func count(_ figures: Int, on day: Int64) {
        if day != today { today = day; figuresToday = 0 }
        figuresToday += figures
    }
}

/// Handling a finished run: its next due time, its saved state, a log record only when the source starts
/// failing or recovers, the figures counted today, and the alert rules' view of the source.
extension Daemon {
    /// Records a run: schedule, saved state, and a log line only when the source starts
    /// failing or recovers, never on every attempt.
    func finish(_ id: String, _ result: SourceRunner.Result, in group: inout TaskGroup<Event>) async {
        defer { results.finished += 1 }
        let claimed = shared.claimedAt.removeValue(forKey: id)
        guard let source = sourceIndex[id] else {  // removed meanwhile
            if let sharing, !runningOnce { sharing.removedWhileFetched(id, url: result.state.url, logger: logger) }
            return
        }
        let now = clock.now()
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
        results.count(result.figuresFound, on: day)
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
        await alerts.sourceStatus(source: id, url: source.url, failures: state.consecutiveFailures, error: result.failure)
    }
}
