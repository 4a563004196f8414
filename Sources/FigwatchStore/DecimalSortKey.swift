import FigwatchCore

/// A text form of an exact decimal whose byte order is its numeric order, so SQL can compare and sort
/// amounts (`value_key >= ?`) with no floating point and no width limit.
///
/// Layout: a sign class (`1` negative, `2` zero, `3` positive), the decimal exponent of the leading
/// digit as three digits (offset by 500; complemented for negatives), then the significant digits
/// without trailing zeros (nines' complement for negatives, closed by `:`, which sorts after every
/// digit, so that -1.51 sorts before -1.5).
enum DecimalSortKey {
    static func key(_ value: ExactDecimal) -> String {
        if value.isZero { return "2" }
        var digits = Array(String(value.significand.magnitude).utf8)
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let trimmed = String(value.significand.magnitude).utf8.count - digits.count
        // Exponent of the leading digit: value = d.ddd × 10^lead.
        let lead = value.exponent + trimmed + digits.count - 1
        if value.isNegative {
            let complemented = digits.map { UInt8(ascii: "9") - ($0 - UInt8(ascii: "0")) }
            return "1" + threeDigits(999 - (lead + 500)) + String(decoding: complemented, as: UTF8.self) + ":"
        }
        return "3" + threeDigits(lead + 500) + String(decoding: digits, as: UTF8.self)
    }

    private static func threeDigits(_ n: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, 3 - text.count)) + text
    }
}
