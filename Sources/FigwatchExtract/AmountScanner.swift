import FigwatchCore

/// Finds amounts of money in one sentence: number, scale and currency in any order
/// the languages write them, with bounds, ranges and parenthesised conversions.
///
/// It is a single left-to-right pass; each failed start skips the whole digit run,
/// so the work is linear in the sentence length.
struct AmountScanner {
    let raw: [UInt32]
    let folded: [UInt32]
    let range: Range<Int>

    /// All amounts in `range`, in order. A range ("150億至200億美元") yields two.
    func scan(steps: inout Int) -> [AmountMention] {
        var found: [AmountMention] = []
        var i = range.lowerBound
        while i < range.upperBound {
            steps += 1
            let c = raw[i]
            // Fast path: ASCII other than digits and the "h" of "half" starts no amount.
            if c < 0x80, c < 0x30 || c > 0x39, c != 0x68, c != 0x48 {
                i += 1
                continue
            }
            guard NumberReader.canStart(c) || ((c == 0x68 || c == 0x48) && startsHalf(at: i))
                || (NumberReader.isImplicitOne(c) && afterBound(i)) else {
                i += 1
                continue
            }
            // Digits glued to letters are names and model sizes: Qwen2.5, A380, 7B.
            if CharacterClass.isDigit(c), i > range.lowerBound {
                let p = raw[i - 1]
                if (CharacterClass.isLatinLetter(p) && currencyPrefix(endingAt: i) == nil) || p == 0x2E || p == 0x2F
                    || CharacterClass.isDigit(p) {
                    i = skipNumberRun(from: i)
                    continue
                }
            }
            if let (mentions, next) = amounts(at: i) {
                found.append(contentsOf: mentions)
                i = max(next, i + 1)
            } else {
                i = skipNumberRun(from: i)
            }
        }
        return found
    }

    private func skipNumberRun(from start: Int) -> Int {
        var i = start + 1
        while i < range.upperBound, CharacterClass.isDigit(raw[i]) || raw[i] == 0x2E || raw[i] == 0x2C
            || NumberReader.chineseDigit(raw[i]) != nil || NumberReader.largeUnit(raw[i]) != nil
            || NumberReader.smallUnit(raw[i]) != nil {
            i += 1
        }
        return i
    }

    /// 逾/超/近/約 right before `i`: "逾千億" reads as "over one thousand 億".
    private func afterBound(_ i: Int) -> Bool {
        i > range.lowerBound && Lexicon.boundsBefore.match(in: folded, endingAt: i, floor: max(range.lowerBound, i - 4)) != nil
            && !CharacterClass.isLatinLetter(folded[i - 1])
    }

    private static let halfA: [UInt32] = "half a ".unicodeScalars.map(\.value)

    private func startsHalf(at i: Int) -> Bool {
        let word = Self.halfA
        guard i + word.count < range.upperBound else { return false }
        for k in 0..<word.count where folded[i + k] != word[k] { return false }
        return i == range.lowerBound || !CharacterClass.isLatinLetter(raw[i - 1])
    }

    /// A currency written before index `i` (with at most one space between): (word, start).
    func currencyPrefix(endingAt i: Int) -> (CurrencyWord, Int)? {
        var end = i
        if end > range.lowerBound, CharacterClass.isSpace(raw[end - 1]) { end -= 1 }
        guard let m = Lexicon.currencyBefore.match(in: folded, endingAt: end, floor: range.lowerBound) else { return nil }
        return (m.payload, end - m.length)
    }

    /// A currency written at `i` (after at most one space): (word, end).
    func currencySuffix(at i: Int) -> (CurrencyWord, Int)? {
        var j = i
        if j < range.upperBound, CharacterClass.isSpace(raw[j]) { j += 1 }
        guard let m = Lexicon.currencyAfter.match(in: folded, at: j, limit: range.upperBound) else { return nil }
        let end = j + m.length
        if m.payload == .yuan, end < range.upperBound, Lexicon.notYuanAfter.contains(raw[end]) { return nil }
        if m.payload == .yuan, j != i { return nil }  // 元 is written attached; "10 元" after a space is a list or a table
        return (m.payload, end)
    }

