import FigwatchCore
import Foundation
import FoundationXML
import Testing

@testable import FigwatchReport

@Suite("Series as an SVG chart")
struct SeriesChartTests {
    static func parse(_ svg: String) throws -> XMLDocument {
        try XMLDocument(data: Data(svg.utf8), options: [])
    }

    /// FoundationXML's `attribute(forName:)` misses unprefixed attributes in a document with a default
    /// namespace, so look them up by local name.
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
    }

    static func nodes(_ document: XMLDocument, _ xpath: String) throws -> [XMLElement] {
        try document.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    @Test("one marker per level, open markers for bounds, an arrow per change, money and date axes")
    func chart() throws {
        let svg = SeriesChart(title: "Alibaba Group market_cap", points: mixedSeries, rates: rates).svg()
        let document = try Self.parse(svg)
        #expect(document.rootElement()?.name == "svg")
        // Markers carry a tooltip; legend markers do not.
        let markers = try Self.nodes(document, "//*[local-name()='g'][starts-with(@class,'marker')][*[local-name()='title']]")
        #expect(markers.map { Self.attribute($0, "class") } == [
            "marker exact", "marker at_least", "marker approx", "marker at_most",
        ])
        let open = try Self.nodes(document, "//*[local-name()='g'][@class='marker at_least' or @class='marker at_most']/*[local-name()='path']")
        #expect(!open.isEmpty && open.allSatisfy { Self.attribute($0, "fill") == "#ffffff" })
        let arrows = try Self.nodes(document, "//*[local-name()='g'][@class='change']/*[local-name()='line']")
        #expect(arrows.map { Self.attribute($0, "marker-end") } == ["url(#arrow-up)", "url(#arrow-down)"])
        let labels = try Self.nodes(document, "//*[local-name()='g'][@class='y-axis']/*[local-name()='text']").map { $0.stringValue ?? "" }
        #expect(labels.count >= 3 && labels.allSatisfy { $0.hasSuffix(" B USD") })
        let dates = try Self.nodes(document, "//*[local-name()='g'][@class='x-axis']/*[local-name()='text']").map { $0.stringValue ?? "" }
        #expect(!dates.isEmpty && dates.allSatisfy { $0.hasPrefix("2025-09-") })
        let notes = try Self.nodes(document, "//*[@class='note']").map { $0.stringValue ?? "" }
        #expect(notes == ["values in USD: HKD at 7.78 per USD, CNY at 7.13 per USD converted"])
        // Higher levels are drawn higher: y decreases from 3.6 T HKD to 4.2 T HKD.
        let line = try Self.nodes(document, "//*[@class='level-line']").first
        let ys = (line.flatMap { Self.attribute($0, "points") } ?? "").split(separator: " ")
            .compactMap { Double($0.split(separator: ",")[1]) }
        #expect(ys.count == 4 && ys.first! > ys.last!)
    }

    @Test("without rates only the main currency is drawn, and the legend says so")
    func chartWithoutRates() throws {
        let document = try Self.parse(SeriesChart(title: "t", points: mixedSeries).svg())
        let notes = try Self.nodes(document, "//*[@class='note']").map { $0.stringValue ?? "" }
        #expect(notes == ["1 point in CNY not drawn (no fx rates given)"])
        let labels = try Self.nodes(document, "//*[local-name()='g'][@class='y-axis']/*[local-name()='text']").map { $0.stringValue ?? "" }
        #expect(labels.allSatisfy { $0.hasSuffix(" T HKD") })
    }

    @Test("a point whose currency was inferred is drawn hollow with a dashed outline, and the legend says so")
    func inferredCurrencies() throws {
        var points = mixedSeries.filter { $0.currency == "HKD" }
        points[0].currencyInferred = true  // the 3.6 T HKD level
        points[4].currencyInferred = true  // the -300 B HKD change
        let svg = SeriesChart(title: "Alibaba Group market_cap", points: points).svg()
        let document = try Self.parse(svg)
        let markers = try Self.nodes(document, "//*[local-name()='g'][starts-with(@class,'marker')][*[local-name()='title']]")
        #expect(markers.map { Self.attribute($0, "class") } == [
            "marker exact currency-inferred", "marker at_least", "marker at_most",
        ])
        let hollow = try #require(markers.first?.children?.compactMap { $0 as? XMLElement }.first { $0.localName == "circle" })
        #expect(Self.attribute(hollow, "fill") == "#ffffff" && Self.attribute(hollow, "stroke-dasharray") != nil)
        #expect(markers.first?.stringValue?.contains("HKD (currency inferred)") == true)
        // The others keep their look: a filled shape is filled, no outline is dashed.
        let plain = try Self.nodes(document, "//*[local-name()='g'][@class='marker at_least']/*[local-name()='path']")
        #expect(plain.allSatisfy { Self.attribute($0, "stroke-dasharray") == nil })
        let arrows = try Self.nodes(document, "//*[local-name()='g'][starts-with(@class,'change')]")
        #expect(arrows.map { Self.attribute($0, "class") } == ["change", "change currency-inferred"])
        let dashed = try Self.nodes(document, "//*[local-name()='g'][@class='change currency-inferred']/*[local-name()='line']")
        #expect(dashed.count == 1 && Self.attribute(dashed[0], "stroke-dasharray") != nil)
        let legend = try Self.nodes(document, "//*[@class='legend-inferred']").map { $0.stringValue ?? "" }
        #expect(legend == ["currency inferred"])
        let legendMarker = try Self.nodes(
            document, "//*[local-name()='g'][@class='legend']/*[local-name()='g'][@class='marker exact currency-inferred']")
        #expect(legendMarker.count == 1)

        // Without an inferred currency there is no such entry.
        let plainDocument = try Self.parse(SeriesChart(title: "t", points: mixedSeries.filter { $0.currency == "HKD" }).svg())
        #expect(try Self.nodes(plainDocument, "//*[@class='legend-inferred']").isEmpty)
        #expect(try Self.nodes(plainDocument, "//*[contains(@class,'currency-inferred')]").isEmpty)
    }

    @Test("the same figure inferred in one report and written out in another is drawn once, as written out")
    func inferredAndWrittenOut() throws {
        var inferred = point(1, september3 + 3_600_000, "3600000000000", "HKD")
        inferred.currencyInferred = true
        // Reported first inferred, then written out; and the other way round.
        for writtenAt in [september3 + 7_200_000, september3] {
            let written = point(2, writtenAt, "3600000000000", "HKD")
            let document = try Self.parse(SeriesChart(title: "t", points: [inferred, written]).svg())
            let markers = try Self.nodes(document, "//*[local-name()='g'][starts-with(@class,'marker')][*[local-name()='title']]")
            #expect(markers.map { Self.attribute($0, "class") } == ["marker exact"])
        }
        let alone = try Self.parse(SeriesChart(title: "t", points: [inferred]).svg())
        #expect(try Self.nodes(alone, "//*[@class='legend-inferred']").count == 1)
    }

    @Test("text from pages is escaped; empty and single-point series still make valid SVG", arguments: [
        [point(1, september3, "1", url: "https://a.example/?a=1&b=<2>", sentence: "\"quotes\" & <tags>\u{1}")],
        [],
    ])
    func escaping(_ points: [SeriesPoint]) throws {
        let svg = SeriesChart(title: "A & B <Corp>", points: points).svg()
        let document = try Self.parse(svg)
        #expect(document.rootElement()?.name == "svg")
        let title = try Self.nodes(document, "//*[local-name()='text']").first?.stringValue
        #expect(title == "A & B <Corp>")
    }
}

