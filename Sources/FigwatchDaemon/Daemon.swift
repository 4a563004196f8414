import FigwatchConfig
import FigwatchCore
import FigwatchExtract
import FigwatchFetch
import FigwatchStore
import FigwatchText
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
public actor Daemon {
    public struct Summary: Sendable, CustomStringConvertible {
        public var sources: Int
        public var figuresToday: Int
        public var failing: Int
        public var description: String { "\(sources) sources, \(figuresToday) figures today, \(failing) failing" }
    }

    var configuration: Configuration
    var runner: SourceRunner
    private var fetcher: CurlFetcher
    let store: any FigureStore
    private let gate: HostGate
    private let notifier: SystemdNotifier
    let logger: Logger
    let alerts: AlertEngine
    private let webhooks: WebhookSender
    private let webhookURLs: WebhookURLs
    private var webhookInFlight = false
    private var ratesInFlight = false
    private var pruneInFlight = false
    /// When `storage.retention` is next applied (hourly).
    private var pruneDueAt: Int64 = 0
    /// When the `fx.feed` rates are next fetched (daily; hourly after a failure).
    private var ratesDueAt: Int64 = 0
    private var lastAlertTick: Int64 = 0
    private var lastTrim: Int64 = 0
    /// When the loop last did its once-a-second work (watchdog, status, alerts, webhooks).
    private var lastHousekeeping = ContinuousClock.now - .seconds(1)

    private var schedules: [String: SourceSchedule] = [:]
    var states: [String: SourceState] = [:]
    /// Runs in flight, bounded in all and per host (see `RunSlots` for why).
    var slots: RunSlots
    /// Each source's host as `RunSlots` counts it, parsed once per configuration.
    private var hosts: [String: String]
    private var figuresToday = 0
    private var today: Int64 = 0
    /// When shutdown was asked for: the grace for in-flight runs counts from the signal, not from the
    /// loop's next tick, so SIGTERM to exit stays within systemd's expectations under load.
    private let shutdownRequested = Mutex<ContinuousClock.Instant?>(nil)
    /// How long in-flight runs may finish after SIGTERM before they are cancelled; cancelling, the last
    /// commits and exiting take the rest of the 5 s the issue allows.
    static let shutdownGrace: Duration = .seconds(3)
    /// Wakes the loop when shutdown is asked for, instead of at its next tick (up to a second later).
    private let shutdownWakeups: AsyncStream<Void>
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

    private static func runner(
        _ configuration: Configuration, fetcher: CurlFetcher, store: any FigureStore, gate: HostGate, logger: Logger,
        alerts: AlertEngine, pending: PendingResults?
    ) -> SourceRunner {
        SourceRunner(
            fetcher: fetcher, figures: FigureExtractor(entities: configuration.entities), store: store, gate: gate,
            logger: logger, onFigures: { _, _, _ in await alerts.evaluate(now: WallClock.now()) }, pending: pending)
    }

    private static func hosts(_ configuration: Configuration) -> [String: String] {
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

    private nonisolated var shutdownRequestedAt: ContinuousClock.Instant? { shutdownRequested.withLock { $0 } }

    public var summary: Summary {
        Summary(sources: configuration.sources.count, figuresToday: figuresToday,
                failing: states.values.filter { $0.consecutiveFailures > 0 }.count)
    }

    // MARK: - Start-up and reload

    /// Loads each source's saved state and decides its first run: where the store
    /// says it was due, else a point of its interval chosen by its id.
    public func prepare() async throws {
        let now = WallClock.now()
        let saved = try await store.sources()
        for state in saved { states[state.id] = state }
        try await store.removeSources(notIn: Set(configuration.sources.map(\.id)))
        try await sharing?.register(configuration.sources)
        for source in configuration.sources {
            schedules[source.id] = Self.schedule(for: source, saved: states[source.id], now: now)
        }
        // Sightings committed before a crash but not yet judged by the rules.
        await alerts.evaluate(now: now)
    }

    static func schedule(for source: Configuration.Source, saved: SourceState?, now: Int64) -> SourceSchedule {
        if let saved, saved.url == source.url, let due = saved.nextDueAt {
            // Never later than one interval from now, whatever an old state says.
            let bounded = min(due, now + source.interval.milliseconds)
            return SourceSchedule(interval: source.interval, nextDue: bounded, consecutiveFailures: saved.consecutiveFailures)
        }
        return SourceSchedule(sourceID: source.id, interval: source.interval, now: now)
    }

    /// Applies a new, already validated configuration without a restart: added sources
    /// are scheduled, removed ones forgotten, changed ones rescheduled; unchanged
    /// sources keep their due times (no early refetch).
    public func apply(_ new: Configuration) async throws {
        let now = WallClock.now()
        let old = Dictionary(configuration.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if new.fetch != configuration.fetch {
            let replacement = try CurlFetcher(options: Self.fetchOptions(new))
            fetcher.shutdown()
            fetcher = replacement
        }
        await gate.setDelay(new.fetch.perHostDelay)
        runner = Self.runner(new, fetcher: fetcher, store: store, gate: gate, logger: logger, alerts: alerts, pending: pending)
        await alerts.reconfigure(new)
        webhookURLs.update(new.alerts)
        var added: [String] = [], changed: [String] = []
        var next: [String: SourceSchedule] = [:]
        for source in new.sources {
            if let previous = old[source.id], var schedule = schedules[source.id] {
                if previous.url != source.url || previous.type != source.type {
                    changed.append(source.id)
                    next[source.id] = SourceSchedule(sourceID: source.id, interval: source.interval, now: now)
                    continue
                }
                if previous.interval != source.interval { schedule.changeInterval(to: source.interval, now: now) }
                next[source.id] = schedule
            } else {
                added.append(source.id)
                next[source.id] = Self.schedule(for: source, saved: states[source.id], now: now)
            }
        }
        let removed = old.keys.filter { next[$0] == nil }.sorted()
        schedules = next
        configuration = new
        slots.resize(concurrency: new.fetch.concurrency, perHostConcurrency: new.fetch.perHostConcurrency)
        hosts = Self.hosts(new)
        sourceIndex = Dictionary(new.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        try await store.removeSources(notIn: Set(new.sources.map(\.id)))
        try await sharing?.register(new.sources)
        for id in removed { states[id] = nil }
        logger.notice("Configuration reloaded.", metadata: [
            "sources": "\(new.sources.count)", "added": "\(added.joined(separator: ","))",
            "removed": "\(removed.joined(separator: ","))", "changed": "\(changed.joined(separator: ","))",
        ])
    }

    // MARK: - The loop

    enum Event: Sendable {
        case tick
        case ran(String, SourceRunner.Result)
        case webhooksSent
        case ratesFetched(Swift.Result<ECBRatesParser.Rates, any Error>)
        case pruned
        case claimed([SourceState])
        case claimFailed(String)
        case idle
        case renewed(asked: [String], held: Set<String>?)
        case sharedEvaluated
        case flushed
    }

    /// Runs until shutdown is requested (or, with `once`, until every source ran once).
    public func run(once: Bool) async {
        runningOnce = once
        await withTaskGroup(of: Event.self) { group in
            var pendingOnce = once ? Set(configuration.sources.map(\.id)) : []
            if once && pendingOnce.isEmpty { return }
            if once, let url = configuration.fx.feed {
                // Alerts of this one pass compare with today's rates.
                await applyRates(await Self.fetchRates(url, with: fetcher))
            }
            // `--once`: every source, in configuration order, as slots free up.
            var notLaunched = once ? configuration.sources : []
            launch(&notLaunched, in: &group)
            group.addTask { await Self.tick(after: .zero) }
            group.addTask { [shutdownWakeups] in
                for await _ in shutdownWakeups { return .tick }
                return .idle
            }
            var stoppingAnnounced = false
            while let event = await group.next() {
                switch event {
                case .ran(let id, let result):
                    slots.release(id)
                    await finish(id, result, in: &group)
                    pendingOnce.remove(id)
                    if once && pendingOnce.isEmpty && slots.isEmpty {
                        group.cancelAll()
                        await finishOnce()
                        return
                    }
                    if once {
                        launch(&notLaunched, in: &group)
                    } else if sharing != nil {
                        if shutdownRequestedAt == nil { refillClaims(in: &group) }
                    } else if shutdownRequestedAt == nil && slots.count <= slots.total * 3 / 4 {
                        // Refill when a quarter of the slots is free, not on every run's end:
                        // each refill looks at every source.
                        launchDue(in: &group)
                    }
                case .webhooksSent:
                    webhookInFlight = false
                case .pruned:
                    pruneInFlight = false
                case .ratesFetched(let result):
                    ratesInFlight = false
                    await applyRates(result)
                case .claimed(let claimed):
                    claimInFlight = false
                    launchClaimed(claimed, in: &group)
                case .claimFailed(let error):
                    claimInFlight = false
                    claimFailed(error)
                case .idle:
                    break
                case .renewed(let asked, let held):
                    renewInFlight = false
                    renewed(asked: asked, held: held)
                case .sharedEvaluated:
                    sharedEvaluateInFlight = false
                case .flushed:
                    flushInFlight = false
                case .tick:
                    if let requestedAt = shutdownRequestedAt {
                        if !stoppingAnnounced {
                            stoppingAnnounced = true
                            notifier.stopping()
                            logger.notice("Stopping: letting in-flight fetches finish.", metadata: ["in_flight": "\(slots.count)"])
                        }
                        if slots.isEmpty { group.cancelAll(); return }
                        if ContinuousClock.now - requestedAt > Self.shutdownGrace {
                            logger.notice("Cancelling fetches still in flight.", metadata: ["in_flight": "\(slots.count)"])
                            group.cancelAll()
                            return
                        }
                        group.addTask { await Self.tick(after: .milliseconds(100)) }
                        continue
                    }
                    if !once {
                        if sharing != nil { claimDue(in: &group) } else { launchDue(in: &group) }
                    }
                    let now = ContinuousClock.now
                    if now - lastHousekeeping >= .seconds(1) {
                        lastHousekeeping = now
                        if !once {
                            await timeDrivenWork(in: &group)
                            sharedHousekeeping(in: &group)
                        }
                        notifier.watchdog()
                        notifier.status(summary.description)
                    }
                    let delay = nextTickDelay()
                    group.addTask { await Self.tick(after: delay) }
                }
            }
        }
    }

    /// Alert rules that depend on time alone, and the webhook queue. Delivery runs as a
    /// child task so a slow receiver never holds the loop (or the watchdog) up.
    private func timeDrivenWork(in group: inout TaskGroup<Event>) async {
        let now = WallClock.now()
        if now - lastAlertTick >= 30_000 {
            lastAlertTick = now
            await alerts.tick(now: now)
        }
        if now - lastTrim >= MallocTuning.trimInterval {
            lastTrim = now
            MallocTuning.trim()
        }
        if let url = configuration.fx.feed, !ratesInFlight, now >= ratesDueAt {
            ratesInFlight = true
            let fetcher = self.fetcher
            group.addTask { .ratesFetched(await Self.fetchRates(url, with: fetcher)) }
        }
        if let retention = configuration.storage.retention, !pruneInFlight, now >= pruneDueAt {
            pruneInFlight = true
            pruneDueAt = now + 3_600_000
            let store = self.store, logger = self.logger
            group.addTask {
                await Self.prune(store, olderThan: WallClock.now() - retention.milliseconds, logger: logger)
                return .pruned
            }
        }
        if !webhookInFlight {
            webhookInFlight = true
            let sender = webhooks, fetcher = self.fetcher
            group.addTask {
                await sender.deliverDue(with: fetcher, now: WallClock.now())
                return .webhooksSent
            }
        }
    }

    /// `storage.retention`: observations, pages and history older than that go; a child
    /// task, so a large deletion never holds the loop (or the watchdog) up.
    private static func prune(_ store: any FigureStore, olderThan cutoff: Int64, logger: Logger) async {
        do {
            let result = try await store.prune(olderThan: cutoff)
            logger.info("Old records removed (storage.retention).", metadata: [
                "cutoff": "\(Timestamp.iso8601(cutoff))", "observations": "\(result.observations)", "pages": "\(result.pages)",
            ])
        } catch {
            logger.error("Cannot apply storage.retention: \(error)")
        }
    }

    /// The ECB reference rates (`fx.feed`), fetched and parsed with the same stages as pages.
    private static func fetchRates(_ url: String, with fetcher: CurlFetcher) async -> Swift.Result<ECBRatesParser.Rates, any Error> {
        do {
            let response = try await fetcher.fetch(FetchRequest(url: url))
            guard (200..<300).contains(response.status) else {
                return .failure(FetchError(.transferFailed, url: url, "returned HTTP \(response.status)"))
            }
            return .success(try ECBRatesParser.parse(response.body, url: url))
        } catch {
            return .failure(error)
        }
    }

    /// New rates go to the alert rules (static ones they lack are kept); on failure the
    /// static table stays in force and the feed is tried again in an hour.
    private func applyRates(_ result: Swift.Result<ECBRatesParser.Rates, any Error>) async {
        let now = WallClock.now()
        switch result {
        case .success(let rates):
            ratesDueAt = now + 86_400_000
            await alerts.updateRates(rates.unitsPerUSD, origin: "ECB \(rates.date)")
            logger.info("Exchange rates updated.", metadata: ["date": "\(rates.date)", "currencies": "\(rates.unitsPerUSD.count)"])
        case .failure(let error):
            ratesDueAt = now + 3_600_000
            logger.warning("Cannot read the exchange-rate feed; using the configured rates: \(error)",
                           metadata: ["event": "fx_feed_failed", "url": "\(configuration.fx.feed ?? "")"])
        }
    }

    /// `--once`: after every source ran, the time-driven rules and one delivery attempt
    /// of every queued webhook.
    private func finishOnce() async {
        let now = WallClock.now()
        await alerts.evaluate(now: now)
        await alerts.tick(now: now)
        await webhooks.deliverDue(with: fetcher, now: now)
        if let retention = configuration.storage.retention {
            await Self.prune(store, olderThan: now - retention.milliseconds, logger: logger)
        }
    }

    /// Until the next source falls due, within 20 ms ... 1 s: a source is launched when it is due,
    /// not at the next whole-second tick after (which made a 1 s source run every 2 s), and the
    /// loop still wakes every second for the watchdog, the time-driven rules and shutdown.
    /// Sources that find no free slot are launched as runs end, not by the tick.
    private func nextTickDelay() -> Duration {
        // Shared: other daemons move the due times; claims are cheap and skip what is locked.
        if sharing != nil { return SourceSharing.claimInterval }
        let now = WallClock.now()
        let due = configuration.sources.lazy.filter { !self.slots.contains($0.id) && self.slots.hasRoom(forHost: self.host(of: $0)) }
            .compactMap { self.schedules[$0.id]?.nextDue }.min()
        guard let due else { return .seconds(1) }
        return .milliseconds(min(max(due - now, 20), 1000))
    }

    private static func tick(after delay: Duration) async -> Event {
        if delay > .zero { try? await Task.sleep(for: delay) }
        return .tick
    }

    /// Launches due sources while slots are free, the longest overdue first, so a backlog is
    /// served in order and no source starves behind others.
    private func launchDue(in group: inout TaskGroup<Event>) {
        guard slots.count < slots.total else { return }
        let now = WallClock.now()
        var due: [(at: Int64, source: Configuration.Source)] = []
        for source in configuration.sources where !slots.contains(source.id) {
            guard let schedule = schedules[source.id], schedule.nextDue <= now else { continue }
            due.append((schedule.nextDue, source))
        }
        due.sort { $0.at < $1.at }
        for (_, source) in due {
            guard slots.count < slots.total else { break }
            if slots.hasRoom(forHost: host(of: source)) { launch(source, in: &group) }
        }
    }

    /// `--once`: launches queued sources while slots are free; the rest stay queued, in order.
    private func launch(_ queue: inout [Configuration.Source], in group: inout TaskGroup<Event>) {
        guard !queue.isEmpty else { return }
        var waiting: [Configuration.Source] = []
        for source in queue {
            if slots.hasRoom(forHost: host(of: source)) { launch(source, in: &group) } else { waiting.append(source) }
        }
        queue = waiting
    }

    private func host(of source: Configuration.Source) -> String {
        hosts[source.id] ?? RunSlots.hostKey(of: source.url)
    }

    func launch(_ source: Configuration.Source, in group: inout TaskGroup<Event>) {
        slots.take(source.id, host: host(of: source))
        let runner = self.runner
        let previous = states[source.id]
        group.addTask {
            .ran(source.id, await runner.run(source, previous: previous))
        }
    }

    /// Records a run: schedule, saved state, and a log line only when the source starts
    /// failing or recovers, never on every attempt.
    private func finish(_ id: String, _ result: SourceRunner.Result, in group: inout TaskGroup<Event>) async {
        let claimed = claimedAt.removeValue(forKey: id)
        guard let source = sourceIndex[id] else {  // removed meanwhile
            if let sharing, !runningOnce { sharing.removedWhileFetched(id, url: result.state.url, logger: logger) }
            return
        }
        let now = WallClock.now()
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
        let day = now / 86_400_000
        if day != today { today = day; figuresToday = 0 }
        figuresToday += result.figuresFound
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
        await alerts.sourceStatus(source: id, url: source.url, failures: state.consecutiveFailures, error: result.failure, now: now)
    }

    /// Releases the fetcher's thread and connections.
    public func close() {
        fetcher.shutdown()
    }
}
