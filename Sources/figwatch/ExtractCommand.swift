import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchExtract
import FigwatchFetch
import Foundation

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

            --format json prints one JSON object per figure (fields in docs/FIGURES.md, status \
            last); --format csv the same fields as columns (RFC 4180, a header row, alternates \
            as JSON); --format table is for people, with a SOURCE column when there are several \
            inputs. Every figure is printed whatever its status: \
            current (stated as fact), past (an older value quoted beside a newer one) or forecast \
            (targets, talks, projections).

            What the page says about itself settles amounts whose currency the text leaves open \
            (元, a bare 億), as in the daemon: its declared language (zh-TW, zh-HK ...) and, for a \
            URL, its host's country domain. --currency and --region say it for a page that does \
            not, as a source's currency: and region: keys do in the configuration.

            Languages read: English, Chinese (Simplified and Traditional), Japanese and German. \
            Sentences in any other language yield no figures (numbers are never guessed at); \
            extract says so once on standard error, naming the languages and how many sentences.

            Example: figwatch extract --format table --config Config/demo.yaml Config/demo/pages/anthropic.en.html
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table, csv
    }

    @Option(help: "Configuration file whose entities are watched.")
    var config: String?

    @Option(help: "Output format: json (one object per line), csv or table.")
    var format: Format = .json

    @Flag(help: "Also print other money amounts (prices, revenue, spending ...) as metric 'other'.")
    var all = false

    @Flag(help: "Treat inputs as plain text, not HTML.")
    var text = false

    @Option(help: "Decode inputs with this charset, whatever they say.")
    var charset: String?

    @Option(help: "ISO 4217 code that 元 and amounts without a currency mean in these inputs (e.g. TWD, HKD).")
    var currency: String?

    @Option(help: "ISO 3166 code of the region the inputs were written for (e.g. TW, HK, CN).")
    var region: String?

    @Argument(help: "Page files, text files, '-' or http(s) URLs.")
    var inputs: [String]

    func validate() throws {
        if let currency, !ISOCodes.currencies.contains(currency.uppercased()) {
            throw ValidationError(
                "--currency: '\(currency)' is not a currency code figwatch knows ("
                    + ISOCodes.currencies.sorted().joined(separator: ", ") + ")")
        }
        if let region, !ISOCodes.regions.contains(region.uppercased()) {
            throw ValidationError("--region: '\(region)' is not an ISO 3166 two-letter region code (e.g. TW, HK, CN)")
        }
    }

    func run() async throws {
        try await Self.reportingErrors {
            let configuration = try ConfigSupport.loadOptional(explicitPath: config)
            let extractor = FigureExtractor(entities: configuration?.entities ?? [])
            let fetchOptions = configuration.map(ConfigSupport.fetchOptions) ?? FetchOptions()
            var rows: [FigureRow] = []
            var unread: [String: Int] = [:]
            for input in inputs {
                let source = try await InputReader.read(input, forceText: text, fetchOptions: fetchOptions)
                let article = try ArticleReader.article(of: source, charset: charset, contentXPath: nil, full: false)
                let hints = DocumentHints(
                    language: article.language, host: Self.host(of: source.name), currency: currency?.uppercased(),
                    region: region?.uppercased())
                let extraction = extractor.extract(article.text, hints: hints, includeOther: all)
                unread.merge(extraction.unreadSentences, uniquingKeysWith: +)
                for figure in extraction.figures {
                    let row = FigureRow(figure: figure, source: source.name, publishedAt: article.publishedAt)
                    if format == .json {
                        Terminal.print(row.json)
                    } else {
                        rows.append(row)
                    }
                }
            }
            switch format {
            case .table: Terminal.print(FigureRow.table(rows, showSource: inputs.count > 1))
            case .csv: FileOutput.write(FigureRow.csv(rows))
            case .json: break
            }
            if !unread.isEmpty {
                let list = unread.sorted { $0.key < $1.key }
                    .map { "\($0.key) (\($0.value) sentence\($0.value == 1 ? "" : "s"))" }.joined(separator: ", ")
                Terminal.error(
                    "figwatch: no figures read in \(list): figwatch reads "
                        + FigureExtractor.supportedLanguages.joined(separator: ", ") + " only")
            }
        }
    }

    /// The host of an http(s) input, lower-cased; nil for a file or standard input (a file's name
    /// says nothing about where the page was published).
    static func host(of input: String) -> String? {
        let lower = input.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        return URLComponents(string: input)?.host?.lowercased()
    }
}
