import FigwatchCore
import Foundation
import Testing

@testable import FigwatchReport

/// What a reader of a chart or a sparkline is told (issue 25): one sparkline per metric, a change as
/// the move into its level, the same figure drawn once, axes that say what they measure.
@Suite("Charts as a reader reads them")
struct ChartReadingTests {
    static let day: Int64 = 86_400_000

    @Test("a series of several metrics has one sparkline per metric; one metric keeps the plain line")
    func sparklinePerMetric() {
        var funding = point(3, september3 + Self.day, "5000000000", "USD")
        funding.metric = .funding
        var valuation = point(4, september3 + 2 * Self.day, "90000000000", "USD")
        valuation.metric = .valuation
        let mixed = [point(1, september3, "100000000000"), funding, point(2, september3 + 3 * Self.day, "120000000000"), valuation]
        let lines = SeriesTable.render(mixed).split(separator: "\n").suffix(3)
        #expect(lines.map { String($0.prefix { $0 != " " }) } == ["market_cap", "funding", "valuation"], "\(lines)")
        #expect(lines.first?.hasPrefix("market_cap levels ▁█ (USD)") == true, "\(lines)")
        let single = SeriesTable.render([point(1, september3, "1"), point(2, september3 + Self.day, "2")])
        #expect(single.split(separator: "\n").last == "levels ▁█ (USD)")
    }

    @Test("a change is the move into the level it led to, never an arrow to a value nobody reported")
    func changeIntoItsLevel() {
        // 100bn on the 3rd; on the 5th "rose 20bn to 130bn" (the level says 130, so the move starts at 110).
        let points = [
            point(1, september3, "100000000000"), point(2, september3 + 2 * Self.day, "20000000000", kind: .change),
            point(3, september3 + 2 * Self.day + 3_600_000, "130000000000"),
        ]
        let chart = SeriesChart(title: "t", points: points)
        let arrows = chart.arrowSegments(PlottedSeries(points: points, rates: nil))
        #expect(arrows.count == 1)
        #expect(arrows.first?.to == 130_000_000_000 && arrows.first?.from == 110_000_000_000)
        #expect(arrows.first?.time == september3 + 2 * Self.day + 3_600_000)
        // With no level that day, it is the move into the next level.
        let later = [points[0], points[1], point(3, september3 + 4 * Self.day, "125000000000")]
        let next = chart.arrowSegments(PlottedSeries(points: later, rates: nil))
        #expect(next.first?.to == 125_000_000_000 && next.first?.from == 105_000_000_000)
    }

    @Test("the same figure reported twice the same day is drawn once")
    func identicalOnce() {
        let points = [
            point(1, september3, "100000000000"), point(2, september3 + 3_600_000, "100000000000", status: .forecast),
            point(3, september3 + 3_600_000, "101000000000"),
        ]
        let plotted = PlottedSeries(points: points, rates: nil)
        #expect(plotted.levels.map(\.point.id) == [1, 3])
        let svg = SeriesChart(title: "t", points: points).svg()
        // Two drawn, plus the legend's own exact marker.
        #expect(svg.components(separatedBy: "<g class=\"marker exact\">").count - 1 == 3, "\(svg)")
    }

    @Test("axis titles: the metric in words with its currency, and dates in UTC")
    func axisTitles() {
        let svg = SeriesChart(title: "Alibaba Group: market capitalisation", points: mixedSeries).svg()
        #expect(svg.contains(">market capitalisation (HKD)</text>"), "\(svg)")
        #expect(svg.contains(">date (UTC)</text>"))
        #expect(SeriesChart.words(.valuation) == "valuation" && SeriesChart.words(.marketCap) == "market capitalisation")
    }
}
