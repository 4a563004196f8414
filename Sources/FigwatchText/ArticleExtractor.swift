import CLibXML2
import FigwatchCore

/// Turns a fetched page into the text the figure extractor reads.
///
/// Decides the charset (see `CharsetDecoder`), parses with libxml2, picks the article's
/// container by scoring text blocks (see `ContentSelector`) and writes its headings and
/// paragraphs with blank lines between them. When that finds little, a second look scores
/// the page's text blocks again (see `SecondLook`), and a page with a run of sentences
/// never ends with an empty article (`Extraction` says which way the text was found). Navigation, related-article boxes, comments
/// and footers are left out: a figure there is not a figure of this article.
///
/// Safe to call from several threads at once: each call parses its own document.
///
/// ```swift
/// let article = try ArticleExtractor().article(fromHTML: body, contentType: "text/html; charset=gbk")
/// print(article.title ?? "", article.language ?? "", article.text)
/// ```
public struct ArticleExtractor: Sendable {
    public init() {}

    /// The article in an HTML page.
    ///
    /// - Parameters:
    ///   - bytes: the page as fetched.
    ///   - contentType: the HTTP `Content-Type` header, whose charset beats the page's own `<meta>`.
    ///   - charset: a charset that overrides every other clue (source configuration, `--charset`).
    ///   - contentXPath: where the article is on this source's pages; overrides the heuristic.
    ///     When it matches nothing, the heuristic runs and a diagnostic says so.
    ///   - full: all visible text of the page instead of the article.
    /// - Throws: `TextError` for an unknown `charset`, an XPath that does not compile, or a
    ///   page libxml2 cannot parse at all. Undecodable bytes are diagnostics, not errors.
    public func article(
        fromHTML bytes: [UInt8], contentType: String? = nil, charset: String? = nil,
        contentXPath: String? = nil, full: Bool = false
    ) throws(TextError) -> ArticleText {
        try extract(fromHTML: bytes, contentType: contentType, charset: charset, contentXPath: contentXPath, full: full)
            .article
    }

    /// How the article text was chosen.
    public enum Extraction: String, Sendable, Hashable {
        /// The first pass's choice (or the content XPath, or `full`).
        case primary
        /// The first pass kept less than half of the page's densest text region, or
        /// nothing: the text blocks scored again (`<br><br>` as paragraph breaks, comment and
        /// teaser lists ignored), or the JSON-LD `articleBody` / `__NEXT_DATA__` body, won.
        case secondLook = "second-look"
        /// Nothing scored well enough: the page's densest text region as it stands.
        case fallback
    }

    /// The article and how it was chosen (`figwatch text --metadata` prints both).
    public struct Extracted: Sendable, Hashable {
        public var article: ArticleText
        public var extraction: Extraction

        public init(article: ArticleText, extraction: Extraction) {
            self.article = article
            self.extraction = extraction
        }
    }

    /// As `article(fromHTML:contentType:charset:contentXPath:full:)`, saying how the text was chosen.
    public func extract(
        fromHTML bytes: [UInt8], contentType: String? = nil, charset: String? = nil,
        contentXPath: String? = nil, full: Bool = false
    ) throws(TextError) -> Extracted {
        let decoded = try CharsetDecoder.decode(bytes, contentType: contentType, override: charset)
        var steps = 0
        return try extract(fromDecoded: decoded, contentXPath: contentXPath, full: full, steps: &steps)
    }

    /// The article in an HTML page already decoded by `CharsetDecoder` (a feed item's
    /// embedded HTML, or a benchmark that times decoding apart).
    public func article(
        fromDecoded decoded: CharsetDecoder.Decoded, contentXPath: String? = nil, full: Bool = false
    ) throws(TextError) -> ArticleText {
        var steps = 0
        return try extract(fromDecoded: decoded, contentXPath: contentXPath, full: full, steps: &steps).article
    }

    /// As `article(fromHTML:contentType:)`, counting the loop iterations of the analysis, the
    /// article choice and the rendering into `steps`, so a test can show they grow linearly.
    func article(fromHTML bytes: [UInt8], contentType: String? = nil, steps: inout Int) throws(TextError) -> ArticleText {
        try extract(fromDecoded: try CharsetDecoder.decode(bytes, contentType: contentType, override: nil), steps: &steps)
            .article
    }