    private func readNumber(at i: Int) -> ParsedNumber? {
        if raw[i] == 0x68 || raw[i] == 0x48 {
            // "half a trillion"
            let after = i + 7
            guard let (exponent, end) = NumberReader.latinScale(raw, at: after - 1, limit: range.upperBound),
                  let value = ExactDecimal(significand: 5, exponent: exponent - 1) else { return nil }
            return ParsedNumber(
                value: value, end: end, scaleExponent: exponent, hasChineseScale: false, hasLatinScale: true,
                saysMore: false, hasLeadingZero: false, isChineseNumeral: false, isUnitMeasure: false)
        }
        return NumberReader.read(raw, at: i, limit: range.upperBound, implicitOne: NumberReader.isImplicitOne(raw[i]))
    }

    /// The amount (or two, for a range) starting with the number at `i`, and where scanning resumes.
    func amounts(at i: Int, allowAlternate: Bool = true) -> ([AmountMention], Int)? {
        guard var first = readNumber(at: i), !first.hasLeadingZero, !first.isUnitMeasure else { return nil }
        let prefix = currencyPrefix(endingAt: i)
        var textStart = prefix?.1 ?? i

        // A range: "150億至200億美元", "$150-200 billion", "10～20亿元".
        var low: ParsedNumber?
        var last = first
        if first.end + 1 < range.upperBound {
            let joiner = raw[first.end]
            let isJoiner = joiner == 0x2D || joiner == 0x2013 || joiner == 0x2014 || joiner == 0x7E || joiner == 0xFF5E
                || joiner == 0x81F3 || joiner == 0x5230  // - – — ~ ～ 至 到
            var k = first.end + 1
            if isJoiner, prefix != nil, k < range.upperBound, raw[k] == 0x24 || raw[k] == 0xA3 || raw[k] == 0x20AC { k += 1 }
            if isJoiner, k < range.upperBound, NumberReader.canStart(raw[k]),
               let second = NumberReader.read(raw, at: k, limit: range.upperBound), !second.hasLeadingZero,
               !second.isUnitMeasure, second.scaleExponent > 0 || first.scaleExponent > 0 || prefix != nil {
                var lowValue = first.value
                if first.scaleExponent == 0, second.scaleExponent > 0,
                   let scaled = first.value.scaled(byPowerOfTen: second.scaleExponent) {
                    lowValue = scaled
                }
                if lowValue < second.value {
                    first.value = lowValue
                    low = first
                    last = second
                }
            }
        }

        var end = last.end
        var currency: (CurrencyWord, Int)?
        if let suffix = currencySuffix(at: end) {
            currency = suffix
            end = suffix.1
        }
        let word = prefix?.0 ?? currency?.0
        // Percentages and other units are never money.
        if word == nil {
            if end < range.upperBound {
                let n = raw[end]
                if n == 0x25 || n == 0xFF05 || n == 0x2030 { return nil }
            }
            guard last.hasChineseScale || (low?.hasChineseScale ?? false) else { return nil }
            // Counted things and units are not money: 3億次, 10萬個, 十萬卡, 百萬Token.
            if end < range.upperBound, CharacterClass.isLatinLetter(raw[end]) || CharacterClass.isDigit(raw[end]) {
                return nil
            }
            var j = end
            while j < range.upperBound, CharacterClass.isSpace(raw[j]) { j += 1 }
            if j < range.upperBound, Lexicon.notMoneyAfter.contains(raw[j]) { return nil }
        }
        if prefix == nil, word != nil, first.isChineseNumeral, !last.hasChineseScale, last.scaleExponent < 3 {
            // 一元, 三元: small sums written in numerals are prices, and 一角/一度 idioms; skip them.
            return nil
        }

        // Qualifying words.
        var bound = Bound.exact
        var contextStart = textStart
        var b = textStart
        while b > range.lowerBound, CharacterClass.isSpace(raw[b - 1]) { b -= 1 }
        if let m = Lexicon.boundsBefore.match(in: folded, endingAt: b, floor: range.lowerBound) {
            bound = m.payload
            contextStart = b - m.length
        }
        var contextEnd = end
        var a = end
        while a < range.upperBound, CharacterClass.isSpace(raw[a]) { a += 1 }
        if let m = Lexicon.boundsAfter.match(in: folded, at: a, limit: range.upperBound) {
            bound = m.payload
            contextEnd = a + m.length
        }
        if last.saysMore || first.saysMore { bound = .atLeast }

        // A parenthesised conversion: "1830億美元(約1.3萬億元)", "$5bn (£3bn)".
        var alternate: Alternate?
        var alternateWord: CurrencyWord?
        if allowAlternate, low == nil {
            var p = contextEnd
            while p < range.upperBound, CharacterClass.isSpace(raw[p]) { p += 1 }
            if p < range.upperBound, raw[p] == 0x28 || raw[p] == 0xFF08 {
                if let (inner, close) = conversion(openingAt: p) {
                    alternate = Alternate(value: inner.value, currency: nil, bound: inner.bound)
                    alternateWord = inner.currencyWord
                    contextEnd = close
                }
            } else if word != nil, let (inner, close) = restatement(after: contextEnd), inner.currencyWord != word {
                // "NT$30 trillion, or about US$1 trillion": the same amount in another currency.
                alternate = Alternate(value: inner.value, currency: nil, bound: inner.bound)
                alternateWord = inner.currencyWord
                contextEnd = close
            }
        }

        // A mark to reach: "挑戰2兆元大關", "the $1 trillion mark".
        var threshold = false
        var t = contextEnd
        while t < range.upperBound, CharacterClass.isSpace(raw[t]) { t += 1 }
        if Lexicon.thresholdsAfter.match(in: folded, at: t, limit: range.upperBound) != nil { threshold = true }

        if textStart > i { textStart = i }
        var mention = AmountMention(
            start: textStart, end: end, contextStart: min(contextStart, textStart), contextEnd: contextEnd,
            value: last.value, scaleExponent: last.scaleExponent, currencyWord: word, currency: nil, currencyInferred: false,
            currencyWritten: word != nil, bound: bound, alternate: alternate, alternateWord: alternateWord,
            isThreshold: threshold)
        guard let low else { return ([mention], contextEnd) }
        var lowMention = mention
        lowMention.value = low.value
        lowMention.bound = .atLeast
        mention.bound = .atMost
        return ([lowMention, mention], contextEnd)
    }

