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
    let lexicon: LanguageLexicon

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
                || (NumberReader.isImplicitOne(c) && (afterBound(i) || besideValueCue(i))) else {
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
        i > range.lowerBound && lexicon.boundsBefore.match(in: folded, endingAt: i, floor: max(range.lowerBound, i - 4)) != nil
            && !CharacterClass.isLatinLetter(folded[i - 1])
    }

    /// 市值万亿元, 估值达千亿美元: a scale with no digit names "one" of it after a value cue, with its
    /// currency written. Before the cue it is a category, not an amount ("萬億估值獨角獸", "万亿市值公司").
    private func besideValueCue(_ i: Int) -> Bool {
        var end = i
        if let link = lexicon.cueLinks.match(in: folded, endingAt: end, floor: max(range.lowerBound, end - 4)) { end -= link.length }
        guard let cue = lexicon.cues.match(in: folded, endingAt: end, floor: max(range.lowerBound, end - 8)),
              cue.payload == .metric(.marketCap) || cue.payload == .metric(.valuation) else { return false }
        var after = i
        while after < range.upperBound, NumberReader.largeUnit(raw[after]) != nil || NumberReader.isImplicitOne(raw[after]) { after += 1 }
        return currencySuffix(at: after) != nil
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
        guard let m = lexicon.currencyBefore.match(in: folded, endingAt: end, floor: range.lowerBound) else { return nil }
        return (m.payload, end - m.length)
    }

    /// A currency written at `i` (after at most one space): (word, end).
    func currencySuffix(at i: Int) -> (CurrencyWord, Int)? {
        var j = i
        if j < range.upperBound, CharacterClass.isSpace(raw[j]) { j += 1 }
        guard let m = lexicon.currencyAfter.match(in: folded, at: j, limit: range.upperBound) else { return nil }
        let end = j + m.length
        if m.payload == .yuan, end < range.upperBound, Self.notYuanAfter.contains(raw[end]) { return nil }
        if m.payload == .yuan, j != i { return nil }  // 元 is written attached; "10 元" after a space is a list or a table
        return (m.payload, end)
    }

    private func readNumber(at i: Int) -> ParsedNumber? {
        if raw[i] == 0x68 || raw[i] == 0x48 {
            // "half a trillion"
            let after = i + 7
            guard let (exponent, end) = NumberReader.latinScale(raw, at: after - 1, limit: range.upperBound, words: lexicon.scaleWords),
                  let value = ExactDecimal(significand: 5, exponent: exponent - 1) else { return nil }
            return ParsedNumber(
                value: value, end: end, scaleExponent: exponent, hasChineseScale: false, hasLatinScale: true,
                saysMore: false, hasLeadingZero: false, isChineseNumeral: false, isUnitMeasure: false)
        }
        return NumberReader.read(raw, at: i, limit: range.upperBound, lexicon: lexicon, implicitOne: NumberReader.isImplicitOne(raw[i]))
    }

    /// The amount (or two, for a range) starting with the number at `i`, and where scanning resumes.
    func amounts(at i: Int, allowAlternate: Bool = true) -> ([AmountMention], Int)? {
        guard var first = readNumber(at: i), !first.hasLeadingZero, !first.isUnitMeasure else { return nil }
        let prefix = currencyPrefix(endingAt: i)
        var textStart = prefix?.1 ?? i

        // A range: "150億至200億美元", "$150-200 billion", "3 to 5 billion yuan", "between $8bn and $10bn".
        var low: ParsedNumber?
        var last = first
        if let second = rangeEnd(after: first, start: i, hasPrefix: prefix != nil) {
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

        var end = last.end
        var currency: (CurrencyWord, Int)?
        if let suffix = currencySuffix(at: end) {
            currency = suffix
            end = suffix.1
        }
        var word = prefix?.0 ?? currency?.0
        if word == nil, last.hasLatinScale, let shared = sharedCurrency(after: end) {
            word = shared  // "um 8 Mrd. auf 64 Mrd. Euro": the currency written once, on the second amount
        }
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
            if j < range.upperBound, lexicon.counters.contains(raw[j]) { return nil }
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
        if let m = lexicon.boundsBefore.match(in: folded, endingAt: b, floor: range.lowerBound) {
            bound = m.payload
            contextStart = b - m.length
            // "eine Kapitalerhöhung über 2 Mrd. Euro": after a noun the word says what the thing
            // amounts to, not that the amount is exceeded ("ist über 100 Mrd. wert").
            if lexicon.amountingAfterNoun.match(in: folded, endingAt: b, floor: contextStart) != nil,
               followsNoun(contextStart) {
                bound = .exact
            }
        }
        var contextEnd = end
        var a = end
        while a < range.upperBound, CharacterClass.isSpace(raw[a]) { a += 1 }
        if let m = lexicon.boundsAfter.match(in: folded, at: a, limit: range.upperBound) {
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
        if lexicon.thresholdsAfter.match(in: folded, at: t, limit: range.upperBound) != nil { threshold = true }

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
        mention.isRangeHigh = true
        return ([lowMention, mention], contextEnd)
    }

    /// 元 followed by these is a word, not the currency: 元年, 元旦, 元素, 元宇宙, 元首, 元月.
    static let notYuanAfter: Set<UInt32> = Set("年旦素宇首月老宵气氣器件朝帅帥凶勋勳代数數".unicodeScalars.map(\.value))

    /// The high end of a range whose low end `first` starts at `start`: a joiner ("-", "to", 至, から;
    /// "and" only after "between"), spaces, an optional repeated currency sign, then a number. Not a
    /// range when the low end follows "from" and the high end a destination ("from $268bn to $315bn"
    /// is an old value and a new one).
    private func rangeEnd(after first: ParsedNumber, start: Int, hasPrefix: Bool) -> ParsedNumber? {
        var k = first.end
        if let suffix = currencySuffix(at: k) { k = suffix.1 }  // "€10bn-€12bn", "8000億円から1兆円"
        while k < range.upperBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        guard let joiner = lexicon.rangeJoiners.match(in: folded, at: k, limit: range.upperBound) else { return nil }
        let joinerStart = k
        k += joiner.length
        let isWord = CharacterClass.isLatinLetter(folded[joinerStart])
        if isWord || CharacterClass.isSpace(raw[max(joinerStart - 1, range.lowerBound)]) {
            while k < range.upperBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        }
        if k < range.upperBound, let p = lexicon.currencyBefore.match(in: folded, at: k, limit: range.upperBound) { k += p.length }
        guard k < range.upperBound, NumberReader.canStart(raw[k]),
              let second = NumberReader.read(raw, at: k, limit: range.upperBound, lexicon: lexicon), !second.hasLeadingZero,
              !second.isUnitMeasure, second.scaleExponent > 0 || first.scaleExponent > 0 || hasPrefix
        else { return nil }
        var b = start
        if let p = currencyPrefix(endingAt: start) { b = p.1 }
        while b > range.lowerBound, CharacterClass.isSpace(raw[b - 1]) { b -= 1 }
        if let bound = lexicon.boundsBefore.match(in: folded, endingAt: b, floor: range.lowerBound) { b -= bound.length }
        while b > range.lowerBound, CharacterClass.isSpace(raw[b - 1]) { b -= 1 }
        let opened = lexicon.rangeOpeners.match(in: folded, endingAt: b, floor: range.lowerBound) != nil
        let fromWord = lexicon.fromWords.match(in: folded, endingAt: b, floor: range.lowerBound) != nil
        if fromWord && !opened { return nil }
        // "rose by $45bn to $610bn", "增加约500亿元至3200亿元": a move and the level it reached.
        if lexicon.byWords.match(in: folded, endingAt: b, floor: range.lowerBound) != nil
            || lexicon.changeVerbs.match(in: folded, endingAt: b, floor: range.lowerBound) != nil {
            return nil
        }
        // Word joiners that also join other things ("and", "und") need an opener ("between").
        if isWord, lexicon.rangeJoinersNeedingOpener.match(in: folded, at: joinerStart, limit: range.upperBound) != nil, !opened {
            return nil
        }
        // "XからYに": a move from X to Y, not a range.
        var e = second.end
        if let suffix = currencySuffix(at: e) { e = suffix.1 }
        if lexicon.toParticlesAfter.match(in: folded, at: e, limit: range.upperBound) != nil { return nil }
        return second
    }

    /// The currency of the amount right after a to-word ("auf", "to", 至) following `end`, when that
    /// amount writes one: a move and its level often share it.
    private func sharedCurrency(after end: Int) -> CurrencyWord? {
        var k = end
        while k < range.upperBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        guard let to = lexicon.toWords.match(in: folded, at: k, limit: range.upperBound) else { return nil }
        k += to.length
        while k < range.upperBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        guard k < range.upperBound, NumberReader.canStart(raw[k]),
              let number = NumberReader.read(raw, at: k, limit: range.upperBound, lexicon: lexicon), number.hasLatinScale,
              let suffix = currencySuffix(at: number.end) else { return nil }
        return suffix.0
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

    /// Whether a capitalised word (a German noun) stands right before `position`.
    private func followsNoun(_ position: Int) -> Bool {
        var k = position
        while k > range.lowerBound, CharacterClass.isSpace(raw[k - 1]) { k -= 1 }
        var start = k
        while start > range.lowerBound, CharacterClass.isLatinLetter(raw[start - 1]) { start -= 1 }
        guard start < k, start > range.lowerBound else { return false }
        let first = raw[start]
        return (first >= 0x41 && first <= 0x5A) || first == 0xC4 || first == 0xD6 || first == 0xDC
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
