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

            Example: figwatch text --charset gbk page.html
            """)

    @Option(help: "Decode the input with this charset (e.g. gbk, big5, utf-8), whatever the page says.")
    var charset: String?

    @Flag(help: "Print all visible text, not only the article.")
    var full = false

    @Flag(help: "Treat the input as plain text, not HTML.")
    var text = false

    @Flag(help: "Print the title, canonical URL, language, publication time and charset before the text.")
    var metadata = false

    @Argument(help: "A file, '-' for standard input, or an http(s) URL.")
    var input: String

    func run() async throws {
        try await Self.reportingErrors {
            let source = try await InputReader.read(input, forceText: text, fetchOptions: FetchOptions())
            let article = try ArticleReader.article(of: source, charset: charset, contentXPath: nil, full: full)
            if metadata {
                Terminal.print("title: \(article.title ?? "-")")
                Terminal.print("canonical: \(article.canonicalURL ?? "-")")
                Terminal.print("language: \(article.language ?? "-")")
                Terminal.print("published: \(article.publishedAt.map(Timestamp.iso8601) ?? "-")")
                Terminal.print("charset: \(article.charset)")
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
        let extractor = ArticleExtractor()
        if input.isPlainText {
            return try extractor.article(fromPlainText: input.bytes, contentType: input.contentType, charset: charset)
        }
        return try extractor.article(
            fromHTML: input.bytes, contentType: input.contentType, charset: charset, contentXPath: contentXPath, full: full)
    }
}
