#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsers for the header values a fetcher's caller acts on: `Retry-After`, `Cache-Control` and the
/// `charset` of `Content-Type`. Pure functions, so the scheduler's inputs are testable row by row.
public enum HTTPHeaderValues {
    /// `Retry-After` as a wait: delta-seconds (`120`) or an HTTP date, measured from `responseDate`
    /// (the response's `Date` header) when given, else from `now`. A date in the past means zero.
    /// Returns `nil` for a value that is neither form.
    public static func retryAfter(
        _ value: String, responseDate: String? = nil, now: Double = currentEpochSeconds()
    ) -> Duration? {
        let trimmed = value.trimmingHTTPWhitespace()
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Int(trimmed).map { .seconds($0) }  // nil when absurdly long: no usable advice
        }
        guard let target = epochSeconds(httpDate: trimmed) else { return nil }
        let base = responseDate.flatMap { epochSeconds(httpDate: $0.trimmingHTTPWhitespace()) } ?? Int(now)
        return .seconds(max(0, target - base))
    }

    /// The `max-age` directive of a `Cache-Control` value (`public, max-age=300`), or `nil`.
    public static func maxAge(inCacheControl value: String) -> Duration? {
        for directive in value.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                  String(parts[0]).trimmingHTTPWhitespace().lowercased() == "max-age" else { continue }
            var argument = String(parts[1]).trimmingHTTPWhitespace()
            if argument.hasPrefix("\""), argument.hasSuffix("\""), argument.count >= 2 {
                argument = String(argument.dropFirst().dropLast())
            }
            if let seconds = Int(argument), seconds >= 0 { return .seconds(seconds) }
            return nil
        }
        return nil
    }

    /// The `charset` parameter of a `Content-Type` value, lowercased and unquoted, or `nil`.
    public static func charset(inContentType value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, String(parts[0]).trimmingHTTPWhitespace().lowercased() == "charset" else {
                continue
            }
            let charset = String(parts[1]).trimmingHTTPWhitespace()
                .strippingQuotes().lowercased()
            return charset.isEmpty ? nil : charset
        }
        return nil
    }

    /// Seconds since the epoch of an HTTP date in any of the three forms RFC 9110 says to accept:
    /// `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`.
    public static func epochSeconds(httpDate value: String) -> Int? {
        let tokens = value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        let day: String, month: String, year: String, time: String
        switch tokens.count {
        case 6 where tokens[5] == "GMT":  // IMF-fixdate and RFC 850
            (day, month, year, time) = (tokens[1], tokens[2], tokens[3], tokens[4])
        case 5:  // asctime
            (month, day, time, year) = (tokens[1], tokens[2], tokens[3], tokens[4])
        default:
            return nil
        }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard let monthIndex = months.firstIndex(of: month.lowercased()),
              let dayNumber = Int(day), (1...31).contains(dayNumber),
              var yearNumber = Int(year), clock.count == 3,
              (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        if year.count == 2 { yearNumber += yearNumber < 70 ? 2000 : 1900 }
        var parts = tm()
        parts.tm_year = Int32(yearNumber - 1900)
        parts.tm_mon = Int32(monthIndex)
        parts.tm_mday = Int32(dayNumber)
        parts.tm_hour = Int32(clock[0])
        parts.tm_min = Int32(clock[1])
        parts.tm_sec = Int32(clock[2])
        return Int(timegm(&parts))
    }

    /// The wall clock, as the default `now` of `retryAfter`.
    public static func currentEpochSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line ends (HTTP's optional whitespace). Works on
    /// UTF-8 bytes: `"\r\n"` is one `Character`, so a character-wise trim would miss it, and every byte
    /// trimmed is ASCII, so the cut always falls on a scalar boundary.
    func trimmingHTTPWhitespace() -> String {
        var text = self
        return text.withUTF8 { bytes in
            let trimmed = bytes[...].trimmingHTTPWhitespace()
            return trimmed.count == bytes.count ? self : String(decoding: UnsafeBufferPointer(rebasing: trimmed), as: UTF8.self)
        }
    }

    /// Without surrounding double or single quotes (`charset="big5"`).
    func strippingQuotes() -> String {
        var result = Substring(self)
        while let first = result.first, first == "\"" || first == "'" { result.removeFirst() }
        while let last = result.last, last == "\"" || last == "'" { result.removeLast() }
        return String(result)
    }
}

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    /// Without spaces, tabs, CRs and LFs at either end: for header lines as libcurl hands them over,
    /// and (through `String.trimmingHTTPWhitespace`) for header values.
    func trimmingHTTPWhitespace() -> Self {
        func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = startIndex, end = endIndex
        while start < end, blank(self[start]) { start += 1 }
        while start < end, blank(self[end - 1]) { end -= 1 }
        return self[start..<end]
    }
}
