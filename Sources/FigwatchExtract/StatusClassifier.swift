import FigwatchCore

/// Decides whether an amount states what is true now, an older value quoted beside it, or an
/// expectation, from the words of its clause (see docs/FIGURES.md, "Status").
///
/// - forecast: a word of expectation, condition or negotiation before the amount in its clause
///   ("could reach", "in talks to raise", "if", 有望, 拟, könnte), or after it in a verb-final clause
///   (見込み, 予定).
/// - past: a level introduced as the older side of a comparison: right after "from", "a peak of",
///   较年初的 or before から; the first of "von X auf Y", "由X升至Y"; or dated by a nearby phrase
///   ("a year earlier", "as recently as", 去年) with no other amount between. A change is never past:
///   "较去年底增加3000亿元" is a move measured now.
struct StatusClassifier {
    let raw: [UInt32]
    let folded: [UInt32]
    let sentence: Range<Int>
    let lexicon: LanguageLexicon
    let amounts: [AmountMention]

    /// How far a dating phrase may stand from the amount it dates.
    static let datingWindow = 60
    /// How long an opening phrase ("A year ago,", "去年，") may be and still date the sentence.
    static let openingPhrase = 24

    func status(of index: Int, kind: FigureKind) -> FigureStatus {
        let amount = amounts[index]
        if kind == .level, isPast(index) { return .past }
        if isForecast(amount) { return .forecast }
        return .current
    }

    /// How far a clause is read either side of an amount: work per amount stays bounded on a page that
    /// is one endless clause.
    static let clauseReach = 300

    private func clauseStart(before position: Int) -> Int {
        var k = position
        let floor = max(sentence.lowerBound, position - Self.clauseReach)
        while k > floor, !isHardBreak(k - 1) { k -= 1 }
        return k
    }

    private func clauseEnd(after position: Int) -> Int {
        var k = position
        let ceiling = min(sentence.upperBound, position + Self.clauseReach)
        while k < ceiling, !isHardBreak(k) { k += 1 }
        return k
    }

    /// A clause break that is not a mark inside a number or a range ("1,830", "€8bn–€10bn").
    private func isHardBreak(_ k: Int) -> Bool {
        guard CharacterClass.isClauseBreak(raw[k]) else { return false }
        guard k > sentence.lowerBound, k + 1 < sentence.upperBound else { return true }
        let next = raw[k + 1]
        return !(CharacterClass.isDigit(raw[k - 1]) || CharacterClass.isLatinLetter(raw[k - 1]))
            || !(CharacterClass.isDigit(next) || next == 0x24 || next == 0x20AC || next == 0xA3)
    }

    private func isForecast(_ amount: AmountMention) -> Bool {
        var steps = 0
        let start = lexicon.forecastSpansSentence
            ? max(sentence.lowerBound, amount.contextStart - Self.clauseReach) : clauseStart(before: amount.contextStart)
        // Up to the digits: a bound may itself look ahead (上看, "up to" said of a target).
        if start < amount.start,
           !lexicon.forecastBefore.allMatches(in: folded, range: start..<amount.start, steps: &steps).isEmpty {
            return true
        }
        let end = clauseEnd(after: amount.contextEnd)
        if amount.contextEnd < end,
           !lexicon.forecastAfter.allMatches(in: folded, range: amount.contextEnd..<end, steps: &steps).isEmpty {
            return true
        }
        return false
    }

