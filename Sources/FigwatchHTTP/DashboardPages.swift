import FigwatchConfig
import FigwatchCore
import FigwatchReport
import FigwatchStore
import Foundation
import Synchronization

/// The dashboard's pages: data from the store (and the overview cache), HTML from the templates.
/// Every value reaches the page through an escaping `{{ }}`; links are only ever http(s).
final class DashboardPages: Sendable {
    let store: any FigureStore
    let snapshots: DashboardSnapshots
    /// `/` as last rendered, with the stamp of the overview it shows: rendering 300 rows costs more
    /// than reading them, and the overview changes only when figures are stored.
    private let renderedIndex = Mutex<(stamp: Int, html: String)?>(nil)
    /// Entity pages as last rendered, by entity, metric and range, with the figure generation and time
    /// they were rendered at; kept under the same rule as the overview (`DashboardSnapshots`).
    private let renderedEntities = Mutex<[String: (generation: Int, at: Int64, html: String)]>([:])

    init(store: any FigureStore, snapshots: DashboardSnapshots) {
        self.store = store
        self.snapshots = snapshots
    }

    /// Rows of the entity page's figure table at most: a long series is read in its chart.
    static let tableLimit = 300
    /// Above this many levels an entity's chart is its line alone (`SeriesChart.markerLimit`): the
    /// first render of an entity with 10,000 figures drew 3,300 markers with tooltips per chart.
    static let chartMarkerLimit = 600

