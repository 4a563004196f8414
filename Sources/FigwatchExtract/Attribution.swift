/// Picks the company an amount belongs to, by the grammar of the sentence rather
/// than mere nearness.
///
/// In order: the possessor of the amount ("Exxon Mobil's $358 billion", "阿里的3600億"),
/// the possessor of its cue ("Nvidia's market cap", "阿里巴巴市值"), the beneficiary of
/// 为…带来, then the nearest name before it in its clause, then earlier in the sentence.
/// A name that owns a different amount is never given this one, and names after the
/// amount are not its subject (unless they own the cue that follows it).
struct Attribution {
    let raw: [UInt32]
    let folded: [UInt32]
    let sentence: Range<Int>
    let lexicon: LanguageLexicon
    let amounts: [AmountMention]

    /// How far before an amount a name may stand and still be its subject.
    static let window = 300
    /// The score of a name money is put into ("invest $5bn in Intel", 向X注资, Xに出資).
    static let investeeScore = 980

    /// The best mention with its score: 1000 owns the amount ("Microsoft's $3.8 trillion"),
    /// 900-950 owns its cue or benefits from it, below that mere nearness.
    /// - Parameter invested: the figure is money put into a company ("invest", 投资), so a name after
    ///   "in" receives it and names before it are the investors.
    func scored(for index: Int, cue: Range<Int>?, invested: Bool = false, among mentions: [EntityMention]) -> (mention: EntityMention, score: Int)? {
        let amount = amounts[index]
        var best: (EntityMention, Int)?
        // Only names within a bounded window can be chosen, so work per amount is bounded.
        var low = 0
        var high = mentions.count
        let windowStart = amount.contextStart - Self.window
        while low < high {
            let mid = (low + high) / 2
            if mentions[mid].range.lowerBound < windowStart { low = mid + 1 } else { high = mid }
        }
        // A cue in an earlier clause than its amount, with another name in the amount's own clause:
        // "Nordwerk's market value rose to $150bn, while Larkspur's fell to $90bn" (an elided cue).
        let cueOwnerScore = cueIsElided(cue, amount: amount, among: mentions) ? 0 : 1
        if let named = anaphoricName(before: amount, among: mentions) { return (named, 990) }
        let continued = subjectContinues(before: amount, among: mentions)
        for m in mentions[low...] {
            if m.range.lowerBound > amount.contextEnd + 60 { break }
            if invested, m.range.lowerBound >= amount.contextEnd, isInvestee(m, after: amount, cue: cue) {
                if best == nil || Self.investeeScore >= best!.1 { best = (m, Self.investeeScore) }
                continue
            }
            // 向蓝鸟科技注资20亿元, ノードワークに約500億円を出資: the investee named before the amount.
            if invested, m.range.upperBound <= amount.contextStart, isMarkedInvestee(m),
               !hasClauseBreak(from: m.range.upperBound, to: amount.contextStart) {
                if best == nil || Self.investeeScore >= best!.1 { best = (m, Self.investeeScore) }
                continue
            }
            // "the market value of Nvidia", "der Börsenwert von SAP": the owner written after its cue.
            if let cue, m.range.lowerBound >= cue.upperBound, ownsCueAfter(m, cue: cue),
               !hasClauseBreak(from: min(cue.upperBound, amount.contextStart), to: m.range.lowerBound) || m.range.lowerBound < amount.contextStart {
                let score = cueOwnerScore == 1 ? 940 : 200
                if best == nil || score >= best!.1 { best = (m, score) }
                continue
            }
            // "$90 billion of Tesla's market value": the owner of a cue that follows the amount.
            if m.range.lowerBound >= amount.contextEnd, let cue, cue.lowerBound >= m.range.upperBound,
               m.possessive, gapIsPossessive(from: m.range.upperBound, to: cue.lowerBound),
               !hasClauseBreak(from: amount.contextEnd, to: m.range.lowerBound) {
                if best == nil || 950 >= best!.1 { best = (m, 950) }
                continue
            }
            guard m.range.upperBound <= amount.contextStart else { continue }
            if ownsOtherAmount(m, except: index) { continue }
            var score: Int
            if gapIsPossessive(from: m.range.upperBound, to: amount.contextStart)
                || isParenthesised(from: m.range.upperBound, to: amount.contextStart) {
                score = 1000
            } else if let cue, cue.upperBound <= amount.contextStart, isAppositive(m, cue: cue) {
                score = 960  // "passing Kestrel, valued at $2.3tn": the name the comma attaches the cue to
            } else if opensRelativeClause(after: m, holding: amount) {
                score = 960  // "overtook Nordwerk, whose market value slipped to"
            } else if let cue, cue.upperBound <= amount.contextStart, m.range.upperBound <= cue.lowerBound,
                      gapIsPossessive(from: m.range.upperBound, to: cue.lowerBound) {
                score = cueOwnerScore == 1 ? 900 : 200
            } else if isBeneficiary(m, before: amount.contextStart) {
                score = 900
            } else if !hasClauseBreak(from: m.range.upperBound, to: amount.contextStart) {
                score = 500 - min(400, amount.contextStart - m.range.upperBound)
            } else {
                score = 300 - min(250, (amount.contextStart - m.range.upperBound) / 4)
                // A name that opens its clause is its subject ("Nordwerk, an investor in Larkspur, is
                // itself valued at"): it outranks one inside a phrase.
                if opensClause(m) { score += 100 }
            }
            // "SAP überholte Siemens und ist nun 300 Mrd. Euro wert": the subject's second verb.
            if continued, m.range.lowerBound == mentions.first?.range.lowerBound, opensClause(m) { score = max(score, 700) }
            if isInvestor(m) { score = min(score - 400, 100) }
            if best == nil || score >= best!.1 { best = (m, score) }
        }
        if best == nil, let subject = frontedSubject(of: index, cue: cue, among: mentions[low...]) { best = (subject, 600) }
        return best.map { ($0.0, $0.1) }
    }

