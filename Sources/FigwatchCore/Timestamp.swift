/// UTC epoch milliseconds, the one time representation figwatch stores and compares.
///
/// Written without Foundation's formatters: they are slow, locale-sensitive and not
/// needed for the two fixed forms used here (ISO 8601 UTC and calendar dates).
public enum Timestamp {
    /// `2025-09-03T16:00:00Z` (milliseconds shown only when not zero).
    public static func iso8601(_ milliseconds: Int64) -> String {
        let (days, msOfDay) = floorDivide(milliseconds, 86_400_000)
        let (y, m, d) = civil(fromDays: days)
        let seconds = msOfDay / 1000, ms = msOfDay % 1000
        var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if ms != 0 { text += ".\(pad(ms, 3))" }
        return text + "Z"
    }

    /// `2025-09-03 14:05`, for tables and chart labels.
    public static func minutes(_ milliseconds: Int64) -> String {
        let text = iso8601(milliseconds)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    /// `2025-09-03`.
    public static func date(_ milliseconds: Int64) -> String {
        String(iso8601(milliseconds).prefix(10))
    }

    /// Parses `2025-09-03`, `2025-09-03T10:00:00Z`, `2025-09-03 10:00`, with an optional
    /// `+08:00` style offset (no offset means UTC). `nil` for anything else.
    public static func parse(_ text: String) -> Int64? {
        let scalars = Array(text.utf8)
        var i = 0
        func number(_ count: Int) -> Int64? {
            guard i + count <= scalars.count else { return nil }
            var value: Int64 = 0
            for k in i..<(i + count) {
                let c = scalars[k]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < scalars.count, scalars[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(UInt8(ascii: "-")), let m = number(2), expect(UInt8(ascii: "-")),
            let d = number(2), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var ms = days(fromCivil: y, m, d) * 86_400_000
        guard i < scalars.count else { return ms }
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")) else { return nil }
        guard let hh = number(2), expect(UInt8(ascii: ":")), let mm = number(2), hh < 24, mm < 60 else { return nil }
        ms += (hh * 3600 + mm * 60) * 1000
        if expect(UInt8(ascii: ":")) {
            guard let ss = number(2), ss < 61 else { return nil }
            ms += ss * 1000
            if expect(UInt8(ascii: ".")) {
                var digits = 0
                var fraction: Int64 = 0
                while i < scalars.count, scalars[i] >= 48, scalars[i] <= 57 {
                    if digits < 3 { fraction = fraction * 10 + Int64(scalars[i] - 48) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<3 where digits < 3 { fraction *= 10 }
                ms += fraction
            }
        }
        if i == scalars.count || expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
            return i == scalars.count ? ms : nil
        }
        let sign: Int64
        if expect(UInt8(ascii: "+")) { sign = 1 } else if expect(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let oh = number(2) else { return nil }
        _ = expect(UInt8(ascii: ":"))
        let om = number(2) ?? 0
        guard i == scalars.count, oh < 24, om < 60 else { return nil }
        return ms - sign * (oh * 3600 + om * 60) * 1000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
