import FigwatchCore

/// `figwatch plot`: an SVG line chart of a series' levels over time.
///
/// Levels are joined by a line with one marker each (filled for exact and approximate values, open
/// triangles for "at least" / "at most"; a point whose currency was inferred, not written beside the
/// amount, has the same shape hollow with a dashed outline, its arrow dashed, and the legend says
/// "currency inferred"); a change is drawn as the move into the level it led to (an
/// arrow ending on the level reported the same day, else the next one), never to a value no report
/// gave. The same figure reported twice is drawn once. The money axis reads `1.8 T USD` under a title
/// naming the metric, the time axis UTC dates. A series in several currencies is drawn in one,
/// converted with `rates` and said so in the legend; without rates only its most common currency is
/// drawn, and the legend says what was left out.
///
/// ```swift
/// let svg = SeriesChart(title: "Alibaba market_cap", points: points, rates: rates).svg()
/// ```
public struct SeriesChart: Sendable {
    public var title: String
    public var points: [SeriesPoint]
    public var rates: FXRates?
    public var width: Double
    public var height: Double

    /// The metric, in words, for the value axis's title (`market capitalisation`); nil for none.
    public var metricWords: String?
    /// Above this many levels the chart draws the line alone, at most two points per pixel column
    /// (lowest, highest), without a marker, tooltip or arrow per figure: a picture of
    /// thousands of points is the same line, and the dashboard's page must come back in milliseconds.
    /// `figwatch plot` draws everything (the default).
    public var markerLimit: Int

    public init(
        title: String, points: [SeriesPoint], rates: FXRates? = nil, metricWords: String? = nil, width: Double = 900,
        height: Double = 480, markerLimit: Int = .max
    ) {
        self.markerLimit = markerLimit
        self.title = title
        self.metricWords = metricWords
        self.points = points
        self.rates = rates
        self.width = width
        self.height = height
    }

    static let color = "#1f6fb4"
    static let up = "#1a9641"
    static let down = "#d7191c"

    public func svg() -> String {
        let plotted = PlottedSeries(points: points, rates: rates)
        let arrows = arrowSegments(plotted)
        let frame = ChartFrame(
            left: 96, right: width - 24, top: 92, bottom: height - 56,
            times: plotted.levels.map(\.point.time) + plotted.changes.map(\.point.time),
            values: plotted.levels.map(\.value) + arrows.flatMap { [$0.from, $0.to] })

        var svg = SVGWriter(width: width, height: height)
        svg.open("defs")
        for (id, colour) in [("arrow-up", Self.up), ("arrow-down", Self.down)] {
            svg.raw("""
                <marker id="\(id)" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" \
                orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="\(colour)"/></marker>
                """)
        }
        svg.close("defs")
        svg.element("rect", ["x": "0", "y": "0", "width": svg.number(width), "height": svg.number(height), "fill": "#ffffff"])
        svg.text(title, x: frame.left, y: 30, attributes: ["font-size": "18", "font-weight": "bold"])
        drawAxes(&svg, frame: frame, currency: plotted.currency, metricWords: metricWords ?? Self.words(points.first?.metric))
        let dense = plotted.levels.count > markerLimit
        var notes = plotted.notes
        let inferred = plotted.inferredCount
        if dense {
            notes.append("\(plotted.levels.count) levels drawn as a line; a shorter time range shows each figure")
            if inferred > 0 {
                notes.append("\(inferred) of \(plotted.levels.count + plotted.changes.count) points: currency inferred, not written beside the amount")
            }
        }
        drawLegend(&svg, notes: notes, empty: plotted.levels.isEmpty && plotted.changes.isEmpty, inferred: inferred > 0 && !dense)

        if plotted.levels.count > 1 {
            let line = dense ? Self.decimated(plotted.levels, frame: frame) : plotted.levels
            let path = line.map { "\(svg.number(frame.x($0.point.time))),\(svg.number(frame.y($0.value)))" }
            svg.element("polyline", ["points": path.joined(separator: " "), "fill": "none", "stroke": Self.color,
                                     "stroke-width": "2", "stroke-linejoin": "round", "class": "level-line"])
        }
        if dense { return svg.finish() }
        for arrow in arrows {
            let colour = arrow.to >= arrow.from ? Self.up : Self.down
            let inferred = arrow.point.currencyInferred
            svg.open("g", ["class": inferred ? "change currency-inferred" : "change"])
            svg.element("title", text: tooltip(arrow.point))
            let x = svg.number(frame.x(arrow.time))
            var line = ["x1": x, "y1": svg.number(frame.y(arrow.from)), "x2": x,
                        "y2": svg.number(frame.y(arrow.to)), "stroke": colour, "stroke-width": "2.5",
                        "marker-end": "url(#\(arrow.to >= arrow.from ? "arrow-up" : "arrow-down"))"]
            if inferred { line["stroke-dasharray"] = Self.inferredDash }
            svg.element("line", line)
            svg.close("g")
        }
        for level in plotted.levels {
            marker(&svg, x: frame.x(level.point.time), y: frame.y(level.value), bound: level.point.bound,
                   inferred: level.point.currencyInferred, tooltip: tooltip(level.point))
        }
        return svg.finish()
    }

