import FigwatchConfig
import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Logging

@testable import FigwatchDaemon

/// A daemon in this process on virtual time: the fixture's loopback server and configuration, a real
/// store (the configured SQLite file unless given one) and real libcurl, and a `TestClock` that only the test moves. Schedules, backoff,
/// webhook retries and the shutdown grace are judged by that clock, so a loaded machine cannot break
/// them; only the real I/O between two moves takes real time, waited for with a generous deadline.
final class VirtualDaemon: Sendable {
    let fixture: DaemonFixture
    let clock: TestClock
    let daemon: Daemon
    let store: any FigureStore
    private let loop: LockedBox<Task<Void, Never>?> = LockedBox(nil)
    private let stopped = LockedBox(false)

    /// Loads the configuration the fixture wrote, opens its store and prepares the daemon (first due times).
    /// Sources whose runs do not end by themselves (a stalled server): `settle` does not wait for them.
    let stalled: Set<String>

    init(
        _ fixture: DaemonFixture, clock: TestClock = TestClock(), stalled: Set<String> = [], store: (any FigureStore)? = nil
    ) async throws {
        self.fixture = fixture
        self.stalled = stalled
        self.clock = clock
        let configuration = try ConfigLoader.standard.load(path: fixture.configPath)
        let store = try store ?? SQLiteStore(path: fixture.storePath)
        self.store = store
        daemon = try Daemon(
            configuration: configuration, store: store, notifier: SystemdNotifier(environment: [:]),
            logger: Logger(label: "figwatch-virtual", factory: { _ in SwiftLogNoOpLogHandler() }), clock: clock)
        try await daemon.prepare()
    }

    /// Starts the scheduler loop and waits until it is parked on the clock.
    func start() async {
        let daemon = self.daemon, stopped = self.stopped
        loop.withLock { $0 = Task {
            await daemon.run(once: false)
            stopped.withLock { $0 = true }
        } }
        _ = await settle()
    }

    var hasStopped: Bool { stopped.withLock { $0 } }

    /// True once the loop waits on the clock again and nothing it started is still in flight.
    @discardableResult
    func settle() async -> Bool {
        await eventually(timeout: .seconds(30)) {
            guard let next = clock.nextDeadline, next > clock.now() else { return false }
            return await daemon.isQuiet(ignoring: stalled)
        }
    }

    /// Moves virtual time forward in `step`s, letting the daemon finish what each step started.
    func advance(by total: Duration, step: Duration = .seconds(1)) async {
        var left = total
        while left > .zero {
            let move = min(step, left)
            clock.advance(by: move)
            left -= move
            await settle()
        }
    }

    /// Asks for shutdown and waits (on real time, generously) until the loop has returned.
    func stop() async {
        daemon.requestShutdown()
        _ = await eventually(timeout: .seconds(30)) {
            if hasStopped { return true }
            clock.advance(by: .milliseconds(100))
            return false
        }
        await daemon.close()
    }
}
