/// When a source runs next: an I/O-free state machine driven with explicit times,
/// so the politeness rules can be tested with exact timestamps.
///
/// - First runs are spread over the interval by a stable hash of the source id, so a
///   daemon with a thousand sources does not fetch them all in its first second.
/// - Every run is jittered by up to ±10% of the interval.
/// - Failures back off exponentially (interval × 2^(n-1), capped at `maxBackoff`), and
///   success resets that.
/// - `Retry-After` and `Cache-Control: max-age` push the next run later, never earlier.
public struct SourceSchedule: Sendable, Hashable {
    public var interval: Duration
    /// Next run, UTC epoch milliseconds.
    public private(set) var nextDue: Int64
    public private(set) var consecutiveFailures: Int = 0
    public static let maxBackoff: Duration = .seconds(6 * 3600)

    /// A schedule whose first run falls at a point of the interval chosen by the id's hash.
    public init(sourceID: String, interval: Duration, now: Int64) {
        self.interval = interval
        let span = max(Self.milliseconds(interval), 1)
        nextDue = now + Int64(Self.stableHash(sourceID) % UInt64(span))
    }

    /// A schedule resumed from the store's state.
    public init(interval: Duration, nextDue: Int64, consecutiveFailures: Int) {
        self.interval = interval
        self.nextDue = nextDue
        self.consecutiveFailures = consecutiveFailures
    }

    /// - Parameters:
    ///   - notBefore: the earliest next run the server asked for (Retry-After, max-age), if any.
    ///   - jitter: a number in `0..<1` (random in production, fixed in tests).
    public mutating func succeeded(at now: Int64, notBefore: Int64? = nil, jitter: Double) {
        consecutiveFailures = 0
        nextDue = max(now + jittered(Self.milliseconds(interval), jitter), notBefore ?? 0)
    }

    public mutating func failed(at now: Int64, notBefore: Int64? = nil, jitter: Double) {
        consecutiveFailures += 1
        let cap = Self.milliseconds(Self.maxBackoff)
        var delay = Self.milliseconds(interval)
        var step = 1
        while step < consecutiveFailures && delay < cap {
            delay *= 2
            step += 1
        }
        // A source whose own interval exceeds the cap keeps its interval.
        delay = max(min(delay, cap), Self.milliseconds(interval))
        nextDue = max(now + jittered(delay, jitter), notBefore ?? 0)
    }

    /// A new interval (on reload) keeps the due time unless it now falls too far out.
    public mutating func changeInterval(to newInterval: Duration, now: Int64) {
        interval = newInterval
        nextDue = min(nextDue, now + Self.milliseconds(newInterval))
    }

    func jittered(_ delay: Int64, _ jitter: Double) -> Int64 {
        let spread = Double(delay) * 0.1
        return max(1, delay + Int64((jitter * 2 - 1) * spread))
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// FNV-1a: stable across runs and machines, unlike `Hasher`, which is seeded per process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
