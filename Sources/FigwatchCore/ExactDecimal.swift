/// An exact decimal number: `significand × 10^exponent`.
///
/// Money in figwatch is never a floating-point number: "1.3萬億" must be exactly
/// 1300000000000, and a threshold of "3.9 trillion" must compare exactly with it.
/// The significand is a 128-bit integer, which holds any amount a news page can
/// state (up to about 1.7 × 10^38 in the smallest unit written); operations that
/// would overflow return `nil` instead of trapping, so hostile input cannot crash us.
///
/// Values are kept normalised (no trailing zeros in the significand unless the
/// exponent is 0 or above), so equal numbers have equal representations and
/// `Hashable` / `==` agree with numeric equality.
public struct ExactDecimal: Sendable, Hashable {
    public private(set) var significand: Int128
    public private(set) var exponent: Int

    /// The largest power of ten we scale to; anything beyond is not an amount of money.
    public static let maxExponent = 30
    public static let minExponent = -30

    public static let zero = ExactDecimal(uncheckedSignificand: 0, exponent: 0)

    init(uncheckedSignificand significand: Int128, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// Creates `significand × 10^exponent`, normalised; `nil` when out of range.
    public init?(significand: Int128, exponent: Int = 0) {
        var s = significand
        var e = exponent
        if s == 0 {
            self.init(uncheckedSignificand: 0, exponent: 0)
            return
        }
        while e < 0, s % 10 == 0 {
            s /= 10
            e += 1
        }
        // Fold positive exponents into the significand when it fits, so that
        // 13 × 10^11 and 1300000000000 are the same value.
        while e > 0 {
            let (m, o) = s.multipliedReportingOverflow(by: 10)
            if o { break }
            s = m
            e -= 1
        }
        guard e >= ExactDecimal.minExponent, e <= ExactDecimal.maxExponent else { return nil }
        self.init(uncheckedSignificand: s, exponent: e)
    }

    public init(_ value: Int) {
        self.init(uncheckedSignificand: Int128(value), exponent: 0)
    }

    /// Parses a plain decimal string: an optional sign, ASCII digits, an optional
    /// `.` and fraction. No exponent, no separators. `nil` for anything else or overflow.
    ///
    /// Trailing zeros become the exponent rather than digits, so every value this type
    /// prints (however many zeros) reads back.
    public init?(_ text: String) {
        var copy = text
        guard let parsed = copy.withUTF8({ ExactDecimal.parse(utf8: $0) }) else { return nil }
        self = parsed
    }

    public init?(_ text: Substring) {
        self.init(String(text))
    }

    /// Parses the bytes of a plain decimal string (see `init?(_:)`): the one decimal parser, for the
    /// configuration's amounts and the stores' value columns alike.
    ///
    /// Inlinable, so a store's series read (a hot path: `make bench BENCH=store`) gets it specialised in
    /// its own module rather than through a call per value. Up to 19 bytes (every amount in a news article)
    /// add up in 64 bits with no overflow check; 128-bit arithmetic with one for every digit was most of
    /// the time. A longer value goes the general way, which also folds long runs of zeros into the
    /// exponent.
    @inlinable
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        guard bytes.count <= 19 else { return parseLong(bytes) }
        var small: UInt64 = 0
        var digits = 0
        var exponent = 0
        var seenPoint = false
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                small = small &* 10 &+ UInt64(digit)   // 19 digits at most: below 2^64
                digits += 1
                if seenPoint { exponent -= 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        let significand = Int128(small)
        return ExactDecimal(significand: negative ? -significand : significand, exponent: exponent)
    }

    @usableFromInline
    static func parseLong(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        var s: Int128 = 0
        var e = 0
        var negative = false
        var seenDigit = false
        var seenPoint = false
        var pendingZeros = 0          // zeros read but not yet multiplied in
        var pendingFractionZeros = 0  // of those, the ones after the point
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "+") where index == 0: break
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            case UInt8(ascii: "0"):
                seenDigit = true
                pendingZeros += 1
                if seenPoint { pendingFractionZeros += 1 }
                guard pendingZeros <= 64 else { return nil }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                seenDigit = true
                for _ in 0...pendingZeros {
                    let (m, o) = s.multipliedReportingOverflow(by: 10)
                    if o { return nil }
                    s = m
                }
                s += Int128(byte - UInt8(ascii: "0"))
                if seenPoint { e -= pendingFractionZeros + 1 }
                pendingZeros = 0
                pendingFractionZeros = 0
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        // Trailing zeros of the whole part scale it; trailing zeros of the fraction say nothing.
        e += pendingZeros - pendingFractionZeros
        return ExactDecimal(significand: negative ? -s : s, exponent: e)
    }

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }

    public var negated: ExactDecimal {
        ExactDecimal(uncheckedSignificand: -significand, exponent: exponent)
    }

    public var magnitude: ExactDecimal { isNegative ? negated : self }

    /// `self × 10^power`, or `nil` when out of range.
    public func scaled(byPowerOfTen power: Int) -> ExactDecimal? {
        ExactDecimal(significand: significand, exponent: exponent + power)
    }

    /// The exact product, or `nil` on overflow.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let (m, o) = significand.multipliedReportingOverflow(by: other.significand)
        if o { return nil }
        return ExactDecimal(significand: m, exponent: exponent + other.exponent)
    }

    /// The exact sum, or `nil` on overflow.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        guard let (a, b, e) = ExactDecimal.aligned(self, other) else { return nil }
        let (sum, o) = a.addingReportingOverflow(b)
        if o { return nil }
        return ExactDecimal(significand: sum, exponent: e)
    }

    /// `self / other` rounded to `digits` fractional digits (half away from zero);
    /// used only for display and currency conversion, never for stored values.
    public func divided(by other: ExactDecimal, fractionDigits digits: Int = 12) -> ExactDecimal? {
        guard !other.isZero else { return nil }
        // self / other = (s1 / s2) × 10^(e1 - e2); compute with `digits` extra places.
        var numerator = significand
        var shift = 0
        while shift < digits + 6 {
            let (m, o) = numerator.multipliedReportingOverflow(by: 10)
            if o { break }
            numerator = m
            shift += 1
        }
        let q = numerator / other.significand
        let r = numerator % other.significand
        var rounded = q
        if (r.magnitude * 2) >= other.significand.magnitude { rounded += (numerator < 0) != (other.significand < 0) ? -1 : 1 }
        guard let raw = ExactDecimal(significand: rounded, exponent: exponent - other.exponent - shift) else { return nil }
        return raw.rounded(fractionDigits: digits)
    }

    /// Rounded half away from zero to at most `digits` fractional digits.
    public func rounded(fractionDigits digits: Int) -> ExactDecimal {
        guard exponent < -digits else { return self }
        var s = significand
        var e = exponent
        var lastDropped: Int128 = 0
        while e < -digits {
            lastDropped = s % 10
            s /= 10
            e += 1
        }
        if lastDropped.magnitude >= 5 { s += significand < 0 ? -1 : 1 }
        return ExactDecimal(significand: s, exponent: e) ?? self
    }

    static func aligned(_ a: ExactDecimal, _ b: ExactDecimal) -> (Int128, Int128, Int)? {
        var (sa, sb) = (a.significand, b.significand)
        let e = min(a.exponent, b.exponent)
        for _ in 0..<(a.exponent - e) {
            let (m, o) = sa.multipliedReportingOverflow(by: 10)
            if o { return nil }
            sa = m
        }
        for _ in 0..<(b.exponent - e) {
            let (m, o) = sb.multipliedReportingOverflow(by: 10)
            if o { return nil }
            sb = m
        }
        return (sa, sb, e)
    }
}

extension ExactDecimal: Comparable {
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if let (a, b, _) = aligned(lhs, rhs) { return a < b }
        // Alignment overflowed: the one with the larger exponent has the larger magnitude.
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let lhsBigger = lhs.exponent > rhs.exponent
        return lhs.isNegative ? lhsBigger : !lhsBigger
    }
}

extension ExactDecimal: CustomStringConvertible {
    /// Plain decimal digits, no exponent, no grouping: `"1300000000000"`, `"-0.36"`.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        if exponent >= 0 {
            return sign + digits + String(repeating: "0", count: exponent)
        }
        let fraction = -exponent
        if digits.count > fraction {
            let cut = digits.index(digits.endIndex, offsetBy: -fraction)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        return sign + "0." + String(repeating: "0", count: fraction - digits.count) + digits
    }
}

extension ExactDecimal: Codable {
    /// Encoded as its decimal string, so JSON consumers never see a float.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ExactDecimal(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal number: \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}
