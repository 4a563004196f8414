/// A company (or market) on the watchlist, with every name it goes by.
public struct Entity: Sendable, Hashable, Codable {
    /// Stable id used in the store, in alert rules and in `figure.entity`.
    public var id: String
    /// Display name, used in alert messages.
    public var name: String
    /// Other names: both Chinese scripts, tickers, short forms. Latin aliases match case-insensitively.
    public var aliases: [String]

    public init(id: String, name: String, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.aliases = aliases
    }
}
