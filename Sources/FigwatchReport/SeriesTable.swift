import FigwatchCore

/// `figwatch series --format table`: one row per point, then a sparkline of the levels.
///
/// ```
/// time              metric     kind   value                            currency  bound  status   sources  first source
/// 2025-09-03 00:00  valuation  level  183000000000 (183 billion USD)   USD       exact  current  2        https://...
/// levels ▁▃█ (USD)
/// ```
public enum SeriesTable {
    static let header = ["time", "metric", "kind", "value", "currency", "bound", "status", "sources", "first source"]

    public static func render(_ points: [SeriesPoint], rates: FXRates? = nil) -> String {
        let rows = points.map { point in
            [
                Timestamp.minutes(point.time), point.metric.rawValue, point.kind.rawValue,
                "\(point.value) (\(AmountWords.describe(point.value, currency: point.currency)))",
                point.currency ?? "-", point.bound.rawValue, point.status.rawValue, String(point.sourceCount), point.firstSourceURL,
            ]
        }
        let table = [header] + rows
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        var lines = table.map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padding(to: widths[column])
            }.joined(separator: "  ")
        }
        // One sparkline per metric: a funding round drawn between two valuations would be a spike
        // that means nothing.
        var metrics: [Metric] = []
        for point in points where !metrics.contains(point.metric) { metrics.append(point.metric) }
        if metrics.isEmpty { metrics = [.marketCap] }
        for metric in metrics {
            let plotted = PlottedSeries(points: points.filter { $0.metric == metric }, rates: rates)
            let label = metrics.count > 1 ? "\(metric.rawValue) levels" : "levels"
            if plotted.levels.isEmpty {
                lines.append("\(label): none")
            } else {
                var summary = "\(label) " + Sparkline.render(plotted.levels.map(\.value))
                if let currency = plotted.currency { summary += " (\(currency))" }
                if !plotted.notes.isEmpty { summary += "; " + plotted.notes.joined(separator: "; ") }
                lines.append(summary)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
