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
    let amounts: [AmountMention]

    /// How far before an amount a name may stand and still be its subject.
    static let window = 300

    func best(for index: Int, cue: Range<Int>?, among mentions: [EntityMention]) -> EntityMention? {
        scored(for: index, cue: cue, among: mentions)?.mention
    }

    /// The best mention with its score: 1000 owns the amount ("Microsoft's $3.8 trillion"),
    /// 900-950 owns its cue or benefits from it, below that mere nearness.
    func scored(for index: Int, cue: Range<Int>?, among mentions: [EntityMention]) -> (mention: EntityMention, score: Int)? {
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
        for m in mentions[low...] {
            if m.range.lowerBound > amount.contextEnd + 60 { break }
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
            if gapIsPossessive(from: m.range.upperBound, to: amount.contextStart) {
                score = 1000
            } else if let cue, cue.upperBound <= amount.contextStart, m.range.upperBound <= cue.lowerBound,
                      gapIsPossessive(from: m.range.upperBound, to: cue.lowerBound) {
                score = 900
            } else if isBeneficiary(m, before: amount.contextStart) {
                score = 900
            } else if !hasClauseBreak(from: m.range.upperBound, to: amount.contextStart) {
                score = 500 - min(400, amount.contextStart - m.range.upperBound)
            } else {
                score = 300 - min(250, (amount.contextStart - m.range.upperBound) / 4)
            }
            if isInvestor(m) { score -= 400 }
            if best == nil || score >= best!.1 { best = (m, score) }
        }
        return best.map { ($0.0, $0.1) }
    }

    static let investorMarkers = PhraseMatcher<Bool>(
        ["led by", "by", "from", "including", "backed by", "由", "投资方", "investors", "investor", "backer"].map { ($0, true) })

    /// "a round led by ICONIQ", "from Sequoia", "由红杉领投", "X领投": the money's source, not its owner.
    private func isInvestor(_ m: EntityMention) -> Bool {
        var end = m.range.lowerBound
        while end > sentence.lowerBound, CharacterClass.isSpace(folded[end - 1]) { end -= 1 }
        if Self.investorMarkers.match(in: folded, endingAt: end, floor: max(sentence.lowerBound, end - 12)) != nil {
            return true
        }
        let after = m.range.upperBound
        return after + 1 < sentence.upperBound && folded[after] == 0x9886 && folded[after + 1] == 0x6295  // 领投
    }

    /// Only "'s", 的, 总/總, spaces (and "total") between a name and what it owns.
    private func gapIsPossessive(from a: Int, to b: Int) -> Bool {
        guard b >= a, b - a <= 8 else { return false }
        var k = a
        while k < b {
            let c = folded[k]
            if CharacterClass.isSpace(c) || c == 0x7684 || c == 0x603B { k += 1; continue }  // 的 总
            if c == 0x27, k + 1 < b, folded[k + 1] == 0x73 { k += 2; continue }  // 's
            return false
        }
        return true
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

    /// 为/為 X 带来/帶來 … amount.
    private func isBeneficiary(_ m: EntityMention, before end: Int) -> Bool {
        guard m.range.lowerBound > sentence.lowerBound, folded[m.range.lowerBound - 1] == 0x4E3A else { return false }  // 为
        var k = m.range.upperBound
        let limit = min(end, k + 40)
        while k + 1 < limit {
            if folded[k] == 0x5E26 && folded[k + 1] == 0x6765 { return true }  // 带来
            k += 1
        }
        return false
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
