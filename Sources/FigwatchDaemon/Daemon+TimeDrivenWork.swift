import FigwatchConfig
import FigwatchCore
import FigwatchFetch
import FigwatchStore
import FigwatchText
import Logging

/// Work that falls due with the clock rather than with a source: time-only alert rules, webhook
/// delivery, `storage.retention` and the `fx.feed` exchange rates. In the loop each slow part runs as a
/// child task; `--once` does it all once, after every source ran.
extension Daemon {
    /// When each kind of time-driven work last ran or is next due (the clock's time), and which is in flight.
    struct Timers {
        /// When the loop last did its once-a-second work (watchdog, status, alerts, webhooks).
        var lastHousekeeping: Int64 = .min
        var lastAlertTick: Int64 = 0
        var lastTrim: Int64 = 0
        /// When `storage.retention` is next applied (hourly).
        var pruneDueAt: Int64 = 0
        /// When the `fx.feed` rates are next fetched (daily; hourly after a failure).
        var ratesDueAt: Int64 = 0
        /// `deliverDue` calls in flight: they overlap, each skipping the destinations another works, so a
        /// receiver that hangs holds up only its own messages. Bounded by the destinations: a call that
        /// finds another reading the queue returns at once.
        var webhookCalls = 0
        var ratesInFlight = false
        var pruneInFlight = false
    }

    /// Alert rules that depend on time alone, and the webhook queue. Delivery runs as a
    /// child task so a slow receiver never holds the loop (or the watchdog) up.
    func timeDrivenWork(in group: inout TaskGroup<Event>) async {
        let now = clock.now()
        if now - timers.lastAlertTick >= 30_000 {
            timers.lastAlertTick = now
            await alerts.tick()
        }
        if now - timers.lastTrim >= MallocTuning.trimInterval {
            timers.lastTrim = now
            MallocTuning.trim()
        }
        if let url = configuration.fx.feed, !timers.ratesInFlight, now >= timers.ratesDueAt {
            timers.ratesInFlight = true
            let fetcher = self.fetcher
            group.addTask { .ratesFetched(await Self.fetchRates(url, with: fetcher)) }
        }
        if let retention = configuration.storage.retention, !timers.pruneInFlight, now >= timers.pruneDueAt {
            timers.pruneInFlight = true
            timers.pruneDueAt = now + 3_600_000
            let store = self.store, logger = self.logger, clock = self.clock
            group.addTask {
                await Self.prune(store, olderThan: clock.now() - retention.milliseconds, logger: logger)
                return .pruned
            }
        }
        if timers.webhookCalls < 64 {
            timers.webhookCalls += 1
            let sender = webhooks, fetcher = self.fetcher
            group.addTask {
                await sender.deliverDue(with: fetcher)
                return .webhooksSent
            }
        }
    }

    /// `storage.retention`: observations, pages and history older than that go; a child
    /// task, so a large deletion never holds the loop (or the watchdog) up.
    private static func prune(_ store: any Retention, olderThan cutoff: Int64, logger: Logger) async {
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
    static func fetchRates(_ url: String, with fetcher: CurlFetcher) async -> Swift.Result<ECBRatesParser.Rates, any Error> {
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
    func applyRates(_ result: Swift.Result<ECBRatesParser.Rates, any Error>) async {
        let now = clock.now()
        switch result {
        case .success(let rates):
            timers.ratesDueAt = now + 86_400_000
            await alerts.updateRates(rates.unitsPerUSD, origin: "ECB \(rates.date)")
            logger.info("Exchange rates updated.", metadata: ["date": "\(rates.date)", "currencies": "\(rates.unitsPerUSD.count)"])
        case .failure(let error):
            timers.ratesDueAt = now + 3_600_000
            logger.warning("Cannot read the exchange-rate feed; using the configured rates: \(error)",
                           metadata: ["event": "fx_feed_failed", "url": "\(configuration.fx.feed ?? "")"])
        }
    }

    /// `--once`: after every source ran, the time-driven rules and one delivery attempt
    /// of every queued message, each group's waiting transitions in one message at once (there is no
    /// later run to wait for).
    func finishOnce() async {
        let now = clock.now()
        await alerts.evaluate()
        await alerts.tick()
        await webhooks.deliverDue(with: fetcher, flushGroups: true)
        if let retention = configuration.storage.retention {
            await Self.prune(store, olderThan: now - retention.milliseconds, logger: logger)
        }
    }
}
