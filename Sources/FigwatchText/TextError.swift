/// Why a page could not be turned into text.
///
/// Recoverable oddities (undecodable bytes, a charset that lied) are not errors:
/// they come back in `ArticleText.diagnostics`. A `TextError` means there is no
/// text to return at all.
public struct TextError: Error, Sendable, CustomStringConvertible {
    /// A small fixed set, safe to use as a log field.
    public enum Code: String, Sendable {
        /// The caller named a charset that iconv does not know.
        case unknownCharset = "unknown_charset"
        /// The `contentXPath` does not compile.
        case invalidXPath = "invalid_xpath"
        /// libxml2 returned no document for the bytes.
        case parseFailed = "parse_failed"
        /// iconv could not be set up or failed in a way that is not the input's fault.
        case conversionFailed = "conversion_failed"
    }

    public var code: Code
    /// Names the subject and what failed, e.g. `content XPath "//div[" does not compile`.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
