import FigwatchCore

/// Decides what each amount of a sentence measures, from the sentence's wording.
///
/// The cue that names an amount is usually right beside it: after it ("130億美元F輪融資",
/// "a $400 million valuation", "3600億市值") or before it ("投後估值1830億美元", "market
/// value was $349 billion"). A cue right after wins, then one right before, then the
/// nearest either side. Words about something else (revenue, prices, deals, funds)
/// win when they are the nearest; some words (融資融券, 減持, net worth) make the whole
/// sentence something else. Precision matters more than recall: an amount with no cue
/// is `other`, and an amount with no currency needs a cue right beside it.
struct MetricClassifier {
    struct Decision {
        var metric: Metric
        /// Where the deciding cue stands, for entity attribution.
        var cue: Range<Int>?
        var kind: FigureKind
        /// +1 or -1 for changes.
        var sign: Int
        /// Money put into a company ("invest $5bn in X", 投资): X, not the investor, owns it.
        var invested = false
        /// Invested money in a sentence with no word of a company receiving it ("invests $10bn in"):
        /// funding only if a watched company is named as where it goes, else spending.
        var needsInvestee = false
    }

    let raw: [UInt32]
    let folded: [UInt32]
    let sentence: Range<Int>
    let lexicon: LanguageLexicon
    let hits: [(range: Range<Int>, payload: Cue)]
    let amounts: [AmountMention]

    private let veto: Bool
    private let investIsFunding: Bool

    /// Right-hand cues count up to this many scalars after the amount.
    static let rightWindow = 14
    /// "Other" wording after an amount counts further: "raised $380m in its art sale".
    static let rightOtherWindow = 40
    /// "raised $380m (£241m) in its New York contemporary art sale": "other" wording this close after
    /// the amount, in its clause, with no metric word between, says what the money was.
    static let rightOtherWins = 32
    /// Left-hand cues count up to this far back.
    static let leftWindow = 240

    init(
        raw: [UInt32], folded: [UInt32], sentence: Range<Int>, lexicon: LanguageLexicon, amounts: [AmountMention],
        steps: inout Int
    ) {
        self.raw = raw
        self.folded = folded
        self.sentence = sentence
        self.lexicon = lexicon
        self.amounts = amounts
        let hits = lexicon.cues.allMatches(in: folded, range: sentence, steps: &steps)
        self.hits = hits
        veto = hits.contains { $0.payload == .veto }
        if hits.contains(where: { $0.payload == .invest }) {
            investIsFunding = !lexicon.investmentReceived.allMatches(in: folded, range: sentence, steps: &steps).isEmpty
        } else {
            investIsFunding = false
        }
    }

    /// The decision for `amounts[index]`, or nil when the amount is not money worth reporting.
    func decide(_ index: Int) -> Decision? {
        if index > 0, restatesPrevious(index) { return nil }
        // The two ends of a range are one statement: the high end takes the low end's reading
        // ("valuation ... between $300bn and $350bn in a new round").
        if amounts[index].isRangeHigh, index > 0, let low = decideOne(index - 1) {
            var d = low
            d.kind = .level
            return d
        }
        // "valued at $45bn after the deal, up from $30bn": the older side of a comparison is the
        // same metric as the figure it is compared with, whatever words stand nearer.
        if index > 0, comparesWithEarlier(amounts[index]), let earlier = decideOne(index - 1), earlier.metric != .other {
            var d = earlier
            d.kind = .level
            d.sign = 1
            return d
        }
        return decideOne(index)
    }

    /// Whether a preposition of occasion stands at most three words before a cue ("bei einer neuen
    /// Finanzierungsrunde", "in its latest round").
    private func insidePhrase(_ cue: Range<Int>) -> Bool {
        opensPhrase(before: cue, with: lexicon.phrasePrepositions)
    }

    /// Whether one of `prepositions` stands at most three plain words before `cue`, with no other mark
    /// between.
    private func opensPhrase(before cue: Range<Int>, with prepositions: PhraseMatcher<Bool>) -> Bool {
        var k = cue.lowerBound
        var words = 0
        while k > sentence.lowerBound, words <= 3 {
            while k > sentence.lowerBound, CharacterClass.isSpace(raw[k - 1]) { k -= 1 }
            if prepositions.match(in: folded, endingAt: k, floor: max(sentence.lowerBound, k - 12)) != nil {
                return true
            }
            guard k > sentence.lowerBound, CharacterClass.isLatinLetter(raw[k - 1]) else { return false }
            while k > sentence.lowerBound, CharacterClass.isLatinLetter(raw[k - 1]) { k -= 1 }
            words += 1
        }
        return false
    }

