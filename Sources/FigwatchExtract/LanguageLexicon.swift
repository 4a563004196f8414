import FigwatchCore

/// Everything the extractor knows about one language, as data: the words that name a metric,
/// move a value, bound it, date it or make it an expectation; how numbers are written; the
/// currency words and the counters that make a number a count.
///
/// The grammar (`AmountScanner`, `MetricClassifier`, `Attribution`, `StatusClassifier`) holds the
/// mechanism and reads a sentence's lexicon; it names no word of any language. Adding a language
/// means writing a `LexiconWords` for it (see `Lexicon+English.swift` and its siblings), listing it
/// in `LanguageLexicon.forLanguage(_:)`, and adding its sentences to the tests. A sentence in a language with no
/// lexicon yields no figures: guessing at the numbers of a language nobody described is how a
/// thousandfold error gets into a series.
///
/// Entries are folded (`ScriptFolding`) when the matchers are built, so a Chinese entry matches
/// both scripts and a Latin entry any case; a trailing `*` makes a Latin entry a prefix.
///
/// A class, built once per language and shared: the grammar's per-sentence values hold a reference,
/// not a copy of some forty tables (a copy costs a retain for each, measured at half the throughput).
final class LanguageLexicon: Sendable {
    /// How digits are grouped and where the fraction starts.
    enum NumberFormat: Sendable {
        /// `1,200.5`: English, Chinese, Japanese.
        case pointDecimal
        /// `1.200,5`: German.
        case commaDecimal
    }

    let code: String
    let numberFormat: NumberFormat
    /// Whether a run of capitalised words is a name (English), or every noun is capitalised (German).
    let capitalisedNames: Bool
    /// Whether an expectation scopes over the whole sentence before the amount (Chinese: "拟发行A股，
    /// 募集资金不超过400亿元") or only over its own clause (English, German).
    let forecastSpansSentence: Bool
    /// Whether a change verb anywhere before the amount in its clause makes it a move (German puts
    /// the verb second and the amount later: "verlor an einem Tag 15 Mrd. Euro").
    let changeVerbSpansClause: Bool
    /// Whether verbs follow their objects (Japanese): a crossing verb after a mark ("1兆円の大台を回復").
    let verbFinal: Bool
    let scaleWords: PhraseMatcher<(Int, Bool)>
    let currencyBefore: PhraseMatcher<CurrencyWord>
    let currencyAfter: PhraseMatcher<CurrencyWord>
    let cues: PhraseMatcher<Cue>
    let boundsBefore: PhraseMatcher<Bound>
    let boundsAfter: PhraseMatcher<Bound>
    let thresholdsAfter: PhraseMatcher<Bool>
    let changeGapFillers: PhraseMatcher<Bool>
    let changeVerbs: PhraseMatcher<Int>
    let changeAfter: PhraseMatcher<Int>
    let levelBounds: PhraseMatcher<Bool>
    let crossings: PhraseMatcher<Bool>
    let valuedThings: PhraseMatcher<Bool>
    let takeovers: PhraseMatcher<Bool>
    let gapWords: PhraseMatcher<Bool>
    let conversions: PhraseMatcher<Bool>
    let heldThings: PhraseMatcher<Bool>
    let amountingAfterNoun: PhraseMatcher<Bool>
    let aggregateSubjects: PhraseMatcher<Bool>
    let combinedWords: PhraseMatcher<Bool>
    let relativeOwners: PhraseMatcher<Bool>
    let subjectContinuers: PhraseMatcher<Bool>
    let unitSuffixes: PhraseMatcher<Bool>
    let places: PhraseMatcher<Bool>
    let phrasePrepositions: PhraseMatcher<Bool>
    let pairJoiners: PhraseMatcher<Bool>
    /// true: "the latter" (the last name before); false: "the former" (the one before that).
    let anaphora: PhraseMatcher<Bool>
    let investeeAroundName: PhraseMatcher<Bool>
    let yearMarkers: PhraseMatcher<Bool>
    let investmentReceived: PhraseMatcher<Bool>
    let investorBefore: PhraseMatcher<Bool>
    let investorAfter: PhraseMatcher<Bool>
    let possessives: PhraseMatcher<Bool>
    let rangeJoiners: PhraseMatcher<Bool>
    let rangeOpeners: PhraseMatcher<Bool>
    let rangeJoinersNeedingOpener: PhraseMatcher<Bool>
    let fromWords: PhraseMatcher<Bool>
    let toWords: PhraseMatcher<Bool>
    let toParticlesAfter: PhraseMatcher<Bool>
    let byWords: PhraseMatcher<Bool>
    let ownerAfterCue: PhraseMatcher<Bool>
    let beneficiaryBefore: PhraseMatcher<Bool>
    let beneficiaryVerbs: PhraseMatcher<Bool>
    let yuanSignWords: PhraseMatcher<Bool>
    let cueLinks: PhraseMatcher<Bool>
    let adjunctPrepositions: PhraseMatcher<Bool>
    let fundingThings: PhraseMatcher<Bool>
    let presentMarkers: PhraseMatcher<Bool>
    let comparisonLink: PhraseMatcher<Bool>
    let comparisonBefore: PhraseMatcher<Bool>
    let investeeBefore: PhraseMatcher<Bool>
    let copulas: PhraseMatcher<Bool>
    let articles: PhraseMatcher<Bool>
    let adjunctAfter: PhraseMatcher<Bool>
    let multipliers: PhraseMatcher<Bool>
    let respectively: PhraseMatcher<Bool>
    /// Words of a Taiwanese (`true`) or mainland (`false`) page: its market, currency, institutions
    /// and how it writes 10¹² (兆元 against 万亿). Never company names: where a company is listed is
    /// the entity's `currency:`, not evidence of where a page was written.
    let regionWords: PhraseMatcher<Bool>
    let forecastBefore: PhraseMatcher<Bool>
    let forecastAfter: PhraseMatcher<Bool>
    let pastBefore: PhraseMatcher<Bool>
    let pastAfter: PhraseMatcher<Bool>
    let pastInClause: PhraseMatcher<Bool>
    let baselineBefore: PhraseMatcher<Bool>
    let baselineAfter: PhraseMatcher<Bool>
    let restatementBefore: PhraseMatcher<Bool>
    let counters: Set<UInt32>

