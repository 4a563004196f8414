import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchReport
import FigwatchStore
import Foundation

/// `figwatch plot`: an SVG chart of a series.
struct PlotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw an entity's series as an SVG line chart.",
        discussion: """
            Levels are a line with a marker per point (open markers for bounded values such as \
            'over' or 'nearly'); a reported change is an arrow ending on the level it led to (the \
            level reported the same day, else the next one). The same figure reported twice is \
            drawn once. A point whose currency was inferred from the page (not written beside the \
            amount) is drawn hollow with a dashed outline, and the legend says 'currency inferred'. \
            The title names the entity and the metric; the axes say what they measure. Points in other currencies are \
            converted with the configuration's fx rates, as the legend says. Only current figures \
            (stated as fact) are drawn unless --status asks for past values or forecasts too \
            (docs/FIGURES.md).

            --output - writes the SVG to standard output.

            Example: figwatch plot alibaba market_cap --since 365d --output alibaba.svg
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "Entity id (or one of its names) from the configuration.")
    var entity: String

    @Argument(help: "market_cap, valuation or funding.")
    var metric: Metric

    @Option(help: "Only points at or after WHEN: a date (2025-09-03), a date-time, or an age (30d, 12h).")
    var since: String?

    @OptionGroup var status: StatusOption

    @Option(help: "The SVG file to write, or - for standard output.")
    var output: String

    func run() async throws {
        try await Self.reportingErrors {
            try await options.withStore { configuration, store in
                let id = try EntityLookup.id(entity, in: configuration)
                // A chart draws levels and changes: the points' sentences are not read.
                let points = try await store.series(
                    entity: id, metric: metric, kind: nil, statuses: try status.selection,
                    since: try since.map { try StoreSupport.when($0) }, until: nil, detail: .summary)
                guard !points.isEmpty else {
                    throw CLIError.runtime(
                        "no \(metric.rawValue) points for \(id) to plot (status \(FigureStatus.names(try status.selection)))")
                }
                let name = configuration.entities.first { $0.id == id }?.name ?? id
                let rates = configuration.fx.rates.isEmpty ? nil : FXRates(rates: configuration.fx.rates)
                let words = SeriesChart.words(metric)
                let chart = SeriesChart(title: "\(name): \(words)", points: points, rates: rates, metricWords: words)
                if output == "-" {
                    FileOutput.write(chart.svg())
                    return
                }
                do {
                    try chart.svg().write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    throw CLIError.runtime("\(output): cannot write the chart: \(error.localizedDescription)")
                }
                Terminal.print("wrote \(output): \(points.count) points")
            }
        }
    }
}
