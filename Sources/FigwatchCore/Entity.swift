/// A company (or market) on the watchlist, with every name it goes by.
public struct Entity: Sendable, Hashable, Codable {
    /// Stable id used in the store, in alert rules and in `figure.entity`.
    public var id: String
    /// Display name, used in alert messages.
    public var name: String
    /// Other names: both Chinese scripts, tickers, short forms. Latin aliases match case-insensitively.
    public var aliases: [String]
    /// ISO 4217 code of the currency the company is listed or reports in (config `currency:`), used
    /// to settle an amount whose currency the text leaves open (元, a bare 億); nil when not given.
    public var currency: String?

    public init(id: String, name: String, aliases: [String] = [], currency: String? = nil) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.currency = currency
    }
}
