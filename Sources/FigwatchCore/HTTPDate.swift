/// RFC 822 / RFC 1123 dates as feeds and HTTP write them: `Tue, 03 Sep 2025 16:00:00 GMT`.
public enum HTTPDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// UTC epoch milliseconds, or `nil` when the text is not such a date.
    public static func parse(_ text: String) -> Int64? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = words.first, first.count >= 3, Int(first) == nil { words.removeFirst() }  // weekday
        guard words.count >= 4, let day = Int(words[0]), (1...31).contains(day),
            let month = months.firstIndex(of: String(words[1].prefix(3)).lowercased()),
            var year = Int(words[2])
        else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        let clock = words[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, clock[0] < 24, clock[1] < 60 else { return nil }
        var ms = Timestamp.days(fromCivil: Int64(year), Int64(month + 1), Int64(day)) * 86_400_000
        ms += Int64(clock[0] * 3600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0)) * 1000
        if words.count > 4 {
            let zone = words[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let hhmm = Int(zone.dropFirst()) {
                let offset = Int64((hhmm / 100) * 3600 + (hhmm % 100) * 60) * 1000
                ms += sign == "+" ? -offset : offset
            }
        }
        return ms
    }
}