    /// A market-value or valuation cue earlier in the clause than `position`.
    private func valueCue(before position: Int) -> Found? {
        let start = clauseStartBefore(position)
        var h = firstHit(startingAtOrAfter: position) - 1
        while h >= 0, hits[h].range.lowerBound >= start {
            let hit = hits[h]
            h -= 1
            guard let m = meaning(hit.payload, at: hit.range, rightOfAmount: false, gap: 99, amountStart: position),
                  m == .marketCap || m == .valuation else { continue }
            return Found(metric: m, range: hit.range, gap: position - hit.range.upperBound)
        }
        return nil
    }

    /// Whether the words between an amount and a cue after it start with a preposition of place or
    /// occasion ("in its next round", "bei der Runde").
    private func opensPhrase(from a: Int, to b: Int) -> Bool {
        var k = a
        while k < b, CharacterClass.isSpace(raw[k]) { k += 1 }
        return k < b && lexicon.phrasePrepositions.match(in: folded, at: k, limit: b) != nil
    }

    /// A value cue joined to the amount ("市值超过3万亿元的…", "market value of $5bn", "valued at $60bn"):
    /// what follows it is about something else ("…的蓝鸟科技今年股价上涨了40%", "in a secondary sale").
    private func isAttachedNoun(_ left: Found?) -> Bool {
        guard let left, left.gap <= 1 else { return false }
        return left.metric == .marketCap || left.metric == .valuation
    }

    /// "估值約30億美元，折合新台幣近千億元": a conversion word between the two amounts, with nothing but
    /// a comma besides.
    func restatesPrevious(_ index: Int) -> Bool {
        let previousEnd = amounts[index - 1].contextEnd
        var k = previousEnd
        while k < amounts[index].start, CharacterClass.isSpace(raw[k]) || CharacterClass.isClauseBreak(raw[k]) { k += 1 }
        guard k > previousEnd, amounts[index].start - k <= 28,
              let word = lexicon.conversions.match(in: folded, at: k, limit: amounts[index].start) else { return false }
        // What may still stand before the digits is the amount's own context: a bound, a currency.
        let e = k + word.length
        return e <= amounts[index].start && !isClauseBreak(between: e, and: amounts[index].start)
    }

    /// "up from", "from", "a peak of" right before the amount.
    private func comparesWithEarlier(_ amount: AmountMention) -> Bool {
        var b = amount.contextStart
        while b > sentence.lowerBound, CharacterClass.isSpace(raw[b - 1]) { b -= 1 }
        return lexicon.pastBefore.match(in: folded, endingAt: b, floor: max(sentence.lowerBound, b - 24)) != nil
    }

    private func decideOne(_ index: Int) -> Decision? {
        let amount = amounts[index]
        let nextStart = index + 1 < amounts.count ? amounts[index + 1].contextStart : sentence.upperBound

        var metric: Metric?
        var cue: Range<Int>?
        if veto {
            metric = .other
        } else if amount.isThreshold, !crossesLine(before: amount) {
            metric = .other
        } else {
            let right = rightCue(of: amount, nextStart: nextStart)
            var left = leftCue(of: amount)
            // "Die Bewertung von X soll bei einer neuen Finanzierungsrunde auf 500 Mrd. steigen": a round
            // named as the occasion does not take the amount from the value noun before it.
            if let l = left, l.metric == .funding, amount.contextStart - l.range.upperBound > 1, insidePhrase(l.range),
               let value = valueCue(before: l.range.lowerBound) {
                left = value
            }
            if let right, right.gap <= 3 || (right.metric == .other && right.gap <= Self.rightOtherWins && !isAttachedNoun(left)) {
                // Right beside it, or "raised $5 billion in bonds": what follows names the money.
                (metric, cue) = (right.metric, right.range)
            } else if let left, left.gap <= 3 {
                (metric, cue) = (left.metric, left.range)
            } else if let left, let right, left.metric == .marketCap || left.metric == .valuation,
                      opensPhrase(from: amount.contextEnd, to: right.range.lowerBound),
                      !isClauseBreak(between: left.range.upperBound, and: amount.contextStart) {
                // "X's valuation is expected to top $100bn in its next round": the round is where, the
                // valuation what.
                (metric, cue) = (left.metric, left.range)
            } else if let right {
                (metric, cue) = (right.metric, right.range)
            } else if let left {
                (metric, cue) = (left.metric, left.range)
            } else if let later = laterCue(of: amount, nextStart: nextStart) {
                (metric, cue) = (later.metric, later.range)
            }
            if metric != nil, metric != .other, amount.value.magnitude < 100_000 {
                // "$12.50", "85.3港元", "2万元", "a $10,000 investment": prices and personal sums,
                // not what a company is worth or raises.
                metric = .other
            }
            if metric == .marketCap || metric == .valuation, measuresAGap(before: amount) {
                metric = .other
            }
            if !amount.currencyWritten {
                // A bare "3600億" is money only when a cue stands right beside it.
                guard let m = metric, m != .other, let c = cue,
                      (c.lowerBound >= amount.contextEnd && c.lowerBound - amount.contextEnd <= 2)
                        || (c.upperBound <= amount.contextStart && amount.contextStart - c.upperBound <= 4)
                else { return nil }
            }
        }
        let finalMetric = metric ?? .other
        let invested = cue.map { c in hits.contains { $0.range == c && $0.payload == .invest } } ?? false
        var kind = FigureKind.level
        var sign = 1
        if finalMetric == .marketCap || finalMetric == .valuation, let s = changeSign(before: amount) {
            kind = .change
            sign = s
        }
        return Decision(
            metric: finalMetric, cue: cue, kind: kind, sign: sign, invested: invested,
            needsInvestee: invested && !investIsFunding && finalMetric == .funding)
    }