    init(_ words: LexiconWords) {
        let all = words.merged(with: .symbols)
        code = all.code
        numberFormat = all.numberFormat
        capitalisedNames = all.capitalisedNames
        forecastSpansSentence = all.forecastSpansSentence
        changeVerbSpansClause = all.changeVerbSpansClause
        verbFinal = all.verbFinal
        scaleWords = PhraseMatcher(all.scaleWords)
        currencyBefore = PhraseMatcher(all.currencyBefore)
        currencyAfter = PhraseMatcher(all.currencyAfter)
        cues = PhraseMatcher(all.cues)
        boundsBefore = PhraseMatcher(all.boundsBefore)
        boundsAfter = PhraseMatcher(all.boundsAfter)
        thresholdsAfter = PhraseMatcher(all.thresholdsAfter.map { ($0, true) })
        changeGapFillers = PhraseMatcher(all.changeGapFillers.map { ($0, true) })
        changeVerbs = PhraseMatcher(all.gains.map { ($0, 1) } + all.losses.map { ($0, -1) })
        changeAfter = PhraseMatcher(all.gainsAfter.map { ($0, 1) } + all.lossesAfter.map { ($0, -1) })
        levelBounds = PhraseMatcher(all.levelBounds.map { ($0, true) })
        crossings = PhraseMatcher(all.crossings.map { ($0, true) })
        valuedThings = PhraseMatcher(all.valuedThings.map { ($0, true) })
        takeovers = PhraseMatcher(all.takeovers.map { ($0, true) })
        gapWords = PhraseMatcher(all.gapWords.map { ($0, true) })
        conversions = PhraseMatcher(all.conversions.map { ($0, true) })
        heldThings = PhraseMatcher(all.heldThings.map { ($0, true) })
        amountingAfterNoun = PhraseMatcher(all.amountingAfterNoun.map { ($0, true) })
        aggregateSubjects = PhraseMatcher(all.aggregateSubjects.map { ($0, true) })
        combinedWords = PhraseMatcher(all.combinedWords.map { ($0, true) })
        relativeOwners = PhraseMatcher(all.relativeOwners.map { ($0, true) })
        subjectContinuers = PhraseMatcher(all.subjectContinuers.map { ($0, true) })
        unitSuffixes = PhraseMatcher(all.unitSuffixes.map { ($0, true) })
        places = PhraseMatcher(all.places.map { ($0, true) })
        phrasePrepositions = PhraseMatcher(all.phrasePrepositions.map { ($0, true) })
        pairJoiners = PhraseMatcher(all.pairJoiners.map { ($0, true) })
        anaphora = PhraseMatcher(all.latterWords.map { ($0, true) } + all.formerWords.map { ($0, false) })
        investeeAroundName = PhraseMatcher(
            all.investeeBeforeName.map { ($0, true) } + all.investeeAfterName.map { ($0, false) })
        yearMarkers = PhraseMatcher(all.yearMarkers.map { ($0, true) })
        investmentReceived = PhraseMatcher(all.investmentReceived.map { ($0, true) })
        investorBefore = PhraseMatcher(all.investorBefore.map { ($0, true) })
        investorAfter = PhraseMatcher(all.investorAfter.map { ($0, true) })
        possessives = PhraseMatcher(all.possessives.map { ($0, true) })
        rangeJoiners = PhraseMatcher(all.rangeJoiners.map { ($0, true) })
        rangeOpeners = PhraseMatcher(all.rangeOpeners.map { ($0, true) })
        rangeJoinersNeedingOpener = PhraseMatcher(all.rangeJoinersNeedingOpener.map { ($0, true) })
        fromWords = PhraseMatcher(all.fromWords.map { ($0, true) })
        toWords = PhraseMatcher(all.toWords.map { ($0, true) })
        toParticlesAfter = PhraseMatcher(all.toParticlesAfter.map { ($0, true) })
        byWords = PhraseMatcher(all.byWords.map { ($0, true) })
        ownerAfterCue = PhraseMatcher(all.ownerAfterCue.map { ($0, true) })
        beneficiaryBefore = PhraseMatcher(all.beneficiaryBefore.map { ($0, true) })
        beneficiaryVerbs = PhraseMatcher(all.beneficiaryVerbs.map { ($0, true) })
        yuanSignWords = PhraseMatcher(all.yuanSignWords.map { ($0, true) })
        cueLinks = PhraseMatcher(all.cueLinks.map { ($0, true) })
        adjunctPrepositions = PhraseMatcher(all.adjunctPrepositions.map { ($0, true) })
        fundingThings = PhraseMatcher(all.fundingThings.map { ($0, true) })
        presentMarkers = PhraseMatcher(all.presentMarkers.map { ($0, true) })
        comparisonLink = PhraseMatcher(all.comparisonLink.map { ($0, true) })
        comparisonBefore = PhraseMatcher(all.comparisonBefore.map { ($0, true) })
        investeeBefore = PhraseMatcher(all.investeeBefore.map { ($0, true) })
        copulas = PhraseMatcher(all.copulas.map { ($0, true) })
        articles = PhraseMatcher(all.articles.map { ($0, true) })
        adjunctAfter = PhraseMatcher(all.adjunctAfter.map { ($0, true) })
        multipliers = PhraseMatcher(all.multipliers.map { ($0, true) })
        respectively = PhraseMatcher(all.respectively.map { ($0, true) })
        regionWords = PhraseMatcher(all.taiwanWords.map { ($0, true) } + all.mainlandWords.map { ($0, false) })
        forecastBefore = PhraseMatcher(all.forecastBefore.map { ($0, true) })
        forecastAfter = PhraseMatcher(all.forecastAfter.map { ($0, true) })
        pastBefore = PhraseMatcher(all.pastBefore.map { ($0, true) })
        pastAfter = PhraseMatcher(all.pastAfter.map { ($0, true) })
        pastInClause = PhraseMatcher(all.pastInClause.map { ($0, true) })
        baselineBefore = PhraseMatcher(all.baselineBefore.map { ($0, true) })
        baselineAfter = PhraseMatcher(all.baselineAfter.map { ($0, true) })
        restatementBefore = PhraseMatcher(all.restatementBefore.map { ($0, true) })
        counters = Set(all.counters.unicodeScalars.map(\.value))
    }

