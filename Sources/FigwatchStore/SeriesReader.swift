import FigwatchCore

/// The stored series, as `figwatch series`, `plot` and the alert rules' `min_sources` read them.
public protocol SeriesReader: Sendable {
    /// The points of one entity's series in time order (oldest first), `since` and `until` inclusive;
    /// `nil` filters mean all metrics / kinds / times; only figures of `statuses` (all three for every
    /// point). `detail` says whether each point's `provenance` is read too.
    func series(
        entity: String, metric: Metric?, kind: FigureKind?, statuses: Set<FigureStatus>, since: Int64?, until: Int64?,
        detail: SeriesDetail
    ) async throws -> [SeriesPoint]

    /// Distinct hosts that reported an observation, in the order they were recorded.
    func sourceHosts(observationID: Int64) async throws -> [String]

    /// The number of distinct hosts that reported a value of `entity`'s `metric`/`kind` in `currency`
    /// within `range` (inclusive, exact decimal comparison) between `since` and `until`: what an alert
    /// with `min_sources` asks ("do two outlets agree it is above 4 trillion HKD this week?").
    func distinctHosts(
        entity: String, metric: Metric, kind: FigureKind, currency: String?, range: ValueRange,
        since: Int64, until: Int64
    ) async throws -> Int
}

extension SeriesReader {
    /// The series of current figures (statements of fact), what a series, a chart and an alert rule
    /// read unless asked otherwise.
    public func series(
        entity: String, metric: Metric?, kind: FigureKind?, since: Int64?, until: Int64?, detail: SeriesDetail
    ) async throws -> [SeriesPoint] {
        try await series(
            entity: entity, metric: metric, kind: kind, statuses: FigureStatus.defaultSelection, since: since,
            until: until, detail: detail)
    }
}
