import FigwatchCore

/// A number as read from text, with whatever scale words followed it.
struct ParsedNumber {
    /// The value with scales applied: "1.3萬億" is 1300000000000.
    var value: ExactDecimal
    /// Index just past the last scalar read.
    var end: Int
    /// Power of ten of the last scale applied (億 = 8, billion = 9), 0 when none.
    var scaleExponent: Int
    /// A Chinese scale (万, 亿, 兆 ...) was applied.
    var hasChineseScale: Bool
    /// An English or European scale word or suffix was applied.
    var hasLatinScale: Bool
    /// "4000多亿", "1000余亿": the text says "more than".
    var saysMore: Bool
    /// "03" + "3600": a leading zero glued to more digits, as in codes and headings.
    var hasLeadingZero: Bool
    /// Written in Chinese numerals only (一千八百三十億).
    var isChineseNumeral: Bool
    /// A scale followed that is not money here (兆瓦), so this is not an amount.
    var isUnitMeasure: Bool
}

/// Reads numbers: ASCII and full-width digits with separators and decimals, Chinese
/// numerals (ordinary and financial forms, 〇/零, 两/兩, 半), Chinese scales in both
/// scripts and their compounds (萬億, 千亿), and English/European scale words and
/// suffixes (billion, bn, m, Milliarden, millones ...). Exact decimals throughout.
///
/// Every loop advances the index, so reading is linear in what it consumes.
enum NumberReader {
    /// Value of a Chinese numeral digit, or nil.
    @inline(__always)
    static func chineseDigit(_ c: UInt32) -> Int? {
        switch c {
        case 0x3007, 0x96F6: return 0  // 〇 零
        case 0x4E00, 0x58F9: return 1  // 一 壹
        case 0x4E8C, 0x4E24, 0x5169, 0x8D30, 0x8CB3: return 2  // 二 两 兩 贰 貳
        case 0x4E09, 0x53C1, 0x53C3: return 3  // 三 叁 參
        case 0x56DB, 0x8086: return 4  // 四 肆
        case 0x4E94, 0x4F0D: return 5  // 五 伍
        case 0x516D, 0x9646, 0x9678: return 6  // 六 陆 陸
        case 0x4E03, 0x67D2: return 7  // 七 柒
        case 0x516B, 0x634C: return 8  // 八 捌
        case 0x4E5D, 0x7396: return 9  // 九 玖
        default: return nil
        }
    }

    /// Power of ten of a small Chinese unit (十 百 千), or nil.
    @inline(__always)
    static func smallUnit(_ c: UInt32) -> Int? {
        switch c {
        case 0x5341, 0x62FE: return 1  // 十 拾
        case 0x767E, 0x4F70: return 2  // 百 佰
        case 0x5343, 0x4EDF: return 3  // 千 仟
        default: return nil
        }
    }

    /// Power of ten of a large Chinese unit (万 亿 兆), or nil.
    @inline(__always)
    static func largeUnit(_ c: UInt32) -> Int? {
        switch c {
        case 0x4E07, 0x842C: return 4  // 万 萬
        case 0x4EBF, 0x5104: return 8  // 亿 億
        case 0x5146: return 12  // 兆
        default: return nil
        }
    }

    static let half: UInt32 = 0x534A  // 半

    /// Scalars that may begin a currency word after 兆 (元, 美元, 港元, 日圓, 新台幣 ...).
    static let currencyAfterTrillion: Set<UInt32> = Set("元圆圓美港日円新台臺欧歐人韩韓英ドユポウ米".unicodeScalars.map(\.value))

    /// Whether `c` can begin a number.
    @inline(__always)
    static func canStart(_ c: UInt32) -> Bool {
        CharacterClass.isDigit(c) || chineseDigit(c) != nil || c == 0x5341 || c == 0x62FE || c == half
    }

    /// Whether `c` is a scale that can stand for "one of it" after 逾/超/近: 逾千億, 近萬億.
    @inline(__always)
    static func isImplicitOne(_ c: UInt32) -> Bool {
        c == 0x767E || c == 0x5343 || c == 0x4E07 || c == 0x842C  // 百 千 万 萬
    }

