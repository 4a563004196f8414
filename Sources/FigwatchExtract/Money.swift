import FigwatchCore

/// An exact amount in a currency: what a config threshold such as "4 trillion HKD" means.
public struct Money: Sendable, Hashable {
    public var value: ExactDecimal
    /// ISO 4217 code, nil when the text named none.
    public var currency: String?

    public init(value: ExactDecimal, currency: String?) {
        self.value = value
        self.currency = currency
    }
}

extension Money: CustomStringConvertible {
    /// "183 billion USD".
    public var description: String { AmountWords.describe(value, currency: currency) }
}
