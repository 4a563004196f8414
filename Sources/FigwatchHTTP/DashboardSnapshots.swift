import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Synchronization

/// The latest current level of one watched series: a row of `/` and a `figwatch_figure_value` gauge.
struct LatestFigure: Sendable {
    var entity: String
    var metric: Metric
    var currency: String
    var exact: ExactDecimal
    var value: Double
    var bound: Bound
    var time: Int64
    var sourceURL: String
    /// Change against the last level at least 7 days older in the same currency, in percent.
    var changePercent: Double?
    /// The window's levels in the same currency, oldest first, for the sparkline.
    var recent: [Double]
}

/// What `/` shows: per entity the latest levels of the three metrics, and the alert states.
struct Overview: Sendable {
    var figures: [LatestFigure]
    var alertStates: [AlertStateRecord]
    /// Different for every overview built: what a page rendered from it may be cached under.
    var stamp = 0
}

/// Builds the overview from the store and keeps it: an entity's rows are read again only when this
/// daemon stored figures of it (`DaemonReadiness.entityGenerations`), so a busy daemon's scrape reads
/// the few entities that changed, not all of them. Everything is read again when the configuration's
/// entities change, and, on a store other daemons write too (PostgreSQL), after `maxAge`; alert states
/// are read again after `maxAge` (rules also move with time alone).
final class DashboardSnapshots: Sendable {
    let store: any FigureStore
    let readiness: DaemonReadiness
    static let maxAge: Int64 = 10_000
    /// How far back `/` looks for the sparkline and the 7-day change.
    static let window: Int64 = 90 * 86_400_000
    static let metrics: [Metric] = [.marketCap, .valuation, .funding]

    private struct Cached {
        var entityGenerations: [String: Int]
        var builtAt: Int64
        var alertsReadAt: Int64
        var entities: [Entity]
        var rows: [String: [LatestFigure]]
        var overview: Overview
    }

    private let cached = Mutex<Cached?>(nil)
    private let builds = Mutex(0)
    /// Only this daemon writes a SQLite store: nothing changes there that it was not told of.
    private let sharedStore: Bool

    init(store: any FigureStore, readiness: DaemonReadiness) {
        self.store = store
        self.readiness = readiness
        sharedStore = !(store is SQLiteStore)
    }

    func overview(configuration: Configuration, now: Int64) async throws -> Overview {
        let generations = readiness.entityGenerations
        let previous = cached.withLock { $0 }
        var rows: [String: [LatestFigure]] = [:]
        var stale = configuration.entities.map(\.id)
        var alertStates: [AlertStateRecord]?
        if let previous, previous.entities == configuration.entities, !sharedStore || now - previous.builtAt < Self.maxAge {
            stale = configuration.entities.map(\.id).filter { generations[$0] != previous.entityGenerations[$0] }
            rows = previous.rows
            if now - previous.alertsReadAt < Self.maxAge { alertStates = previous.overview.alertStates }
            if stale.isEmpty && alertStates != nil { return previous.overview }
        }
        for id in stale { rows[id] = try await read(entity: id, now: now) }
        let alertsReadAt = alertStates == nil ? now : previous?.alertsReadAt ?? now
        let states: [AlertStateRecord]
        if let alertStates { states = alertStates } else { states = try await store.alertStates() }
        var overview = Overview(figures: configuration.entities.flatMap { rows[$0.id] ?? [] }, alertStates: states)
        overview.stamp = builds.withLock { count in
            count += 1
            return count
        }
        let builtAt = stale.count == configuration.entities.count ? now : previous?.builtAt ?? now
        cached.withLock {
            $0 = Cached(
                entityGenerations: generations, builtAt: builtAt, alertsReadAt: alertsReadAt,
                entities: configuration.entities, rows: rows, overview: overview)
        }
        return overview
    }

    func latest(configuration: Configuration, now: Int64) async throws -> [LatestFigure] {
        try await overview(configuration: configuration, now: now).figures
    }

    private func read(entity id: String, now: Int64) async throws -> [LatestFigure] {
        var figures: [LatestFigure] = []
        for metric in Self.metrics {
            var points = try await store.series(
                entity: id, metric: metric, kind: .level, since: now - Self.window, until: nil, detail: .summary)
            if points.isEmpty {
                // Nothing recent: the latest level is older than the window, if there is one.
                points = try await store.series(
                    entity: id, metric: metric, kind: .level, since: nil, until: nil, detail: .summary)
            }
            if let figure = Self.latest(of: points, entity: id, metric: metric, now: now) {
                figures.append(figure)
            }
        }
        return figures
    }

    static func latest(of points: [SeriesPoint], entity: String, metric: Metric, now: Int64) -> LatestFigure? {
        guard let last = points.last else { return nil }
        let same = points.filter { $0.currency == last.currency }
        let values = same.map { Double($0.value.description) ?? 0 }
        let value = Double(last.value.description) ?? 0
        var change: Double?
        if let before = same.last(where: { $0.time <= last.time - 7 * 86_400_000 }),
            let old = Double(before.value.description), old != 0
        {
            change = (value - old) / old * 100
        }
        return LatestFigure(
            entity: entity, metric: metric, currency: last.currency ?? "", exact: last.value, value: value,
            bound: last.bound, time: last.time, sourceURL: last.firstSourceURL, changePercent: change,
            recent: Array(values.suffix(60)))
    }
}