    /// Reads the number starting at `start`, or nil when none starts there.
    /// - Parameter implicitOne: the text starts with a scale meaning "one" of it (逾千億 = over 100 billion).
    static func read(_ s: [UInt32], at start: Int, limit: Int, lexicon: LanguageLexicon, implicitOne: Bool) -> ParsedNumber? {
        guard implicitOne, start < limit, isImplicitOne(s[start]) else { return read(s, at: start, limit: limit, lexicon: lexicon) }
        var withOne = Array(s[start..<min(limit, start + 24)])
        withOne.insert(0x4E00, at: 0)  // 一
        guard var number = read(withOne, at: 0, limit: withOne.count, lexicon: lexicon), number.end > 1 else { return nil }
        number.end = start + number.end - 1
        return number
    }

    /// Reads the number starting at `start`, or nil when none starts there; digits are grouped and
    /// scaled as `lexicon` writes them.
    static func read(_ s: [UInt32], at start: Int, limit: Int, lexicon: LanguageLexicon) -> ParsedNumber? {
        var i = start
        var result = ParsedNumber(
            value: .zero, end: start, scaleExponent: 0, hasChineseScale: false, hasLatinScale: false,
            saysMore: false, hasLeadingZero: false, isChineseNumeral: false, isUnitMeasure: false)

        // Pieces already closed by a large unit, as (value, unit exponent).
        var parts: [(ExactDecimal, Int)] = []
        var section = ExactDecimal.zero
        var pending: ExactDecimal?
        var sawAnything = false
        var lastWasChineseDigit = false
        var arabicAllowed = true

        func total() -> ExactDecimal? {
            var sum = section
            if let p = pending { guard let t = sum.adding(p) else { return nil }; sum = t }
            for (v, _) in parts { guard let t = sum.adding(v) else { return nil }; sum = t }
            return sum
        }

        while i < limit {
            let c = s[i]
            if arabicAllowed, CharacterClass.isDigit(c) {
                guard pending == nil else { break }
                guard let (value, end, leadingZero) = readArabic(s, at: i, limit: limit, format: lexicon.numberFormat) else { return nil }
                if !sawAnything { result.hasLeadingZero = leadingZero }
                pending = value
                i = end
                sawAnything = true
                arabicAllowed = false
                lastWasChineseDigit = false
                // "240 亿美元": one space may separate digits from a Chinese scale.
                if i + 1 < limit, CharacterClass.isSpace(s[i]), largeUnit(s[i + 1]) != nil || smallUnit(s[i + 1]) != nil {
                    i += 1
                }
                continue
            }
            if let d = chineseDigit(c) {
                if lastWasChineseDigit, let p = pending {
                    // Positional digits (二〇二五): a year or code, never scaled money.
                    guard let v = p.multiplied(by: 10)?.adding(ExactDecimal(d)) else { return nil }
                    pending = v
                } else {
                    guard pending == nil else { break }
                    pending = ExactDecimal(d)
                }
                result.isChineseNumeral = result.isChineseNumeral || !sawAnything
                sawAnything = true
                lastWasChineseDigit = true
                arabicAllowed = false
                i += 1
                continue
            }
            if c == half, pending == nil, section.isZero, parts.isEmpty, !sawAnything {
                // 半 counts only as "half of the next scale": 半万亿.
                guard i + 1 < limit, largeUnit(s[i + 1]) != nil else { break }
                pending = ExactDecimal(significand: 5, exponent: -1)
                result.isChineseNumeral = true
                sawAnything = true
                i += 1
                continue
            }
            if let u = smallUnit(c) {
                if !sawAnything && u != 1 { break }  // 百万, 千亿 alone are categories, not values
                let multiplier = pending ?? 1
                guard let term = multiplier.scaled(byPowerOfTen: u), let sum = section.adding(term) else { return nil }
                if !sawAnything { result.isChineseNumeral = true }
                section = sum
                pending = nil
                sawAnything = true
                lastWasChineseDigit = false
                arabicAllowed = false
                result.scaleExponent = u
                i += 1
                continue
            }
            if (c == 0x591A || c == 0x4F59), sawAnything, i + 1 < limit, largeUnit(s[i + 1]) != nil || smallUnit(s[i + 1]) != nil {
                result.saysMore = true  // 多 余
                i += 1
                continue
            }
            if let u = largeUnit(c), sawAnything {
                if u == 12 {
                    // 兆 is 10^12 only in money: 兆元 yes, 兆瓦 (megawatt) no.
                    var j = i + 1
                    while j < limit && CharacterClass.isSpace(s[j]) { j += 1 }
                    // 1兆2000億円: more number follows, as in any compound amount.
                    if j >= limit || !(currencyAfterTrillion.contains(s[j]) || CharacterClass.isDigit(s[j]) || chineseDigit(s[j]) != nil) {
                        result.isUnitMeasure = true
                        break
                    }
                }
                var current = section
                if let p = pending { guard let t = current.adding(p) else { return nil }; current = t }
                var kept: [(ExactDecimal, Int)] = []
                for (v, e) in parts {
                    if e < u { guard let t = current.adding(v) else { return nil }; current = t } else { kept.append((v, e)) }
                }
                guard !current.isZero, let scaled = current.scaled(byPowerOfTen: u) else { return nil }
                kept.append((scaled, u))
                parts = kept
                section = .zero
                pending = nil
                result.hasChineseScale = true
                result.scaleExponent = u
                lastWasChineseDigit = false
                arabicAllowed = true  // 2亿5000万
                i += 1
                continue
            }
            break
        }
        guard sawAnything, var value = total() else { return nil }
        result.end = i

        // English and European scales only follow Arabic digits ("$4bn", "4 trillion", "$4-trillion").
        if !result.isChineseNumeral, !result.hasChineseScale, let (exponent, end) = latinScale(s, at: i, limit: limit, words: lexicon.scaleWords) {
            guard let scaled = value.scaled(byPowerOfTen: exponent) else { return nil }
            value = scaled
            result.end = end
            result.scaleExponent = exponent
            result.hasLatinScale = true
        }
        result.value = value
        return result
    }

