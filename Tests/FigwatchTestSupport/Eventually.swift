/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
///
/// The deadline is how long a test waits for what must happen, not a measure of how fast: keep it
/// generous (the default, 30 s), so that a loaded machine makes a passing test slower, never failing.
/// How soon something happens is a question for virtual time (`TestClock`) or a benchmark.
public func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
