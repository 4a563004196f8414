import FigwatchCore

/// A company named in a sentence: a watchlist alias, or a capitalised English name.
struct EntityMention {
    var range: Range<Int>
    /// Index into the watchlist, nil for a name found by shape alone.
    var entity: Int?
    /// Followed by "'s" or 的: it owns what comes next.
    var possessive: Bool
}

/// Finds watchlist aliases (both Chinese scripts, Latin case-insensitive, whole words)
/// and, for attribution when no watched name fits, capitalised English names.
struct EntityMatcher: Sendable {
    let entities: [Entity]
    private let aliases: PhraseMatcher<Int>

    init(entities: [Entity]) {
        self.entities = entities
        var phrases: [(String, Int)] = []
        for (index, entity) in entities.enumerated() {
            for alias in [entity.id, entity.name] + entity.aliases where alias.unicodeScalars.count >= 2 {
                phrases.append((alias, index))
            }
        }
        aliases = PhraseMatcher(phrases)
    }

    /// The listing currency configured for an entity id.
    func currency(of id: String) -> String? {
        entities.first { $0.id == id }?.currency
    }

    /// Watchlist mentions in `range`, left to right.
    func watched(in folded: [UInt32], range: Range<Int>, lexicon: LanguageLexicon, steps: inout Int) -> [EntityMention] {
        guard !entities.isEmpty else { return [] }
        return aliases.allMatches(in: folded, range: range, steps: &steps).compactMap {
            // "Siemens Energy", 阿里健康, トヨタ自動織機: another company whose name starts with the alias.
            if Self.namesAnotherCompany(folded, after: $0.range.upperBound, limit: range.upperBound, lexicon: lexicon) { return nil }
            return EntityMention(
                range: $0.range, entity: $0.payload,
                possessive: Self.isPossessive(folded, after: $0.range.upperBound, limit: range.upperBound, lexicon: lexicon))
        }
    }

    /// A word of another business right after an alias (one space allowed): "Energy", 健康, 自動織機.
    static func namesAnotherCompany(_ folded: [UInt32], after end: Int, limit: Int, lexicon: LanguageLexicon) -> Bool {
        var k = end
        if k < limit, folded[k] == 0x20 { k += 1 }
        return lexicon.unitSuffixes.match(in: folded, at: k, limit: limit) != nil
    }

    /// Whether a possessive marker of the language ("'s", 的, の) follows `end`.
    static func isPossessive(_ folded: [UInt32], after end: Int, limit: Int, lexicon: LanguageLexicon) -> Bool {
        lexicon.possessives.match(in: folded, at: end, limit: limit) != nil
    }

    /// Capitalised words that start no sentence on their own: "The", "At", "Its" ...
    static let stopwords: Set<[UInt32]> = Set(
        [
            "the", "a", "an", "at", "in", "on", "for", "but", "and", "its", "it", "this", "that", "these", "those",
            "today", "he", "she", "we", "they", "his", "her", "our", "their", "i", "when", "while", "after",
            "before", "since", "with", "without", "according", "last", "next", "as", "if", "so", "also", "then",
            "there", "here", "some", "many", "most", "total", "founded", "already", "former", "by", "from", "of",
            "to", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
            "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "ceo", "u.s", "us", "no", "one", "two", "all", "other", "new", "more", "funding",
            "snapshot", "series", "round", "market", "ipo", "ai", "cto", "app", "inc", "co", "ltd", "corp", "said", "says", "israeli",
            "american", "chinese", "european", "british", "german", "japanese", "data", "beim", "die", "der",
            "das", "el", "la", "los", "las", "total", "why", "how", "what", "who", "which", "venture",
            "revenue", "shares", "investors", "analysts", "sales", "profit", "stocks", "officials", "executives",
            "valued", "worth", "valuing", "backed", "raising", "once", "now", "adr", "adrs",
        ].map { Array($0.unicodeScalars.map(\.value)) })

    /// Stopwords that still continue a name already started: "Zenith AI", "Acme Inc".
    static let nameEndings: Set<[UInt32]> = Set(["ai", "inc", "co", "corp", "ltd"].map { Array($0.unicodeScalars.map(\.value)) })

    /// Runs of capitalised English words ("Exxon Mobil", "JFrog"), with stopwords trimmed.
    static func names(in raw: [UInt32], folded: [UInt32], range: Range<Int>, lexicon: LanguageLexicon) -> [EntityMention] {
        guard lexicon.capitalisedNames else { return acronyms(in: raw, folded: folded, range: range, lexicon: lexicon) }
        var found: [EntityMention] = []
        var i = range.lowerBound
        var runStart = -1
        var runEnd = -1
        func close() {
            if runStart >= 0 {
                found.append(EntityMention(range: runStart..<runEnd, entity: nil, possessive: isPossessive(folded, after: runEnd, limit: range.upperBound, lexicon: lexicon)))
            }
            runStart = -1
        }
        while i < range.upperBound {
            guard CharacterClass.isLatinLetter(raw[i]), i == range.lowerBound || !CharacterClass.isWordCharacter(raw[i - 1]) else {
                i += 1
                continue
            }
            var j = i
            while j < range.upperBound, CharacterClass.isWordCharacter(raw[j]) || raw[j] == 0x26
                || (raw[j] == 0x2E && j + 1 < range.upperBound && CharacterClass.isLatinLetter(raw[j + 1])) {
                j += 1
            }
            let capital = CharacterClass.isUppercaseLatin(raw[i])
            let word = Array(folded[i..<j])
            let contiguous = runStart >= 0 && i - runEnd == 1 && CharacterClass.isSpace(raw[runEnd])
            if capital && contiguous && nameEndings.contains(word) {
                runEnd = j  // "Zenith AI", "Acme Inc"
            } else if capital && !stopwords.contains(word) && (j - i >= 2 || runStart >= 0) {
                if !contiguous { close(); runStart = i }
                runEnd = j
            } else {
                close()
            }
            i = j
        }
        close()
        return found
    }

