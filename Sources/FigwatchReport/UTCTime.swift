/// UTC calendar text for epoch milliseconds, without Foundation's formatters (locale- and time-zone-free).
enum UTCTime {
    struct Parts: Equatable {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    }

    static func parts(_ milliseconds: Int64) -> Parts {
        let seconds = floorDivide(milliseconds, 1000)
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Parts(year: Int(year), month: Int(month), day: Int(day), hour: secondOfDay / 3600,
                     minute: secondOfDay % 3600 / 60, second: secondOfDay % 60)
    }

    /// `2025-09-03T14:05:00Z`
    static func iso8601(_ milliseconds: Int64) -> String {
        let p = parts(milliseconds)
        return "\(date(p))T\(two(p.hour)):\(two(p.minute)):\(two(p.second))Z"
    }

    /// `2025-09-03 14:05` (UTC), for tables.
    static func minutes(_ milliseconds: Int64) -> String {
        let p = parts(milliseconds)
        return "\(date(p)) \(two(p.hour)):\(two(p.minute))"
    }

    /// `2025-09-03`
    static func day(_ milliseconds: Int64) -> String { date(parts(milliseconds)) }

    private static func date(_ p: Parts) -> String {
        let year = String(p.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-\(two(p.month))-\(two(p.day))"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
