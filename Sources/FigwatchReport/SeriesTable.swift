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
        let plotted = PlottedSeries(points: points, rates: rates)
        if plotted.levels.isEmpty {
            lines.append("levels: none")
        } else {
            var summary = "levels " + Sparkline.render(plotted.levels.map(\.value))
            if let currency = plotted.currency { summary += " (\(currency))" }
            if !plotted.notes.isEmpty { summary += "; " + plotted.notes.joined(separator: "; ") }
            lines.append(summary)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
