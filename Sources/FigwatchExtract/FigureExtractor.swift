import FigwatchCore

/// Turns article text into figures: what companies are worth, how that moved, and
/// what they raised (see FIGURES.md for the model and its worked examples).
///
/// ```swift
/// let extractor = FigureExtractor(entities: [Entity(id: "anthropic", name: "Anthropic")])
/// let figures = extractor.figures(in: "Anthropic官宣完成130億美元F輪融資，投後估值1830億美元。")
/// // funding 13000000000 USD, valuation 183000000000 USD, both entity "anthropic"
/// ```
///
/// Pure and `Sendable`: no I/O, no shared state, safe to call from any task. Work is
/// linear in the text: sentences are cut at 1,000 scalars and every window is bounded.
public struct FigureExtractor: Sendable {
    /// What one text gave: its figures, and the sentences passed over for want of a lexicon.
    public struct Extraction: Sendable {
        public var figures: [Figure] = []
        /// Sentences with digits in a language figwatch has no lexicon for, by language code
        /// (`fr`, `es`, `ko` ...): they yield no figures, and a caller may say so once.
        public var unreadSentences: [String: Int] = [:]
    }

    /// Languages the extractor reads.
    public static let supportedLanguages = LanguageLexicon.supported

    let matcher: EntityMatcher

    /// - Parameter entities: the watchlist; figures name the entity whose metric they are.
    public init(entities: [Entity] = []) {
        matcher = EntityMatcher(entities: entities)
    }

    /// The figures in `text`, in document order.
    /// - Parameter hints: what the page and the source's configuration say about the document
    ///   (declared language, host, currency, region); see `DocumentHints`.
    /// - Parameter includeOther: also return amounts of money that are none of the
    ///   metrics (prices, revenue, deals ...) as `metric == .other`.
    public func figures(in text: String, hints: DocumentHints = DocumentHints(), includeOther: Bool = false) -> [Figure] {
        extract(text, hints: hints, includeOther: includeOther).figures
    }

    /// The figures in `text`, with what the extractor could not read.
    public func extract(_ text: String, hints: DocumentHints = DocumentHints(), includeOther: Bool = false) -> Extraction {
        var steps = 0
        return extract(text, hints: hints, includeOther: includeOther, steps: &steps)
    }

    /// As `extract(_:hints:includeOther:)`, counting elementary steps into `steps` so tests
    /// can check that work grows linearly with the input.
    func figures(in text: String, hints: DocumentHints = DocumentHints(), includeOther: Bool, steps: inout Int) -> [Figure] {
        extract(text, hints: hints, includeOther: includeOther, steps: &steps).figures
    }