    /// How far after an amount the name it describes may start when no name stands before it.
    static let frontedReach = 24
    /// How much may stand before a fronted phrase's cue (or amount): "With a", "Mit einem", nothing.
    static let frontedLead = 12

    /// An amount before every name of its sentence describes the name that follows it: the subject
    /// after an opening phrase ("With a market value of $230bn, Larkspur is", "Mit einem Börsenwert
    /// von 230 Mrd. Euro ist Nordwerk") or the noun a modifier qualifies ("估值达450亿美元的蓝鸟科技",
    /// "時価総額3兆円のノードワーク", "die mit 3 Mrd. Euro bewertete Nordwerk").
    /// The phrase must open the sentence: "東証プライム市場の時価総額は…を超え、X" names its owner first.
    private func frontedSubject(of index: Int, cue: Range<Int>?, among mentions: ArraySlice<EntityMention>) -> EntityMention? {
        let amount = amounts[index]
        let opening = cue.map { $0.upperBound <= amount.contextStart ? $0.lowerBound : amount.contextStart } ?? amount.contextStart
        guard opening - sentence.lowerBound <= Self.frontedLead else { return nil }
        let nextAmount = index + 1 < amounts.count ? amounts[index + 1].contextStart : sentence.upperBound
        for m in mentions {
            if m.range.upperBound <= amount.contextStart { return nil }  // a name before it: not fronted
            guard m.range.lowerBound >= amount.contextEnd else { continue }
            guard m.range.lowerBound - amount.contextEnd <= Self.frontedReach, m.range.lowerBound < nextAmount,
                  !isInvestor(m), joinsFronted(from: amount.contextEnd, to: m.range.lowerBound) else { return nil }
            return m
        }
        return nil
    }

    /// A continuing verb of the subject between the last name before the amount and the amount.
    private func subjectContinues(before amount: AmountMention, among mentions: [EntityMention]) -> Bool {
        guard let last = mentions.last(where: { $0.range.upperBound <= amount.contextStart }),
              mentions.first.map({ $0.range.lowerBound < last.range.lowerBound }) == true else { return false }
        let from = max(last.range.upperBound, amount.contextStart - Self.window)
        var steps = 0
        return from < amount.contextStart
            && !lexicon.subjectContinuers.allMatches(in: folded, range: from..<amount.contextStart, steps: &steps).isEmpty
    }

    /// "超越微软和苹果，后者市值为3.1万亿美元", "the latter is worth": the name the word points back to,
    /// when it stands in the amount's clause.
    private func anaphoricName(before amount: AmountMention, among mentions: [EntityMention]) -> EntityMention? {
        let clause = CharacterClass.clauseStart(
            in: raw, before: amount.contextStart, floor: max(sentence.lowerBound, amount.contextStart - Self.window))
        var steps = 0
        guard clause < amount.contextStart,
              let word = lexicon.anaphora.allMatches(in: folded, range: clause..<amount.contextStart, steps: &steps).first
        else { return nil }
        let earlier = mentions.filter { $0.range.upperBound <= word.range.lowerBound }
        let wanted = word.payload ? earlier.count - 1 : earlier.count - 2
        return wanted >= 0 ? earlier[wanted] : nil
    }