    private struct Found {
        var metric: Metric
        var range: Range<Int>
        var gap: Int
    }

    /// What a cue means here, or nil when it does not apply in this position.
    private func meaning(_ cue: Cue, at range: Range<Int>, rightOfAmount: Bool, gap: Int, amountStart: Int = 0) -> Metric? {
        switch cue {
        case .metric(.marketCap): return isHeld(before: range) ? .other : .marketCap
        case .metric(let m): return m
        case .valuedAt:
            return valuesAThing(before: range) ? .other : .valuation
        case .valuesObject where !rightOfAmount:
            if namesAThing(range.upperBound..<max(range.upperBound, amountStart)) || isTakeover(before: range) { return .other }
            return .valuation
        case .valuesObject:
            return valuesAThing(before: range) ? .other : .valuation
        case .worth:
            if fundsAThing(before: range) { return .funding }  // "a lifeline from SoftBank worth up to $8bn"
            return valuesAThing(before: range) ? .other : .marketCap
        case .invest: return .funding  // spending unless a company receives it: see `needsInvestee`
        case .companyNoun(let m):
            guard rightOfAmount else { return nil }
            return gap <= 1 || modifiesNoun(amountStart: amountStart, amountEnd: range.lowerBound - gap, noun: range) ? m : nil
        case .ipo:
            let between = rightOfAmount ? (range.lowerBound - gap)..<range.lowerBound : range.upperBound..<(range.upperBound + gap)
            return gap <= 12 && !isClauseBreak(between: between.lowerBound, and: between.upperBound) ? .funding : nil
        case .veto: return .other
        case .neutral: return nil
        }
    }

    /// "突破1萬億美元大關", "topped the $1 trillion mark": a line crossed, so a level; in verb-final
    /// languages the verb follows the mark ("1兆円の大台を回復した").
    private func crossesLine(before amount: AmountMention) -> Bool {
        let floor = max(sentence.lowerBound, amount.contextStart - 16)
        for k in stride(from: amount.contextStart, through: floor, by: -1)
        where lexicon.crossings.match(in: folded, at: k, limit: amount.start) != nil {
            return true
        }
        let limit = min(sentence.upperBound, amount.contextEnd + 8)
        for k in amount.contextEnd..<max(amount.contextEnd, limit)
        where lexicon.verbFinal && lexicon.crossings.match(in: folded, at: k, limit: sentence.upperBound) != nil {
            return true
        }
        return false
    }

    /// "a lifeline worth $8bn", "a capital injection worth": money a company receives.
    private func fundsAThing(before range: Range<Int>) -> Bool {
        let floor = max(sentence.lowerBound, range.lowerBound - 60)
        var k = range.lowerBound - 1
        while k >= floor {
            if lexicon.fundingThings.match(in: folded, at: k, limit: range.lowerBound) != nil { return true }
            k -= 1
        }
        return false
    }

    /// Words of a noun phrase between an amount and its head noun: "the $2.8 trillion software maker".
    static let modifierWords = 2