    /// The lexicons figwatch has, by the language codes `LanguageGuess` returns.
    static let english = LanguageLexicon(.english)
    static let chinese = LanguageLexicon(.chinese)
    static let japanese = LanguageLexicon(.japanese)
    static let german = LanguageLexicon(.german)

    /// The lexicon for a sentence language, or nil when figwatch has none.
    static func forLanguage(_ lang: String) -> LanguageLexicon? {
        switch lang {
        case "en": english
        case "zh", "zh-Hans", "zh-Hant": chinese
        case "ja": japanese
        case "de": german
        default: nil
        }
    }

    /// Languages with a lexicon, for messages.
    static let supported = ["en", "zh-Hans", "zh-Hant", "ja", "de"]
}

/// One language's words, in plain lists: the data a `LanguageLexicon` is built from.
struct LexiconWords: Sendable {
    var code: String
    var numberFormat: LanguageLexicon.NumberFormat = .pointDecimal
    var capitalisedNames = false
    var forecastSpansSentence = false
    var changeVerbSpansClause = false
    var verbFinal = false
    /// Scale words after digits: (word, (power of ten, single letter that must be attached)).
    var scaleWords: [(String, (Int, Bool))] = []
    var currencyBefore: [(String, CurrencyWord)] = []
    var currencyAfter: [(String, CurrencyWord)] = []
    var cues: [(String, Cue)] = []
    /// Words before an amount that qualify it ("about", "more than", 约, 超过).
    var boundsBefore: [(String, Bound)] = []
    /// Words after an amount that qualify it (左右, 以上, "or more").
    var boundsAfter: [(String, Bound)] = []
    /// After an amount: a mark to reach, not a value ("挑戰2兆元大關", "the $1 trillion mark").
    var thresholdsAfter: [String] = []
    /// Words that may stand between a change verb and its amount ("by", 了).
    var changeGapFillers: [String] = []
    /// Verbs of a move, written before the amount ("rose by", 蒸发).
    var gains: [String] = []
    var losses: [String] = []
    /// Verbs of a move written after the amount, in verb-final languages ("1兆円増えた", "um 5 Mrd. gestiegen").
    var gainsAfter: [String] = []
    var lossesAfter: [String] = []
    /// Bounds naming a line crossed, so the verb before them states a level ("fell below", 跌破).
    var levelBounds: [String] = []
    /// Verbs of crossing a line: before "…大關" or "the … mark" they make it a level reached.
    var crossings: [String] = []
    /// Words just before "valued at" / "worth" that make it the price of a thing, not of a company.
    var valuedThings: [String] = []
    /// Subjects of "values X at" that make the amount a price paid for X, not X's valuation
    /// ("The buyout values the retailer at $6bn"): a takeover's price is a deal, not a figure.
    var takeovers: [String] = []
    /// Words before "worth" that make the amount money a company receives ("a lifeline worth $8bn").
    var fundingThings: [String] = []
    /// Words that make "investment" money a company receives (a round, a stake).
    var investmentReceived: [String] = []
    /// Words right before a name that make it the money's source ("led by", 由).
    var investorBefore: [String] = []
    /// Words right after a name that make it the money's source (领投, 出資).
    var investorAfter: [String] = []
    /// Between a name and what it owns: "'s", 的, の.
    var possessives: [String] = []
    /// Between the two ends of a range: "-", "to", 至, から.
    var rangeJoiners: [String] = []
    /// Before the low end of a range whose joiner is a word ("between").
    var rangeOpeners: [String] = []
    /// Joiners that make a range only after an opener ("between $8bn and $10bn", not "$5bn and $10bn").
    var rangeJoinersNeedingOpener: [String] = []
    /// "from X to Y" (von … auf, 由…至): X is an older value, Y the new one, never a range.
    var fromWords: [String] = []
    var toWords: [String] = []
    /// After the second amount of "XからYに": a destination, so not a range (verb-final languages).
    var toParticlesAfter: [String] = []
    /// Right before an amount: the size of a move whose verb stands elsewhere in the clause
    /// ("steigerte seinen Börsenwert um 12 Mrd.", "market value jumped by $5bn").
    var byWords: [String] = []
    /// After a cue: its owner follows ("the market value of Nvidia", "der Börsenwert von SAP").
    var ownerAfterCue: [String] = []
    /// "为 X 带来 …": the name between them receives the amount the verb brings.
    var beneficiaryBefore: [String] = []
    var beneficiaryVerbs: [String] = []
    /// Words that make `¥` the yuan rather than the yen in a sentence: the country and its currency.
    var yuanSignWords: [String] = []
    /// Words that bind a cue to the amount after it: "valuation of", "Marktwert von", 市值为, 時価総額は.
    var cueLinks: [String] = []
    /// Prepositions of time or circumstance: a cue in their phrase names no amount ("after the round").
    var adjunctPrepositions: [String] = []
    /// What joins a comparison to the amount it dates (的).
    var comparisonLink: [String] = []
    /// A comparison that makes the amount after it an older value: "较3月的615亿美元" (较 … 的).
    var comparisonBefore: [String] = []
    /// After an invested amount, before the company that receives it: "invest $5bn in Intel".
    var investeeBefore: [String] = []
    /// Between a name and its amount when the cue is left out: "微软为3.7万亿美元", "マイクロソフトは3兆円".
    var copulas: [String] = []
    var taiwanWords: [String] = []
    var mainlandWords: [String] = []
    /// Words of expectation, condition or negotiation anywhere before the amount in its clause
    /// ("could reach", "in talks to raise", 有望, könnte), or after it in verb-final clauses (見込み).
    var forecastBefore: [String] = []
    var forecastAfter: [String] = []
    /// Words right before (after) an amount that make it an older value ("from", "a peak of", 较年初的; から).
    var pastBefore: [String] = []
    var pastAfter: [String] = []
    /// Words anywhere in the amount's clause that date it ("a year earlier", "as recently as", 去年).
    var pastInClause: [String] = []
    /// Around a dating phrase: it dates where a move began, not the amount ("since its last round",
    /// 较上一轮, 年初から, seit dem Vorjahr), so the amount after it is still today's.
    var baselineBefore: [String] = []
    var baselineAfter: [String] = []
    /// Before an amount that modifies a noun: "the $2.8 trillion software maker", "die 3 Mrd. Euro schwere Firma".
    var articles: [String] = []
    /// "A and B were valued at $X and $Y, respectively", 分别, jeweils, それぞれ: names and amounts pair in order.
    var respectively: [String] = []
    /// Right after a cue, in languages that put them there: its phrase is one of time and names no
    /// amount ("前回の資金調達時の", "融资后").
    var adjunctAfter: [String] = []
    /// Between a dating phrase and an amount: the date is what the amount is a multiple of
    /// ("前回の約3倍となる30億ドル", "three times its 2021 value").
    var multipliers: [String] = []
    /// Before an amount in its clause: it is the gap between two companies, not a value ("exceeds that of
    /// Nordwerk by $50bn", 领先…约500亿元).
    var gapWords: [String] = []
    /// After an amount and a comma, before another: the second restates the first in another currency
    /// ("约30億美元，折合新台幣近千億元", "$3bn, equivalent to ¥450bn"): one figure, not two.
    var conversions: [String] = []
    /// Before a market-value cue in its clause: the value is of shares someone holds, not of a company
    /// ("its stake in X has a market value of", 保有する株式の時価総額).
    var heldThings: [String] = []
    /// Near an amount with two or more names before it: the sum of their values, no one's figure
    /// ("a combined $120bn", 合计逾5兆元, zusammen).
    var combinedWords: [String] = []
    /// After a name and a comma: a relative clause about that name ("Nordwerk, whose market value",
    /// "Nordwerk, dessen Börsenwert").
    var relativeOwners: [String] = []
    /// Right after a watched alias: the name of another company that begins with it ("Siemens Energy",
    /// "Tencent Music", 阿里健康, 比亚迪电子, トヨタ自動織機), not the watched one. A longer alias still wins.
    var unitSuffixes: [String] = []
    /// A second verb of the sentence's subject after an object name: "SAP overtook Siemens and is now
    /// worth", "SAP überholte Siemens und ist nun … wert": the amount is the subject's.
    var subjectContinuers: [String] = []
    /// Countries, states and regions: capitalised like companies, but money invested "in" one is
    /// spending there, not a company's funding ("will invest \$20bn in Texas").
    var places: [String] = []
    /// After an amount, before a cue: the cue names where or when, not what ("in its next round").
    var phrasePrepositions: [String] = []
    /// Between two amounts a bound distributes over: "up to $5bn and $10bn", 最多50亿和100亿.
    var pairJoiners: [String] = []
    /// "the latter", 后者, 後者, letztere: the name mentioned last; "the former", 前者: the one before it.
    var latterWords: [String] = []
    var formerWords: [String] = []
    /// Markers of the company money goes into, written before the amount: before the name (向X投资,
    /// 对X注资) or after it (Xに出資).
    var investeeBeforeName: [String] = []
    var investeeAfterName: [String] = []
    /// Bound words that, right after a noun, mean "amounting to" (German "eine Anleihe über 2 Mrd.").
    var amountingAfterNoun: [String] = []
    /// Plural company nouns as a subject: the money is a total over many companies, no one's figure
    /// ("Start-ups in Europe raised $30bn", 初创企业共融资500亿元).
    var aggregateSubjects: [String] = []
    /// Before a year that dates an amount ("in 2020", "im Jahr 2020"); a year followed by 年 needs none.
    var yearMarkers: [String] = []
    /// Words that bring a sentence back to now after a dating phrase ("a year ago … is now worth").
    var presentMarkers: [String] = []
    /// After a percentage move: the amount restates it as money ("fell 7%, or $60bn").
    var restatementBefore: [String] = []
    /// Characters that, right after a Chinese-scaled number, make it a count or a measure (次, 個, 人).
    var counters: String = ""

