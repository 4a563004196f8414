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
/// The parts: start-up and reload (`Daemon+StartupAndReload.swift`), the loop (`Daemon+Loop.swift`),
/// launching and finishing runs (`Daemon+Runs.swift`), clock-driven work and exchange rates
/// (`Daemon+TimeDrivenWork.swift`), and claiming from a shared store (`Daemon+SharedSources.swift`).
/// Stored state lives here; what those files use is internal, the rest stays private.
public actor Daemon {
    public struct Summary: Sendable, CustomStringConvertible {
        public var sources: Int
        public var figuresToday: Int
        public var failing: Int
        public var description: String { "\(sources) sources, \(figuresToday) figures today, \(failing) failing" }
    }

    var configuration: Configuration
    var runner: SourceRunner
    var fetcher: CurlFetcher
    let store: any FigureStore
    let gate: HostGate
    let notifier: SystemdNotifier
    let logger: Logger
    let alerts: AlertEngine
    let webhooks: WebhookSender
    let webhookURLs: WebhookURLs
    var webhookInFlight = false
    var ratesInFlight = false
    var pruneInFlight = false
    /// When `storage.retention` is next applied (hourly).
    var pruneDueAt: Int64 = 0
    /// When the `fx.feed` rates are next fetched (daily; hourly after a failure).
    var ratesDueAt: Int64 = 0
    var lastAlertTick: Int64 = 0
    var lastTrim: Int64 = 0
    /// When the loop last did its once-a-second work (watchdog, status, alerts, webhooks).
    var lastHousekeeping = ContinuousClock.now - .seconds(1)

    var schedules = SourceSchedules()
    var states: [String: SourceState] = [:]
    /// Runs in flight, bounded in all and per host (see `RunSlots` for why).
    var slots: RunSlots
    /// Each source's host as `RunSlots` counts it, parsed once per configuration.
    var hosts: [String: String]
    var figuresToday = 0
    var today: Int64 = 0
    /// When shutdown was asked for: the grace for in-flight runs counts from the signal, not from the
    /// loop's next tick, so SIGTERM to exit stays within systemd's expectations under load.
    private let shutdownRequested = Mutex<ContinuousClock.Instant?>(nil)
    /// How long in-flight runs may finish after SIGTERM before they are cancelled; cancelling, the last
    /// commits and exiting take the rest of the 5 s the issue allows.
    static let shutdownGrace: Duration = .seconds(3)
    /// Wakes the loop when shutdown is asked for, instead of at its next tick (up to a second later).
    let shutdownWakeups: AsyncStream<Void>
    private let shutdownWake: AsyncStream<Void>.Continuation

    /// Set when several daemons share the store (PostgreSQL): sources are claimed from it rather than
    /// scheduled here (`Daemon+SharedSources.swift`).
    let sharing: SourceSharing?
    /// The configured sources by id.
    var sourceIndex: [String: Configuration.Source] = [:]
    /// When each source in flight was claimed: it is due again one interval after.
    var claimedAt: [String: Int64] = [:]
    var claimInFlight = false
    /// Pages waiting for the shared database (`nil` on SQLite).
    let pending: PendingResults?
    var flushInFlight = false
    var claimFailures = 0
    var lastClaimLimit = 0
    var claimRetryAt: Int64 = 0
    var renewInFlight = false
    var lastRenewal: Int64 = 0
    var sharedEvaluateInFlight = false
    var lastSharedEvaluate: Int64 = 0
    /// `--once` runs every source itself, also on a shared store (no claims).
    var runningOnce = false

    public init(configuration: Configuration, store: any FigureStore, notifier: SystemdNotifier, logger: Logger) throws {
        self.configuration = configuration
        (shutdownWakeups, shutdownWake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.store = store
        self.notifier = notifier
        self.logger = logger
        sharing = SourceSharing(configuration: configuration, store: store)
        sourceIndex = Dictionary(configuration.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let alerts = AlertEngine(configuration: configuration, store: store, delivery: AlertDelivery(logger: logger), logger: logger)
        self.alerts = alerts
        let hooks = WebhookURLs(configuration.alerts)
        webhookURLs = hooks
        webhooks = WebhookSender(store: store, logger: logger, urls: { hooks.url(for: $0) })
        gate = HostGate(delay: configuration.fetch.perHostDelay)
        fetcher = try CurlFetcher(options: Self.fetchOptions(configuration))
        slots = RunSlots(configuration.fetch)
        hosts = Self.hosts(configuration)
        pending = sharing.map { _ in PendingResults(capacity: SourceSharing.pendingCapacity, logger: logger) }
        runner = Self.runner(
            configuration, fetcher: fetcher, store: store, gate: gate, logger: logger, alerts: alerts, pending: pending)
    }

    static func runner(
        _ configuration: Configuration, fetcher: CurlFetcher, store: any FigureStore, gate: HostGate, logger: Logger,
        alerts: AlertEngine, pending: PendingResults?
    ) -> SourceRunner {
        SourceRunner(
            fetcher: fetcher, figures: FigureExtractor(entities: configuration.entities), store: store, gate: gate,
            logger: logger, onFigures: { _, _, _ in await alerts.evaluate(now: WallClock.now()) }, pending: pending)
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
        shutdownRequested.withLock { $0 = $0 ?? .now }
        shutdownWake.yield()
    }

    nonisolated var shutdownRequestedAt: ContinuousClock.Instant? { shutdownRequested.withLock { $0 } }

    public var summary: Summary {
        Summary(sources: configuration.sources.count, figuresToday: figuresToday,
                failing: states.values.filter { $0.consecutiveFailures > 0 }.count)
    }

    /// Releases the fetcher's thread and connections.
    public func close() {
        fetcher.shutdown()
    }
}
