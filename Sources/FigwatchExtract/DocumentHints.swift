/// What the page and the configuration say about a document before its text is read: they settle
/// what 元, `$` and a bare 億 mean, and which Chinese script a sentence is in, where company names
/// must not (a list of Taiwanese companies is no evidence of where a page was written).
///
/// Every field is optional; an empty value leaves the text alone to decide.
public struct DocumentHints: Sendable, Hashable {
    /// The page's declared language (`<html lang>`, `Content-Language`): `zh-TW`, `zh-HK`, `ja`, `de-DE` ...
    public var language: String?
    /// The host the page came from; its country domain (`.tw`, `.hk`, `.cn`, `.jp`, `.de`) is a region.
    public var host: String?
    /// A source's `currency:` key: the ISO 4217 code that 元 and bare amounts mean on its pages.
    public var currency: String?
    /// A source's `region:` key: `TW`, `HK`, `CN`, `JP`, `DE`, `US` ...
    public var region: String?

    public init(language: String? = nil, host: String? = nil, currency: String? = nil, region: String? = nil) {
        self.language = language
        self.host = host
        self.currency = currency
        self.region = region
    }
}
