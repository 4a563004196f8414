import FigwatchCore

/// Virtual time for the daemon: it stands still until the test advances it, and every sleeper whose
/// deadline the advance reaches wakes then, in deadline order.
///
/// ```swift
/// let clock = TestClock()
/// let daemon = try Daemon(configuration: config, store: store, notifier: .init(environment: [:]), logger: logger, clock: clock)
/// clock.advance(by: .seconds(60))   // a 60 s source falls due
/// ```
public final class TestClock: DaemonClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Int64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Int64
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
    }

    private let state: LockedBox<State>

    /// Starts at `now` (default 2025-09-03T12:00:00Z, a day the fixture pages are dated near).
    public init(now: Int64 = 1_756_900_800_000) {
        state = LockedBox(State(now: now))
    }

    public func now() -> Int64 { state.withLock { $0.now } }

    /// How many tasks wait on this clock: a test advances once the loop it drives is parked.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline anyone waits for, if any.
    public var nextDeadline: Int64? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    public func sleep(until deadline: Int64) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Checked under the lock the cancellation handler takes, so a cancel is never missed.
                let outcome = state.withLock { state -> Result<Void, CancellationError>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the time forward and wakes every sleeper whose deadline it reached.
    public func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        advance(to: now() + seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    /// Moves the time to `time` (never back) and wakes every sleeper whose deadline it reached.
    public func advance(to time: Int64) {
        let woken = state.withLock { state -> [Sleeper] in
            state.now = max(state.now, time)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }
}