    private static let commaOr: [UInt32] = ", or ".unicodeScalars.map(\.value)

    /// ", or [about] US$1 trillion" right after an amount: (the amount, its end).
    private func restatement(after end: Int) -> (AmountMention, Int)? {
        let word = Self.commaOr
        guard end + word.count < range.upperBound else { return nil }
        for k in 0..<word.count where folded[end + k] != word[k] { return nil }
        var k = end + word.count
        let limit = min(range.upperBound, k + 20)
        while k < limit, !NumberReader.canStart(raw[k]) { k += 1 }
        guard k < limit, let (mentions, next) = amounts(at: k, allowAlternate: false), mentions.count == 1,
              let inner = mentions.first, inner.currencyWritten, inner.contextStart == end + word.count
        else { return nil }
        return (inner, next)
    }

    /// The amount inside parentheses opening at `open`, and the index after the closing one.
    private func conversion(openingAt open: Int) -> (AmountMention, Int)? {
        var k = open + 1
        let limit = min(range.upperBound, open + 40)
        while k < limit, !NumberReader.canStart(raw[k]) { k += 1 }
        guard k < limit, let (mentions, next) = amounts(at: k, allowAlternate: false), mentions.count == 1,
              let inner = mentions.first, inner.currencyWritten else { return nil }
        // Only qualifying words may stand between the parenthesis and the amount.
        var q = open + 1
        while q < inner.contextStart, CharacterClass.isSpace(raw[q]) { q += 1 }
        guard q == inner.contextStart || q == inner.start else { return nil }
        var close = next
        while close < range.upperBound, CharacterClass.isSpace(raw[close]) { close += 1 }
        guard close < range.upperBound, raw[close] == 0x29 || raw[close] == 0xFF09 else { return nil }
        return (inner, close + 1)
    }
}