    func extract(
        fromDecoded decoded: CharsetDecoder.Decoded, contentXPath: String? = nil, full: Bool = false, steps: inout Int
    ) throws(TextError) -> Extracted {
        let document = try decoded.utf8.withUnsafeBufferPointer { (buffer) throws(TextError) in
            try HTMLDocument(utf8: buffer)
        }
        let analysis = PageAnalysis(document: document)
        var diagnostics = decoded.diagnostics
        var renderer = TextRenderer(mode: full ? .full : .article)

        var usedXPath = false
        if let contentXPath {
            let nodes = try XPathQuery.nodes(contentXPath, in: document)
            if nodes.isEmpty {
                diagnostics.append("content XPath \"\(contentXPath)\" matched nothing; the article was found by scoring")
            } else {
                var explicit = TextRenderer(mode: .full)
                for node in nodes {
                    if node.pointee.type == XML_ELEMENT_NODE {
                        explicit.render(node, analysis: analysis)
                    } else {
                        explicit.appendParagraph(Node.textContent(node))
                    }
                }
                renderer = explicit
                usedXPath = true
            }
        }
        let metadata = analysis.metadata
        let structured = StructuredData(jsonLD: metadata.jsonLD)
        var text: String
        var extraction = Extraction.primary
        if usedXPath {
            text = renderer.text
        } else if full {
            if let root = analysis.elements.indices.contains(Int(analysis.body)) ? analysis.elements[Int(analysis.body)].node : document.root {
                renderer.render(root, analysis: analysis)
            }
            text = renderer.text
        } else {
            let containers = ContentSelector.containers(analysis, steps: &steps)
            for index in containers {
                renderer.render(analysis.elements[index].node, analysis: analysis)
            }
            text = renderer.text
            let body = analysis.elements.indices.contains(Int(analysis.body)) ? analysis.elements[Int(analysis.body)].node : nil
            if let root = body ?? document.root, Self.mayHaveMissed(Self.units(text), analysis: analysis) {
                var look = SecondLook(analysis: analysis, root: root)
                (text, extraction) = Self.secondLook(&look, firstPass: text, containers: containers, analysis: analysis,
                                                      structured: structured, diagnostics: &diagnostics)
                steps += look.steps
            }
            let visibleUnits = Self.units(text)
            if let body = structured.articleBody.map(Self.paragraphs), Self.units(body) > 2 * visibleUnits {
                text = body
                extraction = .secondLook
                diagnostics.append("the visible article text is short; text taken from JSON-LD articleBody")
            } else if visibleUnits < 1500, let script = metadata.nextData,
                let body = StructuredData.nextDataBody(script).map(Self.plainText(fromJSONString:)),
                Self.units(body) > 2 * visibleUnits
            {
                text = body
                extraction = .secondLook
                diagnostics.append("the visible article text is short; text taken from __NEXT_DATA__")
            }
        }
        steps += analysis.steps + renderer.steps
        var article = PageMetadata.resolve(metadata, structured: structured, text: text)
        article.charset = decoded.charset
        article.diagnostics = diagnostics
        return Extracted(article: article, extraction: extraction)
    }

    /// Plain text (a `.txt` file, `--text`): decoded with the same charset rules, markup
    /// declarations aside, and returned with its line structure.
    public func article(
        fromPlainText bytes: [UInt8], contentType: String? = nil, charset: String? = nil
    ) throws(TextError) -> ArticleText {
        let decoded = try CharsetDecoder.decode(bytes, contentType: contentType, override: charset, sniffMarkup: false)
        let text = decoded.text.replacingLineEndings()
        return ArticleText(
            text: text, language: LanguageGuesser.language(of: text), charset: decoded.charset,
            diagnostics: decoded.diagnostics)
    }

    /// Text weight as `PageAnalysis` counts it: ASCII 1, CJK 3, whitespace 0.
    static func units(_ text: String) -> Int {
        var units = 0
        for b in text.utf8 {
            if b < 0x80 {
                if b > 0x20 { units += 1 }
            } else if b >= 0xE0 {
                units += 3
            } else if b >= 0xC0 {
                units += 1
            }
        }
        return units
    }

    /// Lines of a JSON text field as paragraphs: whitespace collapsed, blank lines between.
    static func paragraphs(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { String($0).collapsingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: "\n\n")
    }

    /// A JSON string that may hold HTML (Next.js pages ship rendered bodies): its text.
    static func plainText(fromJSONString string: String) -> String {
        guard string.contains("<"), string.contains(">") else { return paragraphs(string) }
        let utf8 = Array(string.utf8)
        guard let document = try? utf8.withUnsafeBufferPointer({ (buffer) throws(TextError) in try HTMLDocument(utf8: buffer) }),
            let root = document.root
        else { return paragraphs(string) }
        let analysis = PageAnalysis(document: document)
        var renderer = TextRenderer(mode: .full)
        renderer.render(root, analysis: analysis)
        return renderer.text
    }
}

extension String {
    /// `\r\n` and `\r` as `\n`.
    func replacingLineEndings() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.unicodeScalars.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
