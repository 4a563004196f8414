import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchReport
import FigwatchStore

/// `figwatch series`: one entity's stored time series.
struct SeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Print an entity's stored time series: one row per point.",
        discussion: """
            Each row: time, metric, kind, value (digits and words), currency, bound, status, the \
            number of sites that reported it, and the first source URL. Only current figures \
            (stated as fact) unless --status asks for past values or forecasts too; the status of a \
            figure is described in docs/FIGURES.md. The table ends with a sparkline of \
            the levels. CSV (a header, RFC 4180 quoting) adds the sentence each point was first read \
            from; json prints one object per line, adding the sentence, the amount's offset in the \
            page text, alternate readings and the page's publication and fetch times.

            Example: figwatch series alibaba market_cap --since 30d --format csv
            Example: figwatch series alibaba market_cap --status current,forecast
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }
    enum KindFilter: String, ExpressibleByArgument, CaseIterable { case level, change, all }

    @OptionGroup var options: StoreOptions

    @Argument(help: "Entity id (or one of its names) from the configuration.")
    var entity: String

    @Argument(help: "market_cap, valuation or funding (default: all three).")
    var metric: Metric?

    @Option(help: "Only points at or after WHEN: a date (2025-09-03), a date-time, or an age (30d, 12h).")
    var since: String?

    @Option(help: "Only points at or before WHEN.")
    var until: String?

    @Option(help: "level, change or all.")
    var kind: KindFilter = .all

    @OptionGroup var status: StatusOption

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    func run() async throws {
        try await Self.reportingErrors {
            try await options.withStore { configuration, store in
                let id = try EntityLookup.id(entity, in: configuration)
                // The table shows no sentences, so it does not read them (nor the rest of the points'
                // provenance); CSV and JSON print them.
                let points = try await store.series(
                    entity: id, metric: metric, kind: kind == .all ? nil : FigureKind(rawValue: kind.rawValue),
                    statuses: try status.selection, since: try since.map { try StoreSupport.when($0) }, until: try until.map { try StoreSupport.when($0) },
                    detail: format == .table ? .summary : .withProvenance)
                switch format {
                case .table:
                    Terminal.print(points.isEmpty ? "no points for \(id)" : SeriesTable.render(points))
                case .csv:
                    FileOutput.write(SeriesCSV.render(points))
                case .json:
                    FileOutput.write(try SeriesJSONLines.render(points))
                }
            }
        }
    }
}

extension Metric: ExpressibleByArgument {}

/// Finds an entity by id, name or alias, so `figwatch series 阿里巴巴` works too.
enum EntityLookup {
    static func id(_ text: String, in configuration: Configuration) throws -> String {
        let lower = text.lowercased()
        if let entity = configuration.entities.first(where: {
            $0.id == text || $0.name.lowercased() == lower || $0.aliases.contains { $0.lowercased() == lower }
        }) {
            return entity.id
        }
        let known = configuration.entities.map(\.id).joined(separator: ", ")
        throw CLIError.usage("no entity '\(text)' in \(configuration.path) (entities: \(known.isEmpty ? "none" : known))")
    }
}
