import ArgumentParser
import FigwatchCore
import FigwatchFetch
import FigwatchText

/// `figwatch text`: the article text of a page, as the extractor sees it.
struct TextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Print the article text of a page as the extractor sees it.",
        discussion: """
            INPUT is a file, '-' for standard input, or an http(s) URL (fetched exactly as the \
            daemon fetches). Navigation, footers, related-article lists and other boilerplate are \
            dropped; --full keeps all visible text. The charset is decided from the BOM, the HTTP \
            header, the page's <meta>, then detection; --charset overrides it.

            --metadata also prints how the text was chosen: 'extraction: primary' (the first \
            pass's choice), 'extraction: second-look' (the first pass found little: nothing, a \
            short teaser, or only comments or teasers, beside a text region more than twice as \
            large; the page's text blocks, split at <br><br>, were scored again, or the JSON-LD \
            articleBody was taken) or 'extraction: fallback' (nothing scored well enough; the \
            text is the page's densest run of sentences). Plain text (--text) is always 'primary'.

            Example: figwatch text --charset gbk page.html
            """)

    @Option(help: "Decode the input with this charset (e.g. gbk, big5, utf-8), whatever the page says.")
    var charset: String?

    @Flag(help: "Print all visible text, not only the article.")
    var full = false

    @Flag(help: "Treat the input as plain text, not HTML.")
    var text = false

    @Flag(help: "Print the title, canonical URL, language, publication time, charset and extraction (primary, second-look or fallback) before the text.")
    var metadata = false

    @Argument(help: "A file, '-' for standard input, or an http(s) URL.")
    var input: String

    func run() async throws {
        try await Self.reportingErrors {
            let source = try await InputReader.read(input, forceText: text, fetchOptions: FetchOptions())
            let extracted = try ArticleReader.extracted(of: source, charset: charset, contentXPath: nil, full: full)
            let article = extracted.article
            if metadata {
                Terminal.print("title: \(article.title ?? "-")")
                Terminal.print("canonical: \(article.canonicalURL ?? "-")")
                Terminal.print("language: \(article.language ?? "-")")
                Terminal.print("published: \(article.publishedAt.map(Timestamp.iso8601) ?? "-")")
                Terminal.print("charset: \(article.charset)")
                Terminal.print("extraction: \(extracted.extraction.rawValue)")
                for diagnostic in article.diagnostics { Terminal.print("note: \(diagnostic)") }
                Terminal.print("")
            }
            Terminal.print(article.text)
        }
    }
}

/// Reads an input's bytes into article text with the text stage.
enum ArticleReader {
    static func article(of input: Input, charset: String?, contentXPath: String?, full: Bool) throws -> ArticleText {
        try extracted(of: input, charset: charset, contentXPath: contentXPath, full: full).article
    }

    /// The article and how it was chosen; plain text is always `primary`.
    static func extracted(
        of input: Input, charset: String?, contentXPath: String?, full: Bool
    ) throws -> ArticleExtractor.Extracted {
        let extractor = ArticleExtractor()
        if input.isPlainText {
            let article = try extractor.article(fromPlainText: input.bytes, contentType: input.contentType, charset: charset)
            return ArticleExtractor.Extracted(article: article, extraction: .primary)
        }
        return try extractor.extract(
            fromHTML: input.bytes, contentType: input.contentType, charset: charset, contentXPath: contentXPath, full: full)
    }
}
