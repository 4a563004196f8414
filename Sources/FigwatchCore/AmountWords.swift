/// Money in words for people: `183 billion USD`, `1.99 trillion TWD`, `-600 billion HKD`.
///
/// The exact value is always stored and printed as digits as well; these words are for
/// tables, charts and alert messages, so they are rounded to three decimals of the scale,
/// and say "about" when that rounding changed the value.
public enum AmountWords {
    static let scales: [(Int, String)] = [(12, "trillion"), (9, "billion"), (6, "million"), (3, "thousand")]

    public static func describe(_ value: ExactDecimal, currency: String?) -> String {
        let suffix = currency.map { " \($0)" } ?? ""
        let magnitude = value.magnitude
        for (power, word) in scales {
            guard let unit = ExactDecimal(significand: 1, exponent: power), magnitude >= unit,
                let scaled = value.scaled(byPowerOfTen: -power)
            else { continue }
            let rounded = scaled.rounded(fractionDigits: 3)
            return (rounded == scaled ? "" : "about ") + "\(rounded) \(word)\(suffix)"
        }
        let rounded = value.rounded(fractionDigits: 3)
        return (rounded == value ? "" : "about ") + "\(rounded)\(suffix)"
    }
}