    private func isPast(_ index: Int) -> Bool {
        let amount = amounts[index]
        var b = amount.contextStart
        while b > sentence.lowerBound, CharacterClass.isSpace(raw[b - 1]) { b -= 1 }
        let floor = max(sentence.lowerBound, b - 24)
        if lexicon.pastBefore.match(in: folded, endingAt: b, floor: floor) != nil { return true }
        // "较3月的615亿美元": a comparison joined to the amount.
        if let link = lexicon.comparisonLink.match(in: folded, endingAt: b, floor: floor) {
            var k = b - link.length
            let stop = max(clauseStart(before: k), k - 12)
            while k > stop {
                k -= 1
                if lexicon.comparisonBefore.match(in: folded, at: k, limit: b - link.length) != nil { return true }
            }
        }
        var a = amount.contextEnd
        while a < sentence.upperBound, CharacterClass.isSpace(raw[a]) { a += 1 }
        if lexicon.pastAfter.match(in: folded, at: a, limit: sentence.upperBound) != nil { return true }
        // "von 80 Mrd. auf 95 Mrd.", "由1万亿升至1.2万亿": the first of a from/to pair.
        if lexicon.fromWords.match(in: folded, endingAt: b, floor: floor) != nil, index + 1 < amounts.count {
            var n = amounts[index + 1].contextStart
            while n > amount.contextEnd, CharacterClass.isSpace(raw[n - 1]) { n -= 1 }
            if lexicon.toWords.match(in: folded, endingAt: n, floor: max(amount.contextEnd, n - 8)) != nil { return true }
        }
        // A dating phrase near the amount, with no other amount and no "now" between. A short
        // opening phrase set off by a comma dates the whole sentence ("A year ago, X was valued at").
        var steps = 0
        let previousEnd = index > 0 ? amounts[index - 1].contextEnd : sentence.lowerBound
        var clause = clauseStart(before: amount.contextStart)
        if clause > sentence.lowerBound, clause - sentence.lowerBound <= Self.openingPhrase,
           clauseStart(before: clause - 1) == sentence.lowerBound {
            clause = sentence.lowerBound
        }
        let lookBack = max(previousEnd, clause, amount.contextStart - Self.datingWindow)
        if lookBack < amount.contextStart,
           let dated = lexicon.pastInClause.allMatches(in: folded, range: lookBack..<amount.contextStart, steps: &steps).last,
           !startsAMove(dated.range, amountStart: amount.contextStart),
           lexicon.presentMarkers.allMatches(in: folded, range: dated.range.upperBound..<amount.contextStart, steps: &steps).isEmpty {
            return true
        }
        let nextStart = index + 1 < amounts.count ? amounts[index + 1].contextStart : sentence.upperBound
        let lookAhead = min(nextStart, clauseEnd(after: amount.contextEnd), amount.contextEnd + Self.datingWindow)
        // "went public in 2020 at a valuation of $10bn, is now worth $3bn": a year dates an amount
        // when a later amount of the sentence says what it is now.
        if index + 1 < amounts.count,
           hasYear(in: min(amount.contextStart, max(clause, amount.contextStart - Self.datingWindow))..<amount.contextStart)
            || hasYear(in: amount.contextEnd..<max(amount.contextEnd, lookAhead)) {
            return true
        }
        if amount.contextEnd < lookAhead,
           lexicon.pastInClause.allMatches(in: folded, range: amount.contextEnd..<lookAhead, steps: &steps)
            .contains(where: { !startsAMove($0.range) }) {
            return true
        }
        return false
    }

    /// A year (1990-2099) written as a date: after a year marker ("in 2020", "im Jahr 2020") or before
    /// 年, and not where a move began ("since 2020", "2020年以来").
    private func hasYear(in range: Range<Int>) -> Bool {
        guard range.count >= 4 else { return false }
        var k = range.lowerBound
        while k + 4 <= range.upperBound {
            defer { k += 1 }
            guard raw[k] == 0x31 && raw[k + 1] == 0x39 && raw[k + 2] == 0x39 || raw[k] == 0x32 && raw[k + 1] == 0x30,
                  CharacterClass.isDigit(raw[k + 2]), CharacterClass.isDigit(raw[k + 3]),
                  k == sentence.lowerBound || !CharacterClass.isDigit(raw[k - 1]),
                  k + 4 == sentence.upperBound || !CharacterClass.isDigit(raw[k + 4]) && raw[k + 4] != 0x2C && raw[k + 4] != 0x2E
            else { continue }
            let year = k..<(k + 4)
            if startsAMove(year) { continue }
            if k + 4 < sentence.upperBound, raw[k + 4] == 0x5E74 { return true }  // 年
            var b = k
            while b > sentence.lowerBound, CharacterClass.isSpace(raw[b - 1]) { b -= 1 }
            if lexicon.yearMarkers.match(in: folded, endingAt: b, floor: max(sentence.lowerBound, b - 16)) != nil { return true }
        }
        return false
    }

    /// How far before a dating phrase its "since" may stand ("since the start of last year").
    static let baselineReach = 16

    /// "since its last round", 较上一轮, 年初から, seit dem Vorjahr: the phrase dates where a move
    /// began, so it says nothing of when the amount was true.
    private func startsAMove(_ dated: Range<Int>, amountStart: Int? = nil) -> Bool {
        var steps = 0
        if let amountStart, dated.upperBound < amountStart,
           !lexicon.multipliers.allMatches(in: folded, range: dated.upperBound..<amountStart, steps: &steps).isEmpty {
            return true
        }
        let floor = max(clauseStart(before: dated.lowerBound), dated.lowerBound - Self.baselineReach)
        var k = dated.lowerBound
        while k > floor {
            k -= 1
            if lexicon.baselineBefore.match(in: folded, at: k, limit: dated.lowerBound) != nil { return true }
        }
        var a = dated.upperBound
        while a < sentence.upperBound, CharacterClass.isSpace(raw[a]) { a += 1 }
        return lexicon.baselineAfter.match(in: folded, at: a, limit: sentence.upperBound) != nil
    }
}
