import FigwatchCore

/// Numbers on chart axes: the short form `1.8 T USD`, and compact coordinates. Words for
/// amounts ("183 billion USD") are FigwatchCore's `AmountWords`.
public enum AxisNumbers {
    private static let scales: [(power: Int, word: String, short: String)] = [
        (12, "trillion", "T"), (9, "billion", "B"), (6, "million", "M"), (3, "thousand", "K"),
    ]

    /// Axis labels: two significant digits at most, e.g. `1.8 T USD`, `350 B USD`, `0`.
    public static func short(_ value: Double, currency: String?) -> String {
        let suffix = currency.map { " \($0)" } ?? ""
        let magnitude = abs(value)
        guard magnitude > 0 else { return "0" }
        for scale in scales {
            let unit = pow10(scale.power)
            if magnitude >= unit {
                return "\(compact(value / unit)) \(scale.short)\(suffix)"
            }
        }
        return "\(compact(value))\(suffix)"
    }

    /// `1.8`, `350`, `12`, `0.25`: no trailing zeros, no exponent.
    static func compact(_ x: Double) -> String {
        let magnitude = abs(x)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
        var text = formatFixed(x, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Fixed-point formatting without Foundation's `String(format:)` (locale-free, no C varargs).
    static func formatFixed(_ x: Double, decimals: Int) -> String {
        let factor = pow10(decimals)
        let scaled = (abs(x) * factor).rounded()
        let whole = Int64(scaled / factor)
        let fraction = Int64(scaled - Double(whole) * factor)
        let sign = x < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }
}

extension ExactDecimal {
    /// The nearest `Double`, for drawing only: stored and compared values stay exact.
    var approximateDouble: Double {
        var result = Double(significand)
        if exponent >= 0 {
            result *= AxisNumbers.pow10(exponent)
        } else {
            result /= AxisNumbers.pow10(-exponent)
        }
        return result
    }
}