    /// "the $2.8 trillion software maker", "a $40bn Chinese carmaker": an article, the amount, at most
    /// two plain words, the noun. The phrase names the company by its worth.
    private func modifiesNoun(amountStart: Int, amountEnd: Int, noun: Range<Int>) -> Bool {
        guard amountEnd <= noun.lowerBound, noun.lowerBound - amountEnd <= 24 else { return false }
        var b = amountStart
        while b > sentence.lowerBound, CharacterClass.isSpace(raw[b - 1]) { b -= 1 }
        guard lexicon.articles.match(in: folded, endingAt: b, floor: max(sentence.lowerBound, b - 8)) != nil else { return false }
        var words = 0
        var inWord = false
        for k in amountEnd..<noun.lowerBound {
            let c = raw[k]
            if CharacterClass.isSpace(c) { inWord = false; continue }
            guard CharacterClass.isLatinLetter(c) || c == 0x2D else { return false }
            if !inWord { words += 1; inWord = true }
        }
        return words <= Self.modifierWords
    }

    /// "values the stake at": the object of an active valuing verb is a thing.
    private func namesAThing(_ span: Range<Int>) -> Bool {
        for k in span where lexicon.valuedThings.match(in: folded, at: k, limit: span.upperBound) != nil {
            return true
        }
        return false
    }

    /// "exceeds that of Nordwerk by about $50bn", "领先白鹭集团约500亿元": the difference between two
    /// companies' values, which is neither one's figure.
    private func measuresAGap(before amount: AmountMention) -> Bool {
        var steps = 0
        let start = clauseStartBefore(amount.contextStart)
        return start < amount.contextStart
            && !lexicon.gapWords.allMatches(in: folded, range: start..<amount.contextStart, steps: &steps).isEmpty
    }

    /// "its stake in X has a market value of", 保有する株式の時価総額: shares someone holds.
    private func isHeld(before cue: Range<Int>) -> Bool {
        var steps = 0
        let start = clauseStartBefore(cue.lowerBound)
        return start < cue.lowerBound
            && !lexicon.heldThings.allMatches(in: folded, range: start..<cue.lowerBound, steps: &steps).isEmpty
    }

    /// "The buyout values the retailer at": the subject of the valuing verb is a takeover.
    private func isTakeover(before range: Range<Int>) -> Bool {
        let floor = max(clauseStartBefore(range.lowerBound), range.lowerBound - 60)
        for k in floor..<range.lowerBound where lexicon.takeovers.match(in: folded, at: k, limit: range.lowerBound) != nil {
            return true
        }
        return false
    }

    private func clauseStartBefore(_ position: Int) -> Int {
        CharacterClass.clauseStart(in: raw, before: position, floor: max(sentence.lowerBound, position - Self.leftWindow))
    }

    /// "deal valued at", "the stake is worth": the value of a thing, not of a company.
    private func valuesAThing(before range: Range<Int>) -> Bool {
        let floor = max(sentence.lowerBound, range.lowerBound - 60)
        var k = range.lowerBound - 1
        while k >= floor {
            if lexicon.valuedThings.match(in: folded, at: k, limit: range.lowerBound) != nil { return true }
            k -= 1
        }
        return false
    }

    private func isClauseBreak(between a: Int, and b: Int) -> Bool {
        var k = a
        while k < b {
            if CharacterClass.isClauseBreak(raw[k]) || raw[k] == 0x3002 { return true }
            k += 1
        }
        return false
    }

