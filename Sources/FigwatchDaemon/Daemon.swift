import FigwatchConfig
import FigwatchCore
import FigwatchExtract
import FigwatchFetch
import FigwatchStore
import Foundation
import Logging
import Synchronization

/// The running daemon: the configuration in force, each source's schedule, and the
/// loop that runs sources when they are due.
///
/// Sources run as child tasks of one task group, each at its own pace; a slow or
/// failing source never holds the others up. The loop wakes at least once a second,
/// and only a loop that wakes pings systemd's watchdog, so a hung scheduler is
/// restarted by systemd.
///
/// The parts, each with the state it keeps: start-up and reload (`Daemon+StartupAndReload.swift`), the
/// loop that hands each event to its part (`Daemon+Loop.swift`), scheduling the sources: which runs when
/// (`Daemon+Scheduling.swift`; claiming from a shared store instead, `Daemon+SharedSources.swift`),
/// handling what a run reports (`Daemon+Results.swift`), and work due by the clock: time-only alert
/// rules, webhooks, retention, exchange rates (`Daemon+TimeDrivenWork.swift`). Stored state is declared
/// here (an actor's must be), grouped by those parts.
public actor Daemon {
    public struct Summary: Sendable, CustomStringConvertible {
        public var sources: Int
        public var figuresToday: Int
        public var failing: Int
        public var description: String { "\(sources) sources, \(figuresToday) figures today, \(failing) failing" }
    }

    // The configuration and the stages it wires together.
    var configuration: Configuration
    var runner: SourceRunner
    var fetcher: CurlFetcher
    let store: any FigureStore
    let gate: HostGate
    let notifier: SystemdNotifier
    let logger: Logger
    let alerts: AlertEngine
    let webhooks: WebhookSender
    let routes: DeliveryRoutes
    /// What every schedule, retry, lease and timer here reads (`SystemClock`; a `TestClock` in tests).
    let clock: any DaemonClock

    // Scheduling the sources (`Daemon+Scheduling.swift`; on a shared store, `Daemon+SharedSources.swift`).
    var schedules = SourceSchedules()
    /// Runs in flight, bounded in all and per host (see `RunSlots` for why).
    var slots: RunSlots
    /// Each source's host as `RunSlots` counts it, parsed once per configuration.
    var hosts: [String: String]
    /// The configured sources by id.
    var sourceIndex: [String: Configuration.Source] = [:]
    /// Set when several daemons share the store (PostgreSQL): sources are claimed from it rather than
    /// scheduled here.
    let sharing: SourceSharing?
    /// Claims, leases and pending pages on a shared store.
    var shared = SharedWork()
    /// Pages waiting for the shared database (`nil` on SQLite).
    let pending: PendingResults?
    /// `--once` runs every source itself, also on a shared store (no claims).
    var runningOnce = false

    // The results of runs (`Daemon+Results.swift`).
    /// Each source's fetch state as its last run left it (and as the store keeps it).
    var states: [String: SourceState] = [:]
    var results = RunResults()

    // Work due by the clock (`Daemon+TimeDrivenWork.swift`).
    var timers = Timers()

    // Shutdown.
    /// When shutdown was asked for (the clock's time): the grace for in-flight runs counts from the
    /// signal, not from the loop's next tick, so SIGTERM to exit stays within systemd's expectations
    /// under load.
    private let shutdownRequested = Mutex<Int64?>(nil)
    /// How long in-flight runs may finish after SIGTERM before they are cancelled; cancelling, the last
    /// commits and exiting take the rest of the 5 s the issue allows.
    static let shutdownGrace: Duration = .seconds(3)
    /// Wakes the loop when shutdown is asked for, instead of at its next tick (up to a second later).
    let shutdownWakeups: AsyncStream<Void>
    private let shutdownWake: AsyncStream<Void>.Continuation

    public init(
        configuration: Configuration, store: any FigureStore, notifier: SystemdNotifier, logger: Logger,
        clock: any DaemonClock = SystemClock()
    ) throws {
        self.configuration = configuration
        self.clock = clock
        (shutdownWakeups, shutdownWake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.store = store
        self.notifier = notifier
        self.logger = logger
        sharing = SourceSharing(configuration: configuration, store: store, clock: clock)
        sourceIndex = Dictionary(configuration.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let alerts = AlertEngine(
            configuration: configuration, store: store, delivery: AlertDelivery(logger: logger), logger: logger, clock: clock)
        self.alerts = alerts
        routes = DeliveryRoutes(configuration)
        webhooks = WebhookSender(store: store, logger: logger, clock: clock, routes: routes)
        gate = HostGate(delay: configuration.fetch.perHostDelay, clock: clock)
        fetcher = try CurlFetcher(options: Self.fetchOptions(configuration))
        slots = RunSlots(configuration.fetch)
        hosts = Self.hosts(configuration)
        pending = sharing.map { _ in PendingResults(capacity: SourceSharing.pendingCapacity, logger: logger) }
        runner = Self.runner(
            configuration, fetcher: fetcher, store: store, gate: gate, logger: logger, alerts: alerts, pending: pending,
            clock: clock)
    }

    static func runner(
        _ configuration: Configuration, fetcher: CurlFetcher, store: any FigureWriter, gate: HostGate, logger: Logger,
        alerts: AlertEngine, pending: PendingResults?, clock: any DaemonClock
    ) -> SourceRunner {
        SourceRunner(
            fetcher: fetcher, figures: FigureExtractor(entities: configuration.entities), store: store, gate: gate,
            logger: logger, clock: clock, onFigures: { _, _, _ in await alerts.evaluate() }, pending: pending)
    }

    static func hosts(_ configuration: Configuration) -> [String: String] {
        Dictionary(configuration.sources.map { ($0.id, RunSlots.hostKey(of: $0.url)) }, uniquingKeysWith: { a, _ in a })
    }

    public static func fetchOptions(_ configuration: Configuration) -> FetchOptions {
        let fetch = configuration.fetch
        return FetchOptions(
            userAgent: fetch.userAgent, connectTimeout: fetch.connectTimeout, timeout: fetch.timeout,
            maxBodyBytes: fetch.maxBodyBytes, maxRedirects: fetch.maxRedirects, concurrency: fetch.concurrency,
            perHostConcurrency: fetch.perHostConcurrency, allowFileURLs: fetch.allowFileURLs,
            blockPrivateAddresses: fetch.blockPrivateAddresses)
    }

    /// Asks the loop to stop taking new work; in-flight runs get a few seconds to finish.
    public nonisolated func requestShutdown() {
        let now = clock.now()
        shutdownRequested.withLock { $0 = $0 ?? now }
        shutdownWake.yield()
    }

    nonisolated var shutdownRequestedAt: Int64? { shutdownRequested.withLock { $0 } }

    public var summary: Summary {
        Summary(sources: configuration.sources.count, figuresToday: results.figuresToday,
                failing: states.values.filter { $0.consecutiveFailures > 0 }.count)
    }

    /// Releases the fetcher's thread and connections.
    public func close() {
        fetcher.shutdown()
    }
}