    func merged(with other: LexiconWords) -> LexiconWords {
        var m = self
        m.scaleWords += other.scaleWords
        m.currencyBefore += other.currencyBefore
        m.currencyAfter += other.currencyAfter
        m.cues += other.cues
        m.boundsBefore += other.boundsBefore
        m.boundsAfter += other.boundsAfter
        m.thresholdsAfter += other.thresholdsAfter
        m.changeGapFillers += other.changeGapFillers
        m.gains += other.gains
        m.losses += other.losses
        m.gainsAfter += other.gainsAfter
        m.lossesAfter += other.lossesAfter
        m.levelBounds += other.levelBounds
        m.crossings += other.crossings
        m.valuedThings += other.valuedThings
        m.takeovers += other.takeovers
        m.gapWords += other.gapWords
        m.conversions += other.conversions
        m.heldThings += other.heldThings
        m.amountingAfterNoun += other.amountingAfterNoun
        m.aggregateSubjects += other.aggregateSubjects
        m.combinedWords += other.combinedWords
        m.relativeOwners += other.relativeOwners
        m.subjectContinuers += other.subjectContinuers
        m.unitSuffixes += other.unitSuffixes
        m.places += other.places
        m.phrasePrepositions += other.phrasePrepositions
        m.pairJoiners += other.pairJoiners
        m.latterWords += other.latterWords
        m.formerWords += other.formerWords
        m.investeeBeforeName += other.investeeBeforeName
        m.investeeAfterName += other.investeeAfterName
        m.yearMarkers += other.yearMarkers
        m.fundingThings += other.fundingThings
        m.investmentReceived += other.investmentReceived
        m.investorBefore += other.investorBefore
        m.investorAfter += other.investorAfter
        m.possessives += other.possessives
        m.rangeJoiners += other.rangeJoiners
        m.rangeOpeners += other.rangeOpeners
        m.beneficiaryBefore += other.beneficiaryBefore
        m.beneficiaryVerbs += other.beneficiaryVerbs
        m.yuanSignWords += other.yuanSignWords
        m.cueLinks += other.cueLinks
        m.adjunctPrepositions += other.adjunctPrepositions
        m.comparisonLink += other.comparisonLink
        m.comparisonBefore += other.comparisonBefore
        m.investeeBefore += other.investeeBefore
        m.copulas += other.copulas
        m.articles += other.articles
        m.adjunctAfter += other.adjunctAfter
        m.multipliers += other.multipliers
        m.respectively += other.respectively
        m.taiwanWords += other.taiwanWords
        m.mainlandWords += other.mainlandWords
        m.ownerAfterCue += other.ownerAfterCue
        m.byWords += other.byWords
        m.toParticlesAfter += other.toParticlesAfter
        m.toWords += other.toWords
        m.fromWords += other.fromWords
        m.rangeJoinersNeedingOpener += other.rangeJoinersNeedingOpener
        m.forecastBefore += other.forecastBefore
        m.forecastAfter += other.forecastAfter
        m.pastBefore += other.pastBefore
        m.pastAfter += other.pastAfter
        m.pastInClause += other.pastInClause
        m.baselineBefore += other.baselineBefore
        m.baselineAfter += other.baselineAfter
        m.presentMarkers += other.presentMarkers
        m.restatementBefore += other.restatementBefore
        m.counters += other.counters
        return m
    }