    func extract(_ text: String, hints: DocumentHints, includeOther: Bool, steps: inout Int) -> Extraction {
        let raw = CharacterClass.scalars(of: text)
        steps += raw.count
        var folded = raw
        var document = DocumentContext(raw: raw, hints: hints)

        var result = Extraction()
        var pending: [Int] = []  // indices of figures whose currency is unknown
        var offset = 0
        var offsetIndex = 0
        var previousMetric: Metric?  // of the last figure of the sentence before, for ellipsis

        for sentence in SentenceSplitter.sentences(in: raw, steps: &steps) {
            guard Self.mayHoldAmount(raw, sentence, steps: &steps) else { continue }
            ScriptFolding.fold(raw, into: &folded, range: sentence)
            steps += sentence.count
            var lang = LanguageGuess.language(of: raw, folded: folded, range: sentence)
            steps += sentence.count
            guard let lexicon = LanguageLexicon.forLanguage(lang) else {
                // No lexicon, no guessing: count what was passed over so the caller can say so.
                if Self.hasDigits(raw, sentence) { result.unreadSentences[lang, default: 0] += 1 }
                continue
            }

            var amounts = AmountScanner(raw: raw, folded: folded, range: sentence, lexicon: lexicon).scan(steps: &steps)
            guard !amounts.isEmpty else { continue }
            if lang == "zh" {
                lang = LanguageGuess.chineseScript(of: raw, range: sentence) { document.chineseScript() }
                steps += sentence.count
            }
            let context = document.currencyContext(lang: lang, lexicon: lexicon, folded: folded, sentence: sentence)
            for k in amounts.indices { amounts[k].resolveCurrency(context) }
            for a in amounts {
                if let code = a.currency { document.record(a.value, code) }
                if let alt = a.alternate, let code = alt.currency { document.record(alt.value, code) }
            }

            let classifier = MetricClassifier(
                raw: raw, folded: folded, sentence: sentence, lexicon: lexicon, amounts: amounts, steps: &steps)
            // "up to $5 billion and $10 billion": a bound before a pair of amounts bounds both.
            for index in amounts.indices.dropFirst() where amounts[index].bound == .exact && amounts[index - 1].bound != .exact
                && !amounts[index].isRangeHigh
                && amounts[index - 1].contextEnd <= amounts[index].contextStart
                && Self.onlyJoins(amounts[index - 1].contextEnd..<amounts[index].contextStart, raw: raw, folded: folded, lexicon: lexicon) {
                amounts[index].bound = amounts[index - 1].bound
            }
            // "約30億美元，折合新台幣近千億元": the restatement is the figure's alternate.
            for index in amounts.indices.dropFirst() where amounts[index - 1].alternate == nil && classifier.restatesPrevious(index) {
                let r = amounts[index]
                amounts[index - 1].alternate = Alternate(value: r.value, currency: r.currency, bound: r.bound)
            }
            var decisions: [(Int, MetricClassifier.Decision)] = []
            var uncued: [Int] = []  // amounts with no cue at all, for an elided one ("Mastercard's is $520bn")
            for index in amounts.indices {
                steps += 1
                guard let d = classifier.decide(index) else { continue }
                if d.metric == .other, d.cue == nil, previousMetric != nil { uncued.append(index); continue }
                guard includeOther || d.metric != .other else { continue }
                decisions.append((index, d))
            }
            let previous = previousMetric
            previousMetric = nil
            guard !decisions.isEmpty || !uncued.isEmpty else { continue }

            let watched = matcher.watched(in: folded, range: sentence, lexicon: lexicon, steps: &steps)
            let names = EntityMatcher.names(in: raw, folded: folded, range: sentence, lexicon: lexicon)
            let attribution = Attribution(raw: raw, folded: folded, sentence: sentence, lexicon: lexicon, amounts: amounts)
            // "Visa is worth $680bn. Mastercard's is $520bn.": an amount a name owns outright, in a
            // sentence right after a figure, takes that figure's metric; with no owner it stays other.
            for index in uncued {
                let owned = [watched, names].contains { (attribution.scored(for: index, cue: nil, among: $0)?.score ?? 0) >= 1000 }
                if owned, let metric = previous {
                    decisions.append((index, MetricClassifier.Decision(metric: metric, cue: nil, kind: .level, sign: 1)))
                } else if includeOther {
                    decisions.append((index, MetricClassifier.Decision(metric: .other, cue: nil, kind: .level, sign: 1)))
                }
            }
            decisions.sort { $0.0 < $1.0 }
            guard !decisions.isEmpty else { continue }
            let status = StatusClassifier(raw: raw, folded: folded, sentence: sentence, lexicon: lexicon, amounts: amounts)
            let respective = Self.respectiveOwners(
                decisions: decisions, amounts: amounts, watched: watched, names: names, lexicon: lexicon, folded: folded,
                sentence: sentence, steps: &steps)
            let sentenceText = Self.string(raw, sentence)

            for (index, decision) in decisions {
                let amount = amounts[index]
                // UTF-8 offset of the amount: advance the running counter (monotonic in document order).
                while offsetIndex < amount.start {
                    offset += CharacterClass.utf8Length(raw[offsetIndex])
                    offsetIndex += 1
                }
                steps += 1
                var entityID: String?
                var entityText: String?
                let watchedBest = attribution.scored(for: index, cue: decision.cue, invested: decision.invested, among: watched)
                let otherBest = attribution.scored(for: index, cue: decision.cue, invested: decision.invested, among: names)
                // "invests $10bn in new factories", "in Texas": money spent, unless a watched company receives it.
                if decision.needsInvestee, watchedBest?.score != Attribution.investeeScore {
                    // An unwatched company may receive it ("invest \$5bn in Intel"); a place does not.
                    guard let other = otherBest, other.score == Attribution.investeeScore,
                          lexicon.places.match(in: folded, at: other.mention.range.lowerBound, limit: other.mention.range.upperBound)?.length
                            != other.mention.range.count
                    else { continue }
                }
                // An unwatched company that owns the amount or its cue ("just ahead of Microsoft's
                // $3.8 trillion") takes it from a watched one that is merely nearby: a false figure
                // for the watched company would become a false alert.
                if Self.isCombined(amount, watched: watched, names: names, lexicon: lexicon, raw: raw, folded: folded, sentence: sentence) {
                    // "a combined $120bn", 合计逾5兆元: the sum of several companies' values, no one's figure.
                } else if let owner = respective[index] {
                    entityID = owner.entity.map { matcher.entities[$0].id }
                    entityText = Self.string(raw, owner.range)
                } else if let other = otherBest, other.score >= 900, other.score > (watchedBest?.score ?? Int.min),
                   !watched.contains(where: { $0.range.overlaps(other.mention.range) }) {
                    entityText = Self.string(raw, other.mention.range)
                } else if let m = watchedBest?.mention {
                    entityID = m.entity.map { matcher.entities[$0].id }
                    entityText = Self.string(raw, m.range)
                } else if let m = otherBest?.mention {
                    entityText = Self.string(raw, m.range)
                } else if lang.hasPrefix("zh"), decision.metric != .other, let cue = decision.cue,
                          cue.upperBound <= amount.contextStart,
                          let m = EntityMatcher.chineseOwner(raw: raw, folded: folded, sentence: sentence, cue: cue, lexicon: lexicon) {
                    entityText = Self.string(raw, m.range)
                } else if lang == "ja", decision.metric != .other, let cue = decision.cue, cue.upperBound <= amount.contextStart,
                          let m = EntityMatcher.japaneseOwner(raw: raw, folded: folded, sentence: sentence, cue: cue, lexicon: lexicon) {
                    entityText = Self.string(raw, m.range)  // "東証プライム市場の時価総額": a market, named
                }
                if entityID == nil, decision.metric == .funding,
                   Self.isAggregate(amount, among: watched + names, lexicon: lexicon, raw: raw, folded: folded, sentence: sentence) {
                    continue  // "Start-ups in Europe raised $30bn": a total over many companies
                }
                var value = amount.value
                if decision.kind == .change, decision.sign < 0 { value = value.negated }
                var currency = amount.currency
                var currencyInferred = amount.currencyInferred
                if currency == nil, let id = entityID, let listed = matcher.currency(of: id),
                   amount.currencyWord == nil || amount.currencyWord == .yuan {
                    // 元 or a bare 億 in a page that does not say where it was written: the company's own currency.
                    currency = listed
                    currencyInferred = true
                } else if amount.currencyWord == .yenSign, let id = entityID, let listed = matcher.currency(of: id),
                          listed == "CNY" || listed == "JPY", listed != currency {
                    // ¥ is the yuan or the yen: the company's own currency settles which.
                    currency = listed
                    currencyInferred = true
                } else if currency == nil, amount.currencyWord == .yuan, lang == "zh-Hant" {
                    // 元 in Traditional Chinese with nothing else to go by: Taiwan publishes most of it.
                    currency = "TWD"
                    currencyInferred = true
                }
                let figure = Figure(
                    entity: entityID, entityText: entityText, metric: decision.metric, kind: decision.kind,
                    value: value, currency: currency, currencyInferred: currencyInferred,
                    bound: amount.bound, alternates: amount.alternate.map { [$0] } ?? [],
                    text: Self.string(raw, amount.start..<amount.end), sentence: sentenceText, offset: offset,
                    lang: lang, status: status.status(of: index, kind: decision.kind))
                // A bare amount may take its currency from the document; a written 元 only a yuan's.
                if figure.currency == nil, amount.currencyWord == nil { pending.append(result.figures.count) }
                result.figures.append(figure)
                if figure.metric != .other { previousMetric = figure.metric }
            }
        }
        for index in pending {
            if let (code, _) = document.inferredCurrency(for: result.figures[index].value.magnitude) {
                result.figures[index].currency = code
                result.figures[index].currencyInferred = true
            }
        }
        return result
    }

