import FigwatchCore

/// Parses one amount of money written by a person, as in configuration thresholds.
///
/// ```swift
/// AmountParser.parse("4 trillion HKD")   // 4000000000000 HKD
/// AmountParser.parse("4萬億港元")          // 4000000000000 HKD
/// AmountParser.parse("$183bn")           // 183000000000 USD
/// ```
/// The whole text must be the amount (surrounding spaces aside); a plain number
/// ("2500000") parses with no currency. `元` alone reads as CNY. Returns nil for
/// anything else, so a typo in a config file is reported rather than misread.
/// Each language's way of writing numbers is tried in turn, English first, so "1.200
/// Milliarden Euro" is German (1.2 × 10¹²) and "$1.2bn" English.
public enum AmountParser {
    static let order: [LanguageLexicon] = [.english, .chinese, .german, .japanese]

    public static func parse(_ text: String) -> Money? {
        for lexicon in order {
            if let money = parse(text, lexicon: lexicon) { return money }
        }
        return nil
    }

    static func parse(_ text: String, lexicon: LanguageLexicon) -> Money? {
        let raw = text.unicodeScalars.map(\.value)
        var a = 0
        var b = raw.count
        while a < b, CharacterClass.isSpace(raw[a]) || CharacterClass.isNewline(raw[a]) { a += 1 }
        while b > a, CharacterClass.isSpace(raw[b - 1]) || CharacterClass.isNewline(raw[b - 1]) { b -= 1 }
        guard a < b else { return nil }
        let folded = raw.map { ScriptFolding.fold($0) }
        let scanner = AmountScanner(raw: raw, folded: folded, range: a..<b, lexicon: lexicon)
        var start = a
        while start < b, !NumberReader.canStart(raw[start]), !(start == a && folded[a..<b].starts(with: "half a ".unicodeScalars.map(\.value))) {
            start += 1
        }
        guard start < b else { return nil }
        if let (mentions, _) = scanner.amounts(at: start, allowAlternate: false), mentions.count == 1,
           var m = mentions.first, m.start == a, m.end == b {
            m.resolveCurrency(CurrencyContext(yuan: "CNY", yuanInferred: false, yenSignIsYuan: false))
            return Money(value: m.value, currency: m.currency)
        }
        // A plain number, possibly with an English or Chinese scale but no currency.
        guard start == a, let number = NumberReader.read(raw, at: a, limit: b, lexicon: lexicon), number.end == b,
              !number.isUnitMeasure, !number.hasLeadingZero else { return nil }
        return Money(value: number.value, currency: nil)
    }

    /// As `parse(_:)`, throwing an error that says what is wrong, for configuration messages:
    /// `"4 trilion HKD" is not one amount of money: "trilion" is not part of it`.
    public static func money(from text: String) throws(ExtractError) -> Money {
        if let money = parse(text) { return money }
        let raw = text.unicodeScalars.map(\.value)
        guard let first = raw.firstIndex(where: { NumberReader.canStart($0) }) else {
            throw ExtractError(code: .notAnAmount, message: "\"\(text)\" is not an amount of money: it has no number")
        }
        // Find where the longest readable amount ends, in whichever language reads furthest, to name the rest.
        let folded = raw.map { ScriptFolding.fold($0) }
        var end = first
        for lexicon in order {
            let scanner = AmountScanner(raw: raw, folded: folded, range: 0..<raw.count, lexicon: lexicon)
            if let (mentions, _) = scanner.amounts(at: first, allowAlternate: false), let m = mentions.last {
                end = max(end, m.end)
            } else if let number = NumberReader.read(raw, at: first, limit: raw.count, lexicon: lexicon) {
                end = max(end, number.end)
            }
        }
        let rest = Self.trimmed(raw[end...])
        let lead = Self.trimmed(raw[..<first])
        let extra = rest.isEmpty ? lead : rest
        throw ExtractError(code: .extraText, message: "\"\(text)\" is not one amount of money: \"\(extra)\" is not part of it")
    }

    private static func trimmed(_ scalars: ArraySlice<UInt32>) -> String {
        var a = scalars.startIndex
        var b = scalars.endIndex
        while a < b, CharacterClass.isSpace(scalars[a]) { a += 1 }
        while b > a, CharacterClass.isSpace(scalars[b - 1]) { b -= 1 }
        return String(String.UnicodeScalarView(scalars[a..<b].compactMap(Unicode.Scalar.init)))
    }
}
