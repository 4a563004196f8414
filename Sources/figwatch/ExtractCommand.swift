import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchExtract
import FigwatchFetch

/// `figwatch extract`: the figures of pages or texts.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the valuation, market-cap and funding figures of pages or texts.",
        discussion: """
            Each INPUT is a page file, a text file (.txt), '-' for standard input, or an http(s) \
            URL. Pages are first reduced to their article text (see 'figwatch text'), so figures in \
            navigation or related-article boxes are not reported. Entities and their aliases come \
            from the configuration when one is found (--config, $FIGWATCH_CONFIG, then \
            /etc/figwatch/figwatch.yaml); without one, figures carry the company as written \
            (entity_text) and no entity id.

            --format json prints one JSON object per figure (fields in FIGURES.md); --format table \
            is for people.

            Example: figwatch extract --format table --config Config/demo.yaml Config/demo/pages/anthropic.en.html
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table
    }

    @Option(help: "Configuration file whose entities are watched.")
    var config: String?

    @Option(help: "Output format: json (one object per line) or table.")
    var format: Format = .json

    @Flag(help: "Also print other money amounts (prices, revenue, spending ...) as metric 'other'.")
    var all = false

    @Flag(help: "Treat inputs as plain text, not HTML.")
    var text = false

    @Option(help: "Decode inputs with this charset, whatever they say.")
    var charset: String?

    @Argument(help: "Page files, text files, '-' or http(s) URLs.")
    var inputs: [String]

    func run() async throws {
        try await Self.reportingErrors {
            let configuration = try ConfigSupport.loadOptional(explicitPath: config)
            let extractor = FigureExtractor(entities: configuration?.entities ?? [])
            let fetchOptions = configuration.map(ConfigSupport.fetchOptions) ?? FetchOptions()
            var rows: [FigureRow] = []
            for input in inputs {
                let source = try await InputReader.read(input, forceText: text, fetchOptions: fetchOptions)
                let article = try ArticleReader.article(of: source, charset: charset, contentXPath: nil, full: false)
                let figures = extractor.figures(in: article.text, includeOther: all)
                for figure in figures {
                    let row = FigureRow(figure: figure, source: source.name, publishedAt: article.publishedAt)
                    if format == .json {
                        Terminal.print(row.json)
                    } else {
                        rows.append(row)
                    }
                }
            }
            if format == .table {
                Terminal.print(FigureRow.table(rows))
            }
        }
    }
}