    func index(configuration: Configuration, now: Int64) async throws -> String {
        let overview = try await snapshots.overview(configuration: configuration, now: now)
        if let hit = renderedIndex.withLock({ $0?.stamp == overview.stamp ? $0?.html : nil }) { return hit }
        let names = Dictionary(configuration.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let alerts = Dictionary(grouping: overview.alertStates, by: \.entity)
        let rows: [[String: Any]] = overview.figures.map { figure in
            var row = figureRow(figure)
            row["name"] = names[figure.entity] ?? figure.entity
            row["alerts"] = (alerts[figure.entity] ?? []).map { ["rule": $0.rule, "state": $0.state] }
            return row
        }
        let shown = Set(overview.figures.map(\.entity))
        let quiet = configuration.entities.filter { !shown.contains($0.id) }.map { ["id": $0.id, "name": $0.name] }
        let html = render("index", page(title: "Entities", now: now, [
            "rows": rows, "quiet": quiet, "hasQuiet": !quiet.isEmpty,
        ]))
        renderedIndex.withLock { $0 = (overview.stamp, html) }
        return html
    }

    func figureRow(_ figure: LatestFigure) -> [String: Any] {
        var change = "", changeClass = ""
        if let pct = figure.changePercent {
            change = (pct >= 0 ? "+" : "−") + String(format: "%.1f%%", abs(pct))
            changeClass = pct > 0 ? "up" : (pct < 0 ? "down" : "")
        }
        return [
            "entity": figure.entity, "metric": figure.metric.rawValue, "exact": figure.exact.description,
            "amount": AmountWords.describe(figure.exact, currency: figure.currency.isEmpty ? nil : figure.currency)
                + (figure.bound == .exact ? "" : " (\(figure.bound.rawValue))"),
            "change": change, "changeClass": changeClass, "sparkline": SparklineSVG.render(figure.recent),
            "iso": Timestamp.iso8601(figure.time), "date": Timestamp.date(figure.time),
        ]
    }

    /// `/entity/ID?metric=market_cap&since=90d`: a chart per metric and the figures of every status.
    func entity(_ entity: Entity, metric: Metric?, since: String, configuration: Configuration, now: Int64) async throws
        -> String
    {
        let key = "\(entity.id)|\(entity.name)|\(metric?.rawValue ?? "")|\(since)"
        let generation = snapshots.readiness.entityGenerations[entity.id] ?? 0
        if let hit = renderedEntities.withLock({ pages -> String? in
            guard let page = pages[key], page.generation == generation, now - page.at < DashboardSnapshots.maxAge else { return nil }
            return page.html
        }) {
            return hit
        }
        let html = try await renderEntity(entity, metric: metric, since: since, configuration: configuration, now: now)
        renderedEntities.withLock { pages in
            if pages.count >= 64 { pages.removeAll() }
            pages[key] = (generation, now, html)
        }
        return html
    }

    private func renderEntity(_ entity: Entity, metric: Metric?, since: String, configuration: Configuration, now: Int64)
        async throws -> String
    {
        let sinceTime = Self.sinceTime(since, now: now)
        let metrics = metric.map { [$0] } ?? DashboardSnapshots.metrics
        let rates = configuration.fx.rates.isEmpty ? nil : FXRates(rates: configuration.fx.rates)
        // One read of the summary (every status) serves the charts (current figures, as `figwatch plot`
        // draws them), the count and the time span of the table's rows.
        let summary = try await store.series(
            entity: entity.id, metric: metric, kind: nil, statuses: Set(FigureStatus.allCases), since: sinceTime,
            until: nil, detail: .summary)
        var charts: [[String: Any]] = []
        for metric in metrics {
            let points = summary.filter { $0.metric == metric && FigureStatus.defaultSelection.contains($0.status) }
            guard !points.isEmpty else { continue }
            let svg = SeriesChart(
                title: "\(entity.name) \(metric.rawValue)", points: points, rates: rates, markerLimit: Self.chartMarkerLimit
            ).svg()
            charts.append(["metric": metric.rawValue, "svg": Self.inlineSVG(svg), "count": points.count])
        }
        // The table shows the newest rows only: their sentences are read for the stretch of time they
        // span (a point's sentence costs far more to read than its value).
        var tableSince = sinceTime
        if summary.count > Self.tableLimit {
            tableSince = max(sinceTime ?? .min, summary[summary.count - Self.tableLimit].time)
        }
        let all = try await store.series(
            entity: entity.id, metric: metric, kind: nil, statuses: Set(FigureStatus.allCases), since: tableSince,
            until: nil, detail: .withProvenance)
        let total = summary.count
        let figures: [[String: Any]] = all.suffix(Self.tableLimit).reversed().map { point in
            let host = URLComponents(string: point.firstSourceURL)?.host ?? point.firstSourceURL
            return [
                "id": point.id, "iso": Timestamp.iso8601(point.time), "date": Timestamp.date(point.time),
                "metric": point.metric.rawValue, "kind": point.kind.rawValue, "exact": point.value.description,
                "amount": AmountWords.describe(point.value, currency: point.currency), "bound": point.bound.rawValue,
                "status": point.status.rawValue, "link": Self.orFalse(Self.safeLink(point.firstSourceURL)), "host": host,
                "more": point.sourceCount > 1 ? point.sourceCount - 1 as Any : false, "sentence": point.provenance?.sentence ?? "",
            ]
        }
        let metricOptions: [[String: Any]] = [["value": "", "label": "all", "selected": metric == nil]]
            + DashboardSnapshots.metrics.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": $0 == metric] }
        let sinceOptions: [[String: Any]] = Self.sinceChoices.map { ["value": $0, "label": $0, "selected": $0 == since] }
        return render("entity", page(title: entity.name, now: now, [
            "id": entity.id, "name": entity.name, "charts": charts, "figures": figures, "shown": figures.count,
            "total": total, "metricOptions": metricOptions, "sinceOptions": sinceOptions,
        ]))
    }

    static let sinceChoices = ["7d", "30d", "90d", "365d", "all"]

    static func sinceTime(_ since: String, now: Int64) -> Int64? {
        guard since != "all", since.hasSuffix("d"), let days = Int64(since.dropLast()) else { return nil }
        return now - days * 86_400_000
    }

    func alerts(configuration: Configuration, now: Int64) async throws -> String {
        let states = try await store.alertStates()
        let firing: [[String: Any]] = states.filter { $0.state == "firing" }.map { state in
            [
                "rule": state.rule, "entity": state.entity, "since": Timestamp.minutes(state.since),
                "value": Self.orFalse(state.lastValue.map { AmountWords.describe($0, currency: state.lastCurrency) }),
            ]
        }
        let history = try await store.alertHistory(since: now - 30 * 86_400_000)
        let events: [[String: Any]] = history.suffix(Self.tableLimit).reversed().map { event in
            [
                "iso": Timestamp.iso8601(event.at), "at": Timestamp.minutes(event.at), "rule": event.rule,
                "entity": event.entity, "state": event.state,
                "value": event.value.map { AmountWords.describe($0, currency: event.currency) } ?? "",
                "threshold": event.threshold ?? "", "link": Self.orFalse(event.sourceURL.flatMap(Self.safeLink)),
                "host": event.sourceURL.flatMap { URLComponents(string: $0)?.host } ?? "",
            ]
        }
        return render("alerts", page(title: "Alerts", now: now, ["firing": firing, "events": events]))
    }

    func sources(configuration: Configuration, now: Int64) async throws -> String {
        let states = Dictionary(try await store.sources().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows: [[String: Any]] = configuration.sources.map { source in
            let state = states[source.id]
            return [
                "id": source.id, "url": Self.safeLink(source.url) ?? "#", "type": source.type.rawValue,
                "lastFetch": state?.lastFetchedAt.map(Timestamp.minutes) ?? "never",
                "status": state?.lastStatus.map(String.init) ?? "", "nextDue": state?.nextDueAt.map(Timestamp.minutes) ?? "",
                "failures": state?.consecutiveFailures ?? 0, "failing": (state?.consecutiveFailures ?? 0) > 0,
                "owner": state?.leaseOwner ?? "", "error": state?.lastError ?? "",
            ]
        }
        return render("sources", page(title: "Sources", now: now, ["sources": rows]))
    }

    // MARK: Helpers

    private func page(title: String, now: Int64, _ values: [String: Any]) -> [String: Any] {
        var context = values
        context["title"] = title
        context["version"] = Configuration.version
        context["generated"] = Timestamp.minutes(now)
        return context
    }

    private func render(_ template: String, _ context: [String: Any]) -> String {
        DashboardTemplates.library.render(context, withTemplate: template) ?? ""
    }

    /// A text for a template section, or `false` (an empty section) when there is none.
    static func orFalse(_ text: String?) -> Any {
        if let text { return text }
        return false
    }

    /// The URL when it is http(s), so a page never links to `javascript:` or `data:`.
    static func safeLink(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }

    /// The renderer's standalone SVG document, for inclusion in HTML: without its XML declaration,
    /// scaled by the page (viewBox) rather than by fixed pixels.
    static func inlineSVG(_ svg: String) -> String {
        var text = Substring(svg)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = text[end.upperBound...] }
        return String(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A small inline SVG line of a series' recent levels for `/` (the terminal's `Sparkline` draws blocks).
enum SparklineSVG {
    static func render(_ values: [Double], width: Double = 120, height: Double = 28) -> String {
        guard values.count > 1, let low = values.min(), let high = values.max() else {
            return "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"one point\"></svg>"
        }
        let span = high > low ? high - low : 1
        let points = values.enumerated().map { index, value in
            let x = Double(index) / Double(values.count - 1) * (width - 2) + 1
            let y = high > low ? (height - 2) - (value - low) / span * (height - 4) : height / 2
            return String(format: "%.1f,%.1f", x, y)
        }
        return "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"trend\"><polyline points=\"\(points.joined(separator: " "))\"/></svg>"
    }
}
