/// Reads the publication times pages state, into UTC epoch milliseconds.
///
/// Accepted: ISO 8601 and its relatives (`2016-10-14T07:17:00+08:00`, `2016-10-14 07:17`,
/// `2016/10/14`, `2016.10.14`; not the compact `20161014`), Chinese dates (`2016年10月14日 07:17`), RFC 2822
/// (`Fri, 14 Oct 2016 07:17:00 GMT`) and English month names (`October 14, 2016 7:17 PM`).
/// A time without an offset is read at `defaultOffsetSeconds` (the caller knows the page's
/// likely zone: Chinese-language pages state Beijing/Taipei time, UTC+8).
enum PublicationDate {
    static func epochMilliseconds(_ text: String, defaultOffsetSeconds: Int = 0) -> Int64? {
        let s = Array(text.unicodeScalars)
        var scanner = DateScanner(s)
        if let value = scanner.numericDate(defaultOffsetSeconds: defaultOffsetSeconds) { return value }
        var named = DateScanner(s)
        return named.namedMonthDate(defaultOffsetSeconds: defaultOffsetSeconds)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the civil-days formula).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func epoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millis: Int,
                      offsetSeconds: Int) -> Int64? {
        guard (1970...2200).contains(year), (1...12).contains(month), (1...31).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Int64(seconds) * 1000 + Int64(millis)
    }
}

/// A cursor over a date string's scalars.
private struct DateScanner {
    let s: [Unicode.Scalar]
    var i = 0

    init(_ s: [Unicode.Scalar]) { self.s = s }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    func isDigit(_ k: Int) -> Bool { k < s.count && s[k].value >= 0x30 && s[k].value <= 0x39 }

    mutating func number(maxDigits: Int = 4) -> (value: Int, digits: Int)? {
        guard isDigit(i) else { return nil }
        var value = 0
        var digits = 0
        while isDigit(i) && digits < maxDigits {
            value = value * 10 + Int(s[i].value - 0x30)
            i += 1
            digits += 1
        }
        return (value, digits)
    }

    mutating func skip(_ allowed: String) {
        while i < s.count, allowed.unicodeScalars.contains(s[i]) { i += 1 }
    }

    /// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年MM月DD日`, then an optional time and zone.
    mutating func numericDate(defaultOffsetSeconds: Int) -> Int64? {
        while i < s.count {
            let start = i
            guard let year = number(), year.digits == 4 else {
                i = start + 1
                continue
            }
            let separator = i < s.count ? s[i] : " "
            guard "-/.年".unicodeScalars.contains(separator) else { continue }
            i += 1
            guard let month = number(maxDigits: 2) else { continue }
            skip(separator == "年" ? "月" : String(separator))
            guard let day = number(maxDigits: 2) else { continue }
            skip("日号 ")
            return time(year: year.value, month: month.value, day: day.value, defaultOffsetSeconds: defaultOffsetSeconds)
        }
        return nil
    }

    /// `14 Oct 2016`, `Oct 14, 2016`, `October 14th 2016`, then an optional time and zone.
    mutating func namedMonthDate(defaultOffsetSeconds: Int) -> Int64? {
        var month: Int?
        var numbers: [Int] = []
        var year: Int?
        var day: Int?
        while i < s.count && (year == nil || day == nil || month == nil) {
            if let n = number() {
                if n.digits == 4 { year = n.value } else if day == nil && n.value <= 31 { day = n.value }
                numbers.append(n.value)
                if isDigit(i) { return nil }
                if i < s.count && s[i] == ":" { return nil }  // a time before the date: not handled
                continue
            }
            if s[i].properties.isAlphabetic {
                var word = ""
                while i < s.count && s[i].properties.isAlphabetic && s[i].isASCII {
                    word.unicodeScalars.append(s[i])
                    i += 1
                }
                if word.isEmpty { i += 1; continue }
                if month == nil, word.count >= 3, let m = Self.months.firstIndex(of: String(word.lowercased().prefix(3))) {
                    month = m + 1
                }
                continue
            }
            i += 1
        }
        guard let year, let month, let day else { return nil }
        skip(" ,T")
        return time(year: year, month: month, day: day, defaultOffsetSeconds: defaultOffsetSeconds)
    }

    /// An optional `hh:mm[:ss[.fff]]` with AM/PM and a zone (`Z`, `+08:00`, `+0800`, `GMT`, `UTC`, `EST` ...).
    mutating func time(year: Int, month: Int, day: Int, defaultOffsetSeconds: Int) -> Int64? {
        skip(" T,at")
        var hour = 0, minute = 0, second = 0, millis = 0
        var offset = defaultOffsetSeconds
        let save = i
        if let h = number(maxDigits: 2), i < s.count, s[i] == ":" {
            i += 1
            if let m = number(maxDigits: 2) {
                hour = h.value
                minute = m.value
                if i < s.count && s[i] == ":" {
                    i += 1
                    second = number(maxDigits: 2)?.value ?? 0
                    if i < s.count && (s[i] == "." || s[i] == ",") {
                        i += 1
                        if let fraction = number(maxDigits: 9) {
                            var f = fraction.value
                            var digits = fraction.digits
                            while digits > 3 { f /= 10; digits -= 1 }
                            while digits < 3 { f *= 10; digits += 1 }
                            millis = f
                            while isDigit(i) { i += 1 }
                        }
                    }
                }
                skip(" ")
                let rest = String(String.UnicodeScalarView(s[i..<min(s.count, i + 4)])).lowercased()
                if rest.hasPrefix("pm") || rest.hasPrefix("p.m") {
                    if hour < 12 { hour += 12 }
                    skip("pmPM. ")
                } else if rest.hasPrefix("am") || rest.hasPrefix("a.m") {
                    if hour == 12 { hour = 0 }
                    skip("amAM. ")
                }
                if let zone = zoneOffset() { offset = zone }
            } else {
                i = save
            }
        } else {
            i = save
        }
        return PublicationDate.epoch(year: year, month: month, day: day, hour: hour, minute: minute,
                                     second: second, millis: millis, offsetSeconds: offset)
    }

    mutating func zoneOffset() -> Int? {
        guard i < s.count else { return nil }
        if s[i] == "Z" { return 0 }
        if s[i] == "+" || s[i] == "-" || s[i] == "\u{2212}" {
            let sign = s[i] == "+" ? 1 : -1
            i += 1
            guard let hours = number(maxDigits: 2) else { return nil }
            var minutes = 0
            if i < s.count && s[i] == ":" { i += 1 }
            if let m = number(maxDigits: 2) { minutes = m.value }
            return sign * (hours.value * 3600 + minutes * 60)
        }
        let word = String(String.UnicodeScalarView(s[i..<min(s.count, i + 4)])).uppercased()
        let zones: [(String, Int)] = [("GMT", 0), ("UTC", 0), ("UT", 0), ("EST", -5), ("EDT", -4), ("CST", -6),
                                      ("CDT", -5), ("MST", -7), ("MDT", -6), ("PST", -8), ("PDT", -7),
                                      ("BST", 1), ("CET", 1), ("CEST", 2), ("HKT", 8), ("JST", 9)]
        for (name, hours) in zones.sorted(by: { $0.0.count > $1.0.count }) where word.hasPrefix(name) {
            i += name.count
            if name == "GMT" || name == "UTC", i < s.count, s[i] == "+" || s[i] == "-" {
                return zoneOffset()
            }
            return hours * 3600
        }
        return nil
    }
}
