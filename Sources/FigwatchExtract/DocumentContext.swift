import FigwatchCore

/// What the whole document settles for each sentence: its Chinese script, what 元 and `¥` mean
/// there, and which currencies it writes, for filling in the currency of a bare amount ("3600億"
/// when "(約3600億元)" appears elsewhere).
///
/// Where 元 is spent comes from what the page and the configuration say (`DocumentHints`: a
/// source's `currency:` or `region:`, the page's declared language, its host's country domain),
/// never from which companies the text names. Document-wide scans run at most once and only when a
/// sentence needs them.
struct DocumentContext {
    let raw: [UInt32]
    let hints: DocumentHints
    /// The region the hints settle (`TW`, `HK`, `CN`, `JP` ...), or nil.
    let region: String?
    private var script: String?
    private var textRegion: String??
    private var known: [ExactDecimal: String] = [:]
    private var written: Set<String> = []

    init(raw: [UInt32], hints: DocumentHints = DocumentHints()) {
        self.raw = raw
        self.hints = hints
        region = Self.region(of: hints)
    }

    /// A source's `region:`, else the region of a declared language (zh-TW, zh-HK, zh-CN, ja, de-AT),
    /// else the host's country domain.
    static func region(of hints: DocumentHints) -> String? {
        if let r = hints.region, !r.isEmpty { return r.uppercased() }
        if let lang = hints.language?.lowercased() {
            let parts = lang.split(whereSeparator: { $0 == "-" || $0 == "_" })
            if parts.count >= 2, let last = parts.last, last.count == 2 { return last.uppercased() }
            if lang.hasPrefix("zh-hant") { return nil }  // Traditional script: Taiwan or Hong Kong, unsaid
            if lang.hasPrefix("zh-hans") { return "CN" }
            if lang == "ja" { return "JP" }
        }
        if let host = hints.host?.lowercased(), let dot = host.lastIndex(of: ".") {
            let tld = host[host.index(after: dot)...]
            if tld.count == 2, tld != "io", tld != "ai", tld != "co", tld != "tv", tld != "me" { return tld.uppercased() }
        }
        return nil
    }

    /// What 元 means in a region, and whether that is an inference.
    static func yuan(inRegion region: String?) -> (code: String, inferred: Bool)? {
        switch region {
        case "TW": ("TWD", true)
        case "HK": ("HKD", true)
        case "MO": ("MOP", true)
        case "CN", "SG": ("CNY", false)
        default: nil
        }
    }

    /// The majority Chinese script of the document (first 200,000 scalars).
    mutating func chineseScript() -> String {
        if let script { return script }
        let evidence = LanguageGuess.scriptEvidence(raw, range: 0..<min(raw.count, 200_000))
        let result = evidence > 0 ? "zh-Hant" : "zh-Hans"
        script = result
        return result
    }

    /// Taiwan or the mainland, from the page's own words (first 400,000 scalars), when it says
    /// one and not the other: `TW`, `CN` or nil.
    private mutating func regionFromText(_ lexicon: LanguageLexicon) -> String? {
        if let textRegion { return textRegion }
        let limit = min(raw.count, 400_000)
        var taiwan = false
        var mainland = false
        var i = 0
        while i < limit && !(taiwan && mainland) {
            if lexicon.regionWords.mayStart(with: ScriptFolding.fold(raw[i])),
               let m = lexicon.regionWords.matchFolding(in: raw, at: i, limit: limit) {
                if m.payload { taiwan = true } else { mainland = true }
                i += m.length
                continue
            }
            i += 1
        }
        let result: String? = taiwan == mainland ? nil : (taiwan ? "TW" : "CN")
        textRegion = .some(result)
        return result
    }

    /// How `$`, `¥` and `元` read in one sentence. 元 stays unsettled (nil) when neither the hints nor
    /// the page say where it is spent; the extractor then asks the entity, then the language.
    mutating func currencyContext(lang: String, lexicon: LanguageLexicon, folded: [UInt32], sentence: Range<Int>) -> CurrencyContext {
        var yuan: String?
        var inferred = false
        if let code = hints.currency, !code.isEmpty {
            yuan = code
            inferred = true
        } else if let settled = Self.yuan(inRegion: region) {
            (yuan, inferred) = settled
        } else if lang.hasPrefix("zh"), let settled = Self.yuan(inRegion: regionFromText(lexicon)) {
            (yuan, inferred) = settled
        } else if lang == "zh-Hans" {
            yuan = "CNY"  // 元 in Simplified Chinese is the renminbi unless the page says otherwise
        }
        var steps = 0
        let yenIsYuan = lang.hasPrefix("zh") || region == "CN"
            || !lexicon.yuanSignWords.allMatches(in: folded, range: sentence, steps: &steps).isEmpty
        return CurrencyContext(yuan: yuan, yuanInferred: inferred, yenSignIsYuan: yenIsYuan && lang != "ja")
    }

    /// Notes an amount whose currency the text states.
    mutating func record(_ value: ExactDecimal, _ code: String) {
        let key = value.magnitude
        if known[key] == nil { known[key] = code }
        written.insert(code)
    }

    /// The currency of a bare amount: the same amount stated with a currency elsewhere,
    /// else the only currency the document uses.
    func inferredCurrency(for value: ExactDecimal) -> (String, Bool)? {
        if let code = known[value] { return (code, true) }
        if written.count == 1, let only = written.first { return (only, true) }
        return nil
    }
}
