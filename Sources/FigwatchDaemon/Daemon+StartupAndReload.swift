import FigwatchConfig
import FigwatchFetch
import FigwatchStore
import Logging

/// Start-up and reload: each source's first due time from its saved state, and a new configuration
/// applied in place, without a restart and without refetching sources that did not change.
extension Daemon {
    /// Loads each source's saved state and decides its first run: where the store
    /// says it was due, else a point of its interval chosen by its id.
    public func prepare() async throws {
        let now = clock.now()
        let saved = try await store.sources()
        for state in saved { states[state.id] = state }
        try await store.removeSources(notIn: Set(configuration.sources.map(\.id)))
        try await sharing?.register(configuration.sources)
        for source in configuration.sources {
            schedules[source.id] = Self.schedule(for: source, saved: states[source.id], now: now)
        }
        // Sightings committed before a crash but not yet judged by the rules.
        await alerts.evaluate()
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
        let now = clock.now()
        let old = Dictionary(configuration.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if new.fetch != configuration.fetch {
            let replacement = try CurlFetcher(options: Self.fetchOptions(new))
            fetcher.shutdown()
            fetcher = replacement
        }
        await gate.setDelay(new.fetch.perHostDelay)
        runner = Self.runner(
            new, fetcher: fetcher, store: store, gate: gate, logger: logger, alerts: alerts, pending: pending, clock: clock)
        await alerts.reconfigure(new)
        routes.update(new)
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
        schedules = SourceSchedules(next)
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
}