    /// Index of the first hit starting at or after `position` (hits are sorted and disjoint).
    private func firstHit(startingAtOrAfter position: Int) -> Int {
        var low = 0
        var high = hits.count
        while low < high {
            let mid = (low + high) / 2
            if hits[mid].range.lowerBound < position { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The cue right after the amount, before the next amount and the end of the clause.
    private func rightCue(of amount: AmountMention, nextStart: Int) -> Found? {
        let from = amount.contextEnd
        var firstMetric: Found?
        var h = firstHit(startingAtOrAfter: from)
        while h < hits.count {
            let hit = hits[h]
            h += 1
            let gap = hit.range.lowerBound - from
            if gap > Self.rightOtherWindow || hit.range.upperBound > nextStart { break }
            if isClauseBreak(between: from, and: hit.range.lowerBound) { break }
            // A cue nearer the next amount than this one belongs to the next one.
            if nextStart < sentence.upperBound, nextStart - hit.range.upperBound < gap { break }
            // "Die Runde über 200 Mio. Euro bewertet Nordwerk mit 2 Mrd.": an active valuing verb with
            // an amount after it in the clause values that amount's owner; the one before is its subject.
            if hit.payload == .valuesObject, nextStart < sentence.upperBound,
               !isClauseBreak(between: hit.range.upperBound, and: nextStart) { continue }
            guard let m = meaning(hit.payload, at: hit.range, rightOfAmount: true, gap: gap, amountStart: amount.contextStart)
            else { continue }
            if m == .other { return firstMetric ?? Found(metric: .other, range: hit.range, gap: gap) }
            // A metric word right beside the amount names it, whatever follows ("2680亿美元的估值回购").
            if gap <= 3 { return Found(metric: m, range: hit.range, gap: gap) }
            if firstMetric == nil, gap <= Self.rightWindow { firstMetric = Found(metric: m, range: hit.range, gap: gap) }
        }
        return firstMetric
    }

    /// The nearest cue before the amount in the sentence.
    private func leftCue(of amount: AmountMention) -> Found? {
        let to = amount.contextStart
        let floor = max(sentence.lowerBound, to - Self.leftWindow)
        var h = firstHit(startingAtOrAfter: to) - 1
        while h >= 0 {
            let hit = hits[h]
            h -= 1
            if hit.range.upperBound > to { continue }
            if hit.range.upperBound < floor { break }
            let gap = linkedGap(from: hit.range.upperBound, to: to)
            // "Die Bewertung liegt nach der Runde bei 3 Mrd.": a cue inside a phrase of time or
            // circumstance ("nach der Runde", "after the round") names no amount of its own.
            // A verb right before its amount keeps it ("after Nordwerk invested $2bn").
            if to - hit.range.upperBound > 1, inAdjunct(hit.range) { continue }
            guard let m = meaning(hit.payload, at: hit.range, rightOfAmount: false, gap: gap, amountStart: to) else { continue }
            // "The fund raised $2 billion", "银行融资": who raises decides; a fund raising is a fund size.
            if m == .funding, h >= 0, hits[h].payload == .metric(.other), hit.range.lowerBound - hits[h].range.upperBound <= 2 {
                return Found(metric: .other, range: hits[h].range, gap: to - hits[h].range.upperBound)
            }
            return Found(metric: m, range: hit.range, gap: gap)
        }
        return nil
    }

    /// Whether a preposition of time or circumstance opens the phrase the cue ends ("after the
    /// latest round", "nach der Runde"): up to three short words between them, no clause break.
    private func inAdjunct(_ cue: Range<Int>) -> Bool {
        lexicon.adjunctAfter.match(in: folded, at: cue.upperBound, limit: sentence.upperBound) != nil
            || opensPhrase(before: cue, with: lexicon.adjunctPrepositions)
    }

    /// The scalars between a cue and its amount, not counting spaces and linking words ("valuation
    /// of", "Marktwert von", 市值为, 時価総額は), which bind a cue to what follows.
    private func linkedGap(from cueEnd: Int, to amountStart: Int) -> Int {
        var end = amountStart
        while end > cueEnd {
            if CharacterClass.isSpace(raw[end - 1]) { end -= 1; continue }
            guard let link = lexicon.cueLinks.match(in: folded, endingAt: end, floor: cueEnd) else { break }
            end -= link.length
        }
        return end - cueEnd
    }

    /// With nothing either side: a metric cue later in the sentence, with no amount between.
    private func laterCue(of amount: AmountMention, nextStart: Int) -> Found? {
        var h = firstHit(startingAtOrAfter: amount.contextEnd)
        while h < hits.count {
            let hit = hits[h]
            h += 1
            if hit.range.upperBound > nextStart || hit.range.lowerBound - amount.contextEnd > 80
                || isClauseBreak(between: amount.contextEnd, and: hit.range.lowerBound) { return nil }
            guard let m = meaning(hit.payload, at: hit.range, rightOfAmount: true, gap: 99), m != .other else { continue }
            return Found(metric: m, range: hit.range, gap: hit.range.lowerBound - amount.contextEnd)
        }
        return nil
    }

    /// +1/-1 when the amount is a move rather than a level; nil for a level.
    ///
    /// A move is written as a change verb before the amount with only fillers between ("飆升超4000億",
    /// "蒸發了21萬億元", "shed $50 billion", "rose by $5bn"); as a "by" word before it with the verb
    /// elsewhere in the clause ("steigerte seinen Börsenwert um 12 Mrd."); as a percentage move
    /// restated in money ("fell 7%, or about 60 billion yuan"); or, in verb-final languages, as a
    /// change verb right after it ("2兆円増えた"). "rose to", "升至", "auf": a level.
    private func changeSign(before amount: AmountMention) -> Int? {
        if amount.contextStart < amount.start,
           lexicon.levelBounds.match(in: folded, at: amount.contextStart, limit: amount.start) != nil {
            return nil
        }
        if let sign = verbSign(endingAt: amount.contextStart) { return sign }
        // "by"/"um" right before the amount: the verb may stand anywhere in the clause.
        var end = amount.contextStart
        while end > sentence.lowerBound, CharacterClass.isSpace(raw[end - 1]) { end -= 1 }
        if let by = lexicon.byWords.match(in: folded, endingAt: end, floor: max(sentence.lowerBound, end - 4)),
           let sign = clauseVerbSign(around: end - by.length) {
            return sign
        }
        // "fell 7%, or about $60bn": the money restates the percentage move before it.
        if let r = lexicon.restatementBefore.match(in: folded, endingAt: end, floor: max(sentence.lowerBound, end - 16)) {
            var k = end - r.length
            while k > sentence.lowerBound, CharacterClass.isSpace(raw[k - 1]) || raw[k - 1] == 0x2C || raw[k - 1] == 0xFF0C { k -= 1 }
            if k > sentence.lowerBound, raw[k - 1] == 0x25 || raw[k - 1] == 0xFF05 {
                k -= 1
                while k > sentence.lowerBound, CharacterClass.isDigit(raw[k - 1]) || raw[k - 1] == 0x2E || raw[k - 1] == 0x2C { k -= 1 }
                if let sign = verbSign(endingAt: k) { return sign }
            }
            // "has lost nearly a third of its value this year, or some $300bn": the clause's move.
            if let sign = clauseVerbSign(before: k) { return sign }
        }
        // Verb second (German): the verb may stand anywhere before the amount in its clause ("verlor an
        // einem Tag 15 Mrd. Euro an Börsenwert"), unless a link or "auf" makes the amount a level.
        if lexicon.changeVerbSpansClause,
           lexicon.toWords.match(in: folded, endingAt: end, floor: max(sentence.lowerBound, end - 4)) == nil,
           lexicon.cueLinks.match(in: folded, endingAt: end, floor: max(sentence.lowerBound, end - 8)) == nil,
           let sign = clauseVerbSign(before: end) {
            return sign
        }
        // Verb-final: "2兆円増えた", "約3兆円減少した".
        var a = amount.contextEnd
        while a < sentence.upperBound, CharacterClass.isSpace(raw[a]) { a += 1 }
        if let m = lexicon.changeAfter.match(in: folded, at: a, limit: sentence.upperBound) { return m.payload }
        return nil
    }

    /// The sign of a change verb ending at `position`, with only fillers between.
    private func verbSign(endingAt position: Int) -> Int? {
        var end = position
        let floor = max(sentence.lowerBound, end - 40)
        while end > floor {
            while end > floor, CharacterClass.isSpace(raw[end - 1]) { end -= 1 }
            if let verb = lexicon.changeVerbs.match(in: folded, endingAt: end, floor: floor) {
                return verb.payload
            }
            guard let filler = lexicon.changeGapFillers.match(in: folded, endingAt: end, floor: floor) else { return nil }
            end -= filler.length
        }
        return nil
    }

    /// The sign of the nearest change verb before `position` in its clause.
    private func clauseVerbSign(before position: Int) -> Int? {
        var k = position - 1
        let floor = max(sentence.lowerBound, position - 80)
        while k >= floor, !CharacterClass.isClauseBreak(raw[k]) {
            if let verb = lexicon.changeVerbs.match(in: folded, at: k, limit: position) { return verb.payload }
            k -= 1
        }
        return nil
    }

    /// The sign of the nearest change verb in the clause around `position`: before it, else after.
    private func clauseVerbSign(around position: Int) -> Int? {
        if let sign = clauseVerbSign(before: position) { return sign }
        var j = position
        let ceiling = min(sentence.upperBound, position + 80)
        while j < ceiling, !CharacterClass.isClauseBreak(raw[j]) {
            if let verb = lexicon.changeVerbs.match(in: folded, at: j, limit: ceiling) { return verb.payload }
            j += 1
        }
        return nil
    }
}