@Suite("Dense series: the line alone")
struct DenseSeriesChartTests {
    static func levels(_ count: Int) -> [SeriesPoint] {
        (0..<count).map { i in
            // A saw-tooth with one spike, so decimation must keep the extremes.
            let base: Int64 = i == count / 2 ? 9_000 : 1_000 + Int64(i % 50) * 10
            return SeriesPoint(
                id: Int64(i + 1), entity: "acme", metric: .marketCap, kind: .level, value: ExactDecimal(Int(base) * 1_000_000_000),
                currency: "USD", bound: .exact, time: 1_700_000_000_000 + Int64(i) * 3_600_000, sourceCount: 1,
                firstSourceURL: "https://example.com/\(i)", provenance: nil)
        }
    }

    @Test("above the marker limit: no marker or tooltip per figure, at most two points a pixel column, the spike kept")
    func denseChart() throws {
        let points = Self.levels(5_000)
        let svg = SeriesChart(title: "Acme market_cap", points: points, markerLimit: 600).svg()
        let document = try SeriesChartTests.parse(svg)
        let markers = try SeriesChartTests.nodes(document, "//*[local-name()='g'][starts-with(@class,'marker')][*[local-name()='title']]")
        #expect(markers.isEmpty)
        let line = try #require(try SeriesChartTests.nodes(document, "//*[local-name()='polyline'][@class='level-line']").first)
        let coordinates = (SeriesChartTests.attribute(line, "points") ?? "").split(separator: " ")
        #expect(coordinates.count > 100 && coordinates.count <= 2 * 900)
        // The spike is the highest point: the smallest y of the line.
        let ys = coordinates.compactMap { Double($0.split(separator: ",").last ?? "") }
        let full = try SeriesChartTests.nodes(
            try SeriesChartTests.parse(SeriesChart(title: "Acme market_cap", points: points).svg()),
            "//*[local-name()='polyline'][@class='level-line']")
        let fullYs = (full.first.flatMap { SeriesChartTests.attribute($0, "points") } ?? "").split(separator: " ")
            .compactMap { Double($0.split(separator: ",").last ?? "") }
        #expect(ys.min() == fullYs.min() && ys.max() == fullYs.max())
        #expect(svg.contains("5000 levels drawn as a line"))
    }

    @Test("above the marker limit, a note counts the points whose currency was inferred")
    func denseChartInferred() throws {
        var points = Self.levels(1_000)
        for index in stride(from: 0, to: points.count, by: 4) { points[index].currencyInferred = true }
        let document = try SeriesChartTests.parse(SeriesChart(title: "t", points: points, markerLimit: 600).svg())
        let notes = try SeriesChartTests.nodes(document, "//*[@class='note']").map { $0.stringValue ?? "" }
        #expect(notes.contains("250 of 1000 points: currency inferred, not written beside the amount"), "\(notes)")
        #expect(try SeriesChartTests.nodes(document, "//*[@class='legend-inferred']").isEmpty)
    }

    @Test("at or under the limit, the chart is the same as without one")
    func sparseChartUnchanged() {
        let points = Self.levels(600)
        #expect(SeriesChart(title: "t", points: points, markerLimit: 600).svg() == SeriesChart(title: "t", points: points).svg())
    }
}
