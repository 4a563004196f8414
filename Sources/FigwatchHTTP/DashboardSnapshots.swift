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

/// Builds the overview from the store and keeps it until figures are stored (this daemon's
/// `DaemonReadiness.figureGeneration`), the configuration changes, or `maxAge` passes (other daemons on
/// a shared PostgreSQL store write without telling this one).
final class DashboardSnapshots: Sendable {
    let store: any FigureStore
    let readiness: DaemonReadiness
    static let maxAge: Int64 = 10_000
    /// How far back `/` looks for the sparkline and the 7-day change.
    static let window: Int64 = 90 * 86_400_000
    static let metrics: [Metric] = [.marketCap, .valuation, .funding]

    private struct Cached {
        var generation: Int
        var builtAt: Int64
        var entities: [Entity]
        var overview: Overview
    }

    private let cached = Mutex<Cached?>(nil)
    private let builds = Mutex(0)

    init(store: any FigureStore, readiness: DaemonReadiness) {
        self.store = store
        self.readiness = readiness
    }

    func overview(configuration: Configuration, now: Int64) async throws -> Overview {
        let generation = readiness.figureGeneration
        if let hit = cached.withLock({ cached -> Overview? in
            guard let cached, cached.generation == generation, cached.entities == configuration.entities,
                now - cached.builtAt < Self.maxAge
            else { return nil }
            return cached.overview
        }) {
            return hit
        }
        var overview = try await build(configuration: configuration, now: now)
        overview.stamp = builds.withLock { count in
            count += 1
            return count
        }
        cached.withLock { $0 = Cached(generation: generation, builtAt: now, entities: configuration.entities, overview: overview) }
        return overview
    }

    func latest(configuration: Configuration, now: Int64) async throws -> [LatestFigure] {
        try await overview(configuration: configuration, now: now).figures
    }

    private func build(configuration: Configuration, now: Int64) async throws -> Overview {
        var figures: [LatestFigure] = []
        for entity in configuration.entities {
            for metric in Self.metrics {
                var points = try await store.series(
                    entity: entity.id, metric: metric, kind: .level, since: now - Self.window, until: nil, detail: .summary)
                if points.isEmpty {
                    // Nothing recent: the latest level is older than the window, if there is one.
                    points = try await store.series(
                        entity: entity.id, metric: metric, kind: .level, since: nil, until: nil, detail: .summary)
                }
                if let figure = Self.latest(of: points, entity: entity.id, metric: metric, now: now) {
                    figures.append(figure)
                }
            }
        }
        return Overview(figures: figures, alertStates: try await store.alertStates())
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
