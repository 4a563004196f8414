import FigwatchCore

/// Politeness between requests to one host: each request to a host starts at least
/// `delay` after the previous one started. Callers reserve a slot and sleep until it.
actor HostGate {
    private var delay: Int64
    private var nextFree: [String: Int64] = [:]
    private let clock: any DaemonClock

    init(delay: Duration, clock: any DaemonClock) {
        self.delay = delay.milliseconds
        self.clock = clock
    }

    func setDelay(_ newDelay: Duration) {
        delay = newDelay.milliseconds
    }

    /// The time (epoch ms) the caller may start its request to `host`; the slot is taken.
    func reserve(host: String) -> Int64 {
        let now = clock.now()
        guard delay > 0 else { return now }
        let start = max(now, nextFree[host] ?? now)
        nextFree[host] = start + delay
        if nextFree.count > 10_000 {
            nextFree = nextFree.filter { $0.value > now }
        }
        return start
    }

    /// Sleeps (cancellably) until a request to `host` may start.
    func wait(host: String) async throws {
        let start = reserve(host: host)
        if start > clock.now() {
            try await clock.sleep(until: start)
        }
    }
}