    /// In Japanese, the name written before の and a metric cue, as in "東証プライム市場の時価総額":
    /// a run of kanji, katakana, Latin letters and digits, ended by a particle (hiragana) or punctuation.
    static func japaneseOwner(raw: [UInt32], folded: [UInt32], sentence: Range<Int>, cue: Range<Int>, lexicon: LanguageLexicon) -> EntityMention? {
        var end = cue.lowerBound
        guard let p = lexicon.possessives.match(in: folded, endingAt: end, floor: max(sentence.lowerBound, end - 2)) else { return nil }
        end -= p.length
        var start = end
        while start > sentence.lowerBound, end - start < 16 {
            let c = raw[start - 1]
            let katakana = c >= 0x30A0 && c <= 0x30FF
            guard CharacterClass.isHan(c) || katakana || CharacterClass.isWordCharacter(c) else { break }
            start -= 1
        }
        guard end - start >= 2 else { return nil }
        return EntityMention(range: start..<end, entity: nil, possessive: true)
    }

    /// Where every noun is capitalised (German), only words written all in capitals are names by
    /// their shape alone: "BASF", "SAP"; not "EU", "DAX" or "USA", which are no companies.
    static func acronyms(in raw: [UInt32], folded: [UInt32], range: Range<Int>, lexicon: LanguageLexicon) -> [EntityMention] {
        var found: [EntityMention] = []
        var i = range.lowerBound
        while i < range.upperBound {
            guard CharacterClass.isLatinLetter(raw[i]), i == range.lowerBound || !CharacterClass.isWordCharacter(raw[i - 1]) else {
                i += 1
                continue
            }
            var j = i
            var allCapitals = true
            while j < range.upperBound, CharacterClass.isWordCharacter(raw[j]) {
                if !CharacterClass.isUppercaseLatin(raw[j]) && !CharacterClass.isDigit(raw[j]) { allCapitals = false }
                j += 1
            }
            if allCapitals, j - i >= 2, j - i <= 6, !notAcronymNames.contains(Array(folded[i..<j])) {
                found.append(EntityMention(
                    range: i..<j, entity: nil, possessive: isPossessive(folded, after: j, limit: range.upperBound, lexicon: lexicon)))
            }
            i = j
        }
        return found
    }

    static let notAcronymNames: Set<[UInt32]> = Set(
        ["eu", "usa", "us", "uk", "dax", "mdax", "sdax", "tecdax", "ki", "ceo", "cfo", "ezb", "fed", "ipo", "brd", "ddr",
         "gmbh", "ag", "se", "kg", "mrd", "mio", "bio", "eur", "usd", "chf", "gbp", "jpy", "cny", "nyse", "un"]
            .map { Array($0.unicodeScalars.map(\.value)) })

    /// Words before 市值/估值 that are not an owner: markets, pronouns, generic nouns.
    static let notOwners: Set<[UInt32]> = Set(
        ["港股", "美股", "a股", "股价", "公司", "该公司", "其", "集团", "市场", "总", "整体", "目前", "当前", "最新",
         "全球", "公司的", "此", "这", "之", "上市公司"].map { ScriptFolding.fold($0) })

    /// Words that may follow a name before its cue and are not part of it.
    static let ownerTails: [[UInt32]] = ["上市首日", "首日", "今日", "昨日", "当日", "目前", "当前", "去年", "今年", "本轮融资后",
        "最新一轮融资后", "一轮融资后", "融资后", "上市前", "上市后", "最新", "股票", "港股", "美股", "a股", "的", "总", "最新", "整体"].map { ScriptFolding.fold($0) }

    /// Characters after which a name starts: 在 据 让 使 为 由 对 将 把 被 令 与 和 及 是.
    static let nameStarts: Set<UInt32> = Set("在据让使为由对将把被令与和及是".unicodeScalars.map(\.value))

    /// In Chinese, the name written right before a metric cue, as in "貴州茅台總市值",
    /// "英偉達的估值": a run of Han or Latin letters, 的/總 dropped, leading function
    /// words cut off; nil when it is a market or a pronoun.
    static func chineseOwner(raw: [UInt32], folded: [UInt32], sentence: Range<Int>, cue: Range<Int>, lexicon: LanguageLexicon) -> EntityMention? {
        var end = cue.lowerBound
        while end > sentence.lowerBound, let p = lexicon.possessives.match(in: folded, endingAt: end, floor: max(sentence.lowerBound, end - 2)) {
            end -= p.length
        }
        var start = end
        while start > sentence.lowerBound {
            guard end - start < 12 else { return nil }  // a run this long is a clause, not a name
            let c = raw[start - 1]
            guard CharacterClass.isHan(c) || CharacterClass.isLatinLetter(c) else { break }
            if nameStarts.contains(folded[start - 1]), end - start >= 2 { break }
            start -= 1
        }
        // Drop time words and market names written between the owner and the cue: 上市首日, 今年, 港股.
        var trimmed = true
        while trimmed, end - start >= 2 {
            trimmed = false
            for tail in ownerTails where end - start > tail.count && folded[(end - tail.count)..<end].elementsEqual(tail) {
                end -= tail.count
                trimmed = true
            }
        }
        guard end - start >= 2, end - start <= 8, !notOwners.contains(Array(folded[start..<end])) else { return nil }
        for k in start..<end where NumberReader.largeUnit(raw[k]) != nil || folded[k] == 0x5143 { return nil }  // 万亿 元
        return EntityMention(range: start..<end, entity: nil, possessive: true)
    }
}