    /// Digits with grouping separators and one decimal mark, as `format` writes them; (value, end,
    /// leading zero). A separator counts as grouping only before exactly three digits, so "1.200
    /// Milliarden" is 1200 in German and "1,5 Billionen" is 1.5, while "1,830" is 1830 in English.
    static func readArabic(_ s: [UInt32], at start: Int, limit: Int, format: LanguageLexicon.NumberFormat) -> (ExactDecimal, Int, Bool)? {
        var significand: Int128 = 0
        var exponent = 0
        var i = start
        var inFraction = false
        var grouped = false
        var integerDigits = 0
        let leadingZero = s[start] == 0x30 || s[start] == 0xFF10
        var overflow = false
        let (groupMark, decimalMark): (UInt32, UInt32) = format == .pointDecimal ? (0x2C, 0x2E) : (0x2E, 0x2C)
        while i < limit {
            if let d = CharacterClass.digit(s[i]) {
                let (m, o1) = significand.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int128(d))
                if o1 || o2 { overflow = true } else { significand = a }
                if inFraction { exponent -= 1 } else { integerDigits += 1 }
                i += 1
                continue
            }
            let c = s[i]
            let run = digitRun(s, from: i + 1, limit: limit)
            let isGroup = c == groupMark || (format == .pointDecimal && c == 0xFF0C) || c == 0x27 || c == 0x2009 || c == 0x202F
            if isGroup, !inFraction, run == 3, integerDigits >= 1, grouped || integerDigits <= 3 {
                grouped = true  // 1,830  ３，６００  1'000  1.200 (German)
                i += 1
                continue
            }
            let isDecimal = c == decimalMark || (format == .pointDecimal && c == 0xFF0E)
            if isDecimal, !inFraction, run >= 1 {
                inFraction = true  // 1.3  ３．５  1,5 (German)
                i += 1
                continue
            }
            break
        }
        if overflow { return nil }
        guard let value = ExactDecimal(significand: significand, exponent: exponent) else { return nil }
        return (value, i, leadingZero && integerDigits > 1)
    }

    /// Number of digits starting at `from`.
    @inline(__always)
    static func digitRun(_ s: [UInt32], from: Int, limit: Int) -> Int {
        var n = 0
        while from + n < limit && CharacterClass.isDigit(s[from + n]) { n += 1 }
        return n
    }
}