    /// The name, a comma, a relative word, and the amount later in that clause.
    private func opensRelativeClause(after m: EntityMention, holding amount: AmountMention) -> Bool {
        var k = m.range.upperBound
        guard k < amount.contextStart, raw[k] == 0x2C || raw[k] == 0xFF0C else { return false }
        k += 1
        while k < amount.contextStart, CharacterClass.isSpace(raw[k]) { k += 1 }
        guard let word = lexicon.relativeOwners.match(in: folded, at: k, limit: amount.contextStart) else { return false }
        return !hasClauseBreak(from: k + word.length, to: amount.contextStart)
    }

    private func opensClause(_ m: EntityMention) -> Bool {
        var k = m.range.lowerBound
        while k > sentence.lowerBound, CharacterClass.isSpace(raw[k - 1]) { k -= 1 }
        return k == sentence.lowerBound || CharacterClass.isClauseBreak(raw[k - 1])
    }

    /// Whether the amount's cue stands in an earlier clause and a name stands in the amount's own clause.
    private func cueIsElided(_ cue: Range<Int>?, amount: AmountMention, among mentions: [EntityMention]) -> Bool {
        guard let cue, cue.upperBound <= amount.contextStart else { return false }
        let clause = CharacterClass.clauseStart(in: raw, before: amount.contextStart, floor: cue.upperBound)
        guard clause > cue.upperBound else { return false }
        return mentions.contains { $0.range.lowerBound >= clause && $0.range.upperBound <= amount.contextStart }
    }

    /// 向X, 对X before the name, or Xに after it: the company money goes into.
    private func isMarkedInvestee(_ m: EntityMention) -> Bool {
        if let before = lexicon.investeeAroundName.match(in: folded, endingAt: m.range.lowerBound, floor: max(sentence.lowerBound, m.range.lowerBound - 2)),
           before.payload {
            return true
        }
        if let after = lexicon.investeeAroundName.match(in: folded, at: m.range.upperBound, limit: sentence.upperBound), !after.payload {
            return true
        }
        return false
    }

    /// "a round led by ICONIQ", "from Sequoia", "由红杉领投", "X领投": the money's source, not its owner.
    private func isInvestor(_ m: EntityMention) -> Bool {
        var end = m.range.lowerBound
        while end > sentence.lowerBound, CharacterClass.isSpace(folded[end - 1]) { end -= 1 }
        if lexicon.investorBefore.match(in: folded, endingAt: end, floor: max(sentence.lowerBound, end - 24)) != nil {
            return true
        }
        var after = m.range.upperBound
        while after < sentence.upperBound, CharacterClass.isSpace(folded[after]) { after += 1 }
        return lexicon.investorAfter.match(in: folded, at: after, limit: sentence.upperBound) != nil
    }

    /// "of", "von", "der" (and an article) between a cue and the name after it.
    private func ownsCueAfter(_ m: EntityMention, cue: Range<Int>) -> Bool {
        var k = cue.upperBound
        while k < m.range.lowerBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        guard let marker = lexicon.ownerAfterCue.match(in: folded, at: k, limit: m.range.lowerBound) else { return false }
        k += marker.length
        while k < m.range.lowerBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        return m.range.lowerBound - k <= 4  // "of the", "der"
    }

    /// Only possessive markers ("'s", 的, の), copulas (为, は, "is") and spaces between a name and
    /// what it owns: "Meta's $1.8tn", "微软为3.7万亿美元", "マイクロソフトは3兆9000億ドル".
    private func gapIsPossessive(from a: Int, to b: Int) -> Bool {
        guard b >= a, b - a <= 8 else { return false }
        var k = a
        while k < b {
            if CharacterClass.isSpace(folded[k]) { k += 1; continue }
            guard let m = lexicon.possessives.match(in: folded, at: k, limit: b) ?? lexicon.copulas.match(in: folded, at: k, limit: b)
            else { return false }
            k += m.length
        }
        return true
    }

