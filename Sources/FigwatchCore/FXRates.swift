
/// Exchange rates as units of each currency per US dollar, for comparing a threshold
/// in one currency with a figure in another.
public struct FXRates: Sendable, Hashable {
    public var rates: [String: ExactDecimal]
    /// Where the rates came from (`config`, or the ECB feed's date), for alert records.
    public var origin: String

    public init(rates: [String: ExactDecimal], origin: String = "config") {
        self.rates = rates
        self.origin = origin
    }

    /// `value` in `from` expressed in `to`, or `nil` when a rate is missing. Same currency
    /// (or either side unknown) compares as written.
    public func convert(_ value: ExactDecimal, from: String?, to: String?) -> ExactDecimal? {
        guard let from, let to, from != to else { return value }
        guard let fromRate = rates[from], let toRate = rates[to] else { return nil }
        // value / fromRate = USD; × toRate = target.
        guard let product = value.multiplied(by: toRate) else { return nil }
        return product.divided(by: fromRate, fractionDigits: 6)
    }

    /// The rate used to go from `from` to `to`, as a sentence fragment: `1 USD = 7.78 HKD`.
    public func describe(from: String?, to: String?) -> String? {
        guard let from, let to, from != to, let fromRate = rates[from], let toRate = rates[to] else { return nil }
        guard let rate = toRate.divided(by: fromRate, fractionDigits: 6) else { return nil }
        return "1 \(from) = \(rate) \(to) (\(origin))"
    }
}
