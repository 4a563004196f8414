/// Politeness between requests to one host: each request to a host starts at least
/// `delay` after the previous one started. Callers reserve a slot and sleep until it.
actor HostGate {
    private var delay: Duration
    private var nextFree: [String: ContinuousClock.Instant] = [:]

    init(delay: Duration) {
        self.delay = delay
    }

    func setDelay(_ newDelay: Duration) {
        delay = newDelay
    }

    /// The instant the caller may start its request to `host`; the slot is taken.
    func reserve(host: String) -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        guard delay > .zero else { return now }
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
        if start > .now {
            try await Task.sleep(until: start, clock: .continuous)
        }
    }
}