    /// The name, a comma, then the cue: "Kestrel Labs, valued at", "Nvidia, worth".
    private func isAppositive(_ m: EntityMention, cue: Range<Int>) -> Bool {
        var k = m.range.upperBound
        guard k < cue.lowerBound, raw[k] == 0x2C || raw[k] == 0xFF0C else { return false }
        k += 1
        while k < cue.lowerBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        return k == cue.lowerBound
    }

    /// "overtaking Nordwerk ($2.9tn)", "白鹭集团（約2兆円）": an amount in brackets right after a name is its own.
    private func isParenthesised(from a: Int, to b: Int) -> Bool {
        var opened = false
        for k in a..<max(a, b) {
            if raw[k] == 0x28 || raw[k] == 0xFF08 {
                if opened { return false }
                opened = true
            } else if !CharacterClass.isSpace(raw[k]) {
                return false
            }
        }
        return opened
    }

    /// "invest $5bn in Intel", "a $200m investment in Larkspur": a name right after the amount (or its
    /// cue) and an investee marker receives it.
    private func isInvestee(_ m: EntityMention, after amount: AmountMention, cue: Range<Int>?) -> Bool {
        var k = amount.contextEnd
        while k < m.range.lowerBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        if let cue, cue.lowerBound == k, cue.upperBound <= m.range.lowerBound {
            k = cue.upperBound
            while k < m.range.lowerBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        }
        // "invest up to $5bn and $10bn respectively in Anthropic": past the other amounts of the list.
        var moved = true
        while moved, k < m.range.lowerBound {
            moved = false
            if let next = amounts.first(where: { $0.contextStart == k }) {
                k = next.contextEnd
                moved = true
            } else if let joiner = lexicon.rangeJoinersNeedingOpener.match(in: folded, at: k, limit: m.range.lowerBound)
                        ?? lexicon.respectively.match(in: folded, at: k, limit: m.range.lowerBound) {
                k += joiner.length
                moved = true
            } else if raw[k] == 0x2C {
                k += 1
                moved = true
            }
            while k < m.range.lowerBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        }
        guard let marker = lexicon.investeeBefore.match(in: folded, at: k, limit: m.range.lowerBound) else { return false }
        k += marker.length
        while k < m.range.lowerBound, CharacterClass.isSpace(raw[k]) { k += 1 }
        return k == m.range.lowerBound || m.range.lowerBound - k <= 4 && !hasClauseBreak(from: k, to: m.range.lowerBound)
    }

    private func ownsOtherAmount(_ m: EntityMention, except index: Int) -> Bool {
        guard m.possessive else { return false }
        var low = 0
        var high = amounts.count
        while low < high {
            let mid = (low + high) / 2
            if amounts[mid].contextStart < m.range.upperBound { low = mid + 1 } else { high = mid }
        }
        guard low < amounts.count, low != index else { return false }
        return gapIsPossessive(from: m.range.upperBound, to: amounts[low].contextStart)
    }

    /// 为 X 带来 … amount: X receives what the verb brings.
    private func isBeneficiary(_ m: EntityMention, before end: Int) -> Bool {
        guard lexicon.beneficiaryBefore.match(in: folded, endingAt: m.range.lowerBound, floor: max(sentence.lowerBound, m.range.lowerBound - 2)) != nil
        else { return false }
        var k = m.range.upperBound
        let limit = min(end, k + 40)
        while k < limit {
            if lexicon.beneficiaryVerbs.match(in: folded, at: k, limit: limit) != nil { return true }
            k += 1
        }
        return false
    }

    /// Between a fronted amount and its name: a comma alone (", Larkspur is") or a short link in
    /// one clause (" ist ", 的, の, を超える, "bewertete"); never the end of a clause with words of its own
    /// ("…に増え、トヨタは" starts another clause about another subject).
    private func joinsFronted(from a: Int, to b: Int) -> Bool {
        var letters = 0
        var sawBreak = false
        for k in a..<b {
            if CharacterClass.isClauseBreak(raw[k]) {
                if sawBreak || letters > 0 { return false }
                sawBreak = true
            } else if !CharacterClass.isSpace(raw[k]) {
                if sawBreak { return false }
                letters += 1
            }
        }
        return letters <= 10
    }

    private func hasClauseBreak(from a: Int, to b: Int) -> Bool {
        var k = a
        while k < b {
            if CharacterClass.isClauseBreak(raw[k]) { return true }
            k += 1
        }
        return false
    }
}