    /// At most two levels per pixel column, in time order: the column's lowest and highest, so the
    /// line keeps every peak and trough it would have shown.
    static func decimated(_ levels: [PlottedSeries.Level], frame: ChartFrame) -> [PlottedSeries.Level] {
        var out: [PlottedSeries.Level] = []
        var k = 0
        while k < levels.count {
            let column = Int(frame.x(levels[k].point.time).rounded(.down))
            var end = k + 1
            while end < levels.count, Int(frame.x(levels[end].point.time).rounded(.down)) == column { end += 1 }
            let slice = levels[k..<end]
            var keep = Set<Int>()
            if let low = slice.indices.min(by: { levels[$0].value < levels[$1].value }) { keep.insert(low) }
            if let high = slice.indices.max(by: { levels[$0].value < levels[$1].value }) { keep.insert(high) }
            for index in keep.sorted() { out.append(levels[index]) }
            k = end
        }
        return out
    }

    /// A change drawn as the move into the level it led to: the level reported the same UTC day, else
    /// the next one after it; the arrow ends on that level's marker and starts `delta` below (or above)
    /// it. A change with no level then or after is anchored on the last level before it, as the move
    /// into that one; with no level at all it is not drawn (the series has nothing to move).
    func arrowSegments(_ plotted: PlottedSeries) -> [(point: SeriesPoint, time: Int64, from: Double, to: Double)] {
        plotted.changes.compactMap { change in
            let day = Timestamp.date(change.point.time)
            let sameDay = plotted.levels.last { Timestamp.date($0.point.time) == day }
            let after = plotted.levels.first { $0.point.time > change.point.time }
            let before = plotted.levels.last { $0.point.time <= change.point.time }
            guard let target = sameDay ?? after ?? before else { return nil }
            return (change.point, target.point.time, target.value - change.delta, target.value)
        }
    }

    /// `market_cap` in words, for titles.
    public static func words(_ metric: Metric?) -> String {
        switch metric {
        case .marketCap: return "market capitalisation"
        case .valuation: return "valuation"
        case .funding: return "funding"
        case .other: return "other amounts"
        case nil: return "value"
        }
    }

    private func tooltip(_ point: SeriesPoint) -> String {
        let bound = point.bound == .exact ? "" : " (\(point.bound.rawValue.replacingOccurrences(of: "_", with: " ")))"
        let inferred = point.currencyInferred ? " (currency inferred)" : ""
        return "\(Timestamp.minutes(point.time)) \(point.kind.rawValue) \(AmountWords.describe(point.value, currency: point.currency))"
            + "\(inferred)\(bound), \(point.sourceCount) source\(point.sourceCount == 1 ? "" : "s"): \(point.firstSourceURL)"
    }

