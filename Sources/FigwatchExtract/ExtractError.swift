/// Why text given to the extractor's parsers is not what was expected.
///
/// Extraction itself never fails (a page with no figures has none); only the amount
/// parser used for configuration reports errors, so the config stage can say exactly
/// what is wrong with a threshold.
public struct ExtractError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// No number where an amount was expected.
        case notAnAmount = "not_an_amount"
        /// An amount followed or preceded by words that are not part of it.
        case extraText = "extra_text"
    }

    public var code: Code
    /// Names the text and what is wrong with it.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
