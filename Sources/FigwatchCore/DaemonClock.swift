#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time the daemon schedules, retries, expires, renews and repeats by, as UTC epoch milliseconds.
///
/// A dependency rather than a global, so that tests drive the scheduler, the alert engine, the webhook
/// sender and lease renewal on virtual time (`TestClock` in FigwatchTestSupport: nothing happens until
/// the test advances it) instead of sleeping and measuring the machine. `SystemClock` is the real one.
public protocol DaemonClock: Sendable {
    /// The current time, UTC epoch milliseconds.
    func now() -> Int64
    /// Returns once `now()` has reached `deadline` (epoch milliseconds); throws `CancellationError` when
    /// the task is cancelled first, so that every wait ends on shutdown.
    func sleep(until deadline: Int64) async throws
}

extension DaemonClock {
    /// Sleeps for `duration` of this clock's time.
    public func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        try await sleep(until: now() + seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}

/// The wall clock (`CLOCK_REALTIME`); sleeps are `Task.sleep`, cancellable.
public struct SystemClock: DaemonClock {
    public init() {}

    public func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    public func sleep(until deadline: Int64) async throws {
        let delay = deadline - now()
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) } else { try Task.checkCancellation() }
    }
}
