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
    public var description: String { describe(value, currency: currency) }
}

/// Words for an amount, for tables and alert messages: "183 billion USD",
/// "1.3 trillion CNY", "-600 billion HKD", "950 USD".
///
/// The value is divided by the largest of thousand, million, billion, trillion that
/// leaves at least 1, exactly (decimal shift, no rounding).
public func describe(_ value: ExactDecimal, currency: String?) -> String {
    let magnitude = value.magnitude
    var words = value.description
    for (exponent, name) in [(12, "trillion"), (9, "billion"), (6, "million"), (3, "thousand")] {
        if let unit = ExactDecimal(significand: 1, exponent: exponent), !(magnitude < unit),
           let scaled = value.scaled(byPowerOfTen: -exponent) {
            words = "\(scaled) \(name)"
            break
        }
    }
    guard let currency else { return words }
    return words + " " + currency
}