    /// "白鹭集团与蓝鸟科技的市值分别为2100亿元和1500亿元", "A and B were valued at $3bn and $5bn,
    /// respectively": with a word of "respectively", as many names before the first figure as there
    /// are figures, each name owns the figure in its place.
    static func respectiveOwners(
        decisions: [(Int, MetricClassifier.Decision)], amounts: [AmountMention], watched: [EntityMention],
        names: [EntityMention], lexicon: LanguageLexicon, folded: [UInt32], sentence: Range<Int>, steps: inout Int
    ) -> [Int: EntityMention] {
        // Money put in goes to the investee, not to each investor in turn.
        let figures = decisions.filter { $0.1.metric != .other && !$0.1.invested }.map(\.0)
        guard figures.count >= 2,
              !lexicon.respectively.allMatches(in: folded, range: sentence, steps: &steps).isEmpty else { return [:] }
        let owners = Self.companies(before: amounts[figures[0]].contextStart, watched: watched, names: names)
        guard owners.count == figures.count else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(figures, owners))
    }

    /// The companies named before `position`, in order: watched mentions, and unwatched names that do not
    /// overlap one.
    static func companies(before position: Int, watched: [EntityMention], names: [EntityMention]) -> [EntityMention] {
        var owners = watched.filter { $0.range.upperBound <= position }
        for n in names where n.range.upperBound <= position && !owners.contains(where: { $0.range.overlaps(n.range) }) {
            owners.append(n)
        }
        return owners.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// A word of summing in the amount's clause, before it or just after its cue, with two names or
    /// more before the amount.
    static func isCombined(
        _ amount: AmountMention, watched: [EntityMention], names: [EntityMention], lexicon: LanguageLexicon,
        raw: [UInt32], folded: [UInt32], sentence: Range<Int>
    ) -> Bool {
        let start = CharacterClass.clauseStart(
            in: raw, before: amount.contextStart, floor: max(sentence.lowerBound, amount.contextStart - Self.clauseReach))
        var steps = 0
        guard start < amount.contextStart,
              !lexicon.combinedWords.allMatches(in: folded, range: start..<amount.contextStart, steps: &steps).isEmpty
        else { return false }
        return Self.companies(before: amount.contextStart, watched: watched, names: names).count >= 2
            || !lexicon.aggregateSubjects.allMatches(in: folded, range: start..<amount.contextStart, steps: &steps).isEmpty
    }

    /// How far back a clause is read for words that qualify an amount: work per amount stays bounded
    /// on a page that is one endless clause.
    static let clauseReach = 300

    /// Only spaces and one "and" (and, und, 和, と) between two amounts.
    static func onlyJoins(_ gap: Range<Int>, raw: [UInt32], folded: [UInt32], lexicon: LanguageLexicon) -> Bool {
        var k = gap.lowerBound
        var joined = false
        while k < gap.upperBound {
            if CharacterClass.isSpace(raw[k]) { k += 1; continue }
            guard !joined, let joiner = lexicon.pairJoiners.match(in: folded, at: k, limit: gap.upperBound) else { return false }
            joined = true
            k += joiner.length
        }
        return joined
    }

    /// A plural company noun before the amount in its clause, and no company named between them
    /// (a name after "in" is a place or a destination): money summed over many.
    static func isAggregate(
        _ amount: AmountMention, among mentions: [EntityMention], lexicon: LanguageLexicon, raw: [UInt32], folded: [UInt32],
        sentence: Range<Int>
    ) -> Bool {
        let start = CharacterClass.clauseStart(
            in: raw, before: amount.contextStart, floor: max(sentence.lowerBound, amount.contextStart - Self.clauseReach))
        var steps = 0
        guard start < amount.contextStart,
              let subject = lexicon.aggregateSubjects.allMatches(in: folded, range: start..<amount.contextStart, steps: &steps).last
        else { return false }
        return !mentions.contains { m in
            guard m.range.lowerBound >= subject.range.upperBound, m.range.upperBound <= amount.contextStart else { return false }
            var b = m.range.lowerBound
            while b > sentence.lowerBound, CharacterClass.isSpace(raw[b - 1]) { b -= 1 }
            return lexicon.investeeBefore.match(in: folded, endingAt: b, floor: max(sentence.lowerBound, b - 4)) == nil
        }
    }

    static func hasDigits(_ raw: [UInt32], _ range: Range<Int>) -> Bool {
        range.contains { CharacterClass.isDigit(raw[$0]) }
    }

    /// Cheap pre-check: only sentences with a digit, a Chinese scale or a currency sign can hold an amount.
    static func mayHoldAmount(_ raw: [UInt32], _ range: Range<Int>, steps: inout Int) -> Bool {
        steps += range.count
        for k in range {
            let c = raw[k]
            if c < 0x80 {
                if c >= 0x30 && c <= 0x39 { return true }
                // "half a trillion"
                if c == 0x68 || c == 0x48, k + 3 < range.upperBound, raw[k + 1] == 0x61, raw[k + 2] == 0x6C, raw[k + 3] == 0x66 {
                    return true
                }
                continue
            }
            switch c {
            case 0xFF10...0xFF19, 0x4E07, 0x842C, 0x4EBF, 0x5104, 0x5146, 0x5143, 0x5706, 0x5713: return true
            default: continue
            }
        }
        return false
    }

    static func string(_ raw: [UInt32], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        for k in range { if let s = Unicode.Scalar(raw[k]) { view.append(s) } }
        return String(view)
    }
}