    private func drawAxes(_ svg: inout SVGWriter, frame: ChartFrame, currency: String?, metricWords: String) {
        svg.open("g", ["class": "y-axis", "font-size": "12", "fill": "#333333"])
        for tick in frame.valueTicks {
            let y = frame.y(tick)
            svg.element("line", ["x1": svg.number(frame.left), "y1": svg.number(y), "x2": svg.number(frame.right),
                                 "y2": svg.number(y), "stroke": "#e3e3e3"])
            svg.text(AxisNumbers.short(tick, currency: currency), x: frame.left - 8, y: y + 4,
                     attributes: ["text-anchor": "end"])
        }
        svg.close("g")
        svg.open("g", ["class": "x-axis", "font-size": "12", "fill": "#333333"])
        for tick in frame.timeTicks {
            let x = frame.x(tick)
            svg.element("line", ["x1": svg.number(x), "y1": svg.number(frame.top), "x2": svg.number(x),
                                 "y2": svg.number(frame.bottom), "stroke": "#f0f0f0"])
            svg.text(frame.timeLabel(tick), x: x, y: frame.bottom + 20, attributes: ["text-anchor": "middle"])
        }
        svg.close("g")
        svg.element("rect", ["x": svg.number(frame.left), "y": svg.number(frame.top),
                             "width": svg.number(frame.right - frame.left), "height": svg.number(frame.bottom - frame.top),
                             "fill": "none", "stroke": "#888888"])
        // Axis titles: what the values are (and in what currency), and that dates are UTC.
        let valueTitle = metricWords + (currency.map { " (\($0))" } ?? "")
        let midY = (frame.top + frame.bottom) / 2
        svg.text(valueTitle, x: 18, y: midY, attributes: [
            "class": "axis-title", "text-anchor": "middle", "font-size": "12", "fill": "#444444",
            "transform": "rotate(-90 18 \(svg.number(midY)))",
        ])
        svg.text("date (UTC)", x: (frame.left + frame.right) / 2, y: frame.bottom + 42, attributes: [
            "class": "axis-title", "text-anchor": "middle", "font-size": "12", "fill": "#444444",
        ])
    }

    /// The outline of a point whose currency was inferred.
    static let inferredDash = "2.5 1.5"

    /// The key: one entry per marker shape, the change arrow, and "currency inferred" when a point
    /// drawn has one.
    private func drawLegend(_ svg: inout SVGWriter, notes: [String], empty: Bool, inferred: Bool) {
        svg.open("g", ["class": "legend", "font-size": "12", "fill": "#333333"])
        var x = 96.0
        let y = 54.0
        let entries: [(Bound?, String)] = [(.exact, "exact"), (.approx, "approx."), (.atLeast, "at least"),
                                            (.atMost, "at most"), (nil, "change")]
        for (bound, label) in entries {
            if let bound {
                marker(&svg, x: x, y: y - 4, bound: bound, inferred: false, tooltip: nil)
            } else {
                svg.element("line", ["x1": svg.number(x), "y1": svg.number(y + 2), "x2": svg.number(x),
                                     "y2": svg.number(y - 10), "stroke": Self.up, "stroke-width": "2.5",
                                     "marker-end": "url(#arrow-up)"])
            }
            let gap = bound == nil ? 14.0 : 10.0  // the arrow head reaches further right than a marker
            svg.text(label, x: x + gap, y: y)
            x += gap + 10 + Double(label.count) * 7
        }
        if inferred {
            let label = "currency inferred"
            marker(&svg, x: x, y: y - 4, bound: .exact, inferred: true, tooltip: nil)
            svg.text(label, x: x + 10, y: y, attributes: ["class": "legend-inferred"])
        }
        var lineY = y + 20
        for note in notes + (empty ? ["no points to draw"] : []) {
            svg.text(note, x: 96, y: lineY, attributes: ["class": "note", "font-style": "italic"])
            lineY += 16
        }
        svg.close("g")
    }

    /// One point's marker: its shape says the bound; an inferred currency makes it hollow with a
    /// dashed outline.
    private func marker(_ svg: inout SVGWriter, x: Double, y: Double, bound: Bound, inferred: Bool, tooltip: String?) {
        svg.open("g", ["class": "marker \(bound.rawValue)\(inferred ? " currency-inferred" : "")"])
        if let tooltip { svg.element("title", text: tooltip) }
        let (cx, cy) = (svg.number(x), svg.number(y))
        let filled = inferred
            ? ["fill": "#ffffff", "stroke": Self.color, "stroke-width": "1.5", "stroke-dasharray": Self.inferredDash]
            : ["fill": Self.color]
        var open = ["fill": "#ffffff", "stroke": Self.color, "stroke-width": "2"]
        if inferred { open["stroke-dasharray"] = Self.inferredDash }
        switch bound {
        case .exact:
            svg.element("circle", ["cx": cx, "cy": cy, "r": "4.5"].merging(filled) { $1 })
        case .approx:
            svg.element("path", ["d": "M\(cx),\(svg.number(y - 6)) l6,6 l-6,6 l-6,-6 z"].merging(filled) { $1 })
        case .atLeast:
            svg.element("path", ["d": "M\(cx),\(svg.number(y - 6)) l6,10 l-12,0 z"].merging(open) { $1 })
        case .atMost:
            svg.element("path", ["d": "M\(cx),\(svg.number(y + 6)) l6,-10 l-12,0 z"].merging(open) { $1 })
        }
        svg.close("g")
    }
}
