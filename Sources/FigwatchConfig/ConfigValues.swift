/// Parsers for the scalar forms the configuration uses: durations and byte sizes.
///
/// Durations are a number with a unit, or several (`500ms`, `30s`, `15m`, `6h`, `7d`,
/// `1h30m`); a bare number is refused because "30" could mean seconds or minutes.
public enum ConfigValues {
    static let durationUnits: [(String, Int64)] = [
        ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
    ]

    /// Parses `1h30m`, `500ms`, `7d`; `nil` for anything else, zero-length or absurd (> 100 years).
    public static func duration(_ text: String) -> Duration? {
        var total: Int64 = 0
        var rest = Substring(text.trimmingASCIIWhitespace())
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 12, let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix { $0.isASCII && $0.isLetter }
            guard let unit = durationUnits.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            let (product, overflow) = number.multipliedReportingOverflow(by: unit.1)
            guard !overflow else { return nil }
            total += product
            guard total <= 100 * 365 * 86_400_000 else { return nil }
        }
        return .milliseconds(total)
    }

    /// Parses `8MiB`, `512KiB`, `1MB`, `1000`; binary units are powers of 1024, SI ones of 1000.
    public static func byteSize(_ text: String) -> Int? {
        let trimmed = text.trimmingASCIIWhitespace()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 15, let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingASCIIWhitespace()
        let multipliers: [String: Int] = [
            "": 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30,
            "kB": 1_000, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000,
        ]
        guard let multiplier = multipliers[String(unit)] else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }

    /// `90s` -> "1m30s": durations in messages read the way users write them.
    public static func format(_ duration: Duration) -> String {
        var ms = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
        if ms == 0 { return "0s" }
        var out = ""
        for (unit, size) in durationUnits.reversed() where unit != "w" {
            if ms >= size {
                out += "\(ms / size)\(unit)"
                ms %= size
            }
        }
        return out
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
