/// A page reduced to what the extractor reads: the article's text and its metadata.
public struct ArticleText: Sendable, Hashable {
    /// Headings and paragraphs in document order, paragraphs separated by a blank line.
    public var text: String
    public var title: String?
    /// `<link rel="canonical">` or `og:url`, when the page states one.
    public var canonicalURL: String?
    /// BCP 47 tag (`zh-Hant`, `zh-Hans`, `en` ...) from markup or script detection.
    public var language: String?
    /// Publication time in UTC epoch milliseconds, when the page states it.
    public var publishedAt: Int64?
    /// The charset the bytes were decoded from, as decided (e.g. `GB18030`).
    public var charset: String
    /// Recoverable oddities met on the way (undecodable bytes, a charset that lied ...).
    public var diagnostics: [String]

    public init(
        text: String, title: String? = nil, canonicalURL: String? = nil, language: String? = nil,
        publishedAt: Int64? = nil, charset: String = "UTF-8", diagnostics: [String] = []
    ) {
        self.text = text
        self.title = title
        self.canonicalURL = canonicalURL
        self.language = language
        self.publishedAt = publishedAt
        self.charset = charset
        self.diagnostics = diagnostics
    }
}
