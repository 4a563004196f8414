import FigwatchCore

/// Exchange rates as the configuration states them: units of each currency per one US dollar
/// (`{USD: 1, HKD: 7.78, CNY: 7.13}`), used to draw series that mix currencies on one axis.
public struct FXRates: Sendable, Hashable {
    public var unitsPerUSD: [String: ExactDecimal]

    public init(unitsPerUSD: [String: ExactDecimal]) {
        self.unitsPerUSD = unitsPerUSD
    }

    /// `value` in `currency` expressed in `target`, or `nil` when a rate is missing or zero.
    /// Rounded to 6 decimals: for display and charts only, never stored.
    public func convert(_ value: ExactDecimal, from currency: String, to target: String) -> ExactDecimal? {
        if currency == target { return value }
        guard let from = unitsPerUSD[currency], let to = unitsPerUSD[target], !from.isZero,
            let product = value.multiplied(by: to)
        else { return nil }
        return product.divided(by: from, fractionDigits: 6)
    }
}