    /// Signs and codes every language writes: `$`, `€`, `US$`, ISO codes, `~`, range dashes.
    static let symbols = LexiconWords(
        code: "*",
        currencyBefore: [
            ("$", .dollar), ("us$", .code("USD")), ("us $", .code("USD")), ("u.s.$", .code("USD")),
            ("u.s. $", .code("USD")), ("usd", .code("USD")), ("usd$", .code("USD")),
            ("hk$", .code("HKD")), ("hk $", .code("HKD")), ("hkd", .code("HKD")), ("hkd$", .code("HKD")),
            ("nt$", .code("TWD")), ("nt $", .code("TWD")), ("twd", .code("TWD")), ("ntd", .code("TWD")),
            ("a$", .code("AUD")), ("au$", .code("AUD")), ("aud", .code("AUD")),
            ("c$", .code("CAD")), ("ca$", .code("CAD")), ("cad", .code("CAD")),
            ("s$", .code("SGD")), ("sgd", .code("SGD")), ("nz$", .code("NZD")), ("r$", .code("BRL")),
            ("€", .code("EUR")), ("eur", .code("EUR")), ("£", .code("GBP")), ("gbp", .code("GBP")),
            ("¥", .yenSign), ("￥", .yenSign), ("jpy", .code("JPY")), ("rmb", .code("CNY")), ("cny", .code("CNY")),
            ("₩", .code("KRW")), ("krw", .code("KRW")), ("chf", .code("CHF")), ("₹", .code("INR")),
            ("inr", .code("INR")), ("rs", .code("INR")), ("rs.", .code("INR")), ("pln", .code("PLN")),
            ("nzd", .code("NZD")), ("brl", .code("BRL")),
        ],
        currencyAfter: [
            ("usd", .code("USD")), ("hkd", .code("HKD")), ("cny", .code("CNY")), ("rmb", .code("CNY")),
            ("twd", .code("TWD")), ("eur", .code("EUR")), ("gbp", .code("GBP")), ("jpy", .code("JPY")),
            ("krw", .code("KRW")), ("chf", .code("CHF")), ("aud", .code("AUD")), ("cad", .code("CAD")),
            ("sgd", .code("SGD")), ("inr", .code("INR")), ("pln", .code("PLN")), ("nzd", .code("NZD")),
            ("brl", .code("BRL")), ("€", .code("EUR")), ("$", .dollar),
        ],
        boundsBefore: [("~", .approx), ("≈", .approx), ("c.", .approx)],
        boundsAfter: [("+", .atLeast)],
        rangeJoiners: ["-", "–", "—", "~", "～"])
}
