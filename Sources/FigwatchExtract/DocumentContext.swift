import FigwatchCore

/// What the whole document settles for each sentence: its Chinese script, where 元
/// is spent (mainland or Taiwan), and which currencies it writes, for filling in
/// the currency of a bare amount ("3600億" when "(約3600億元)" appears elsewhere).
///
/// Document-wide scans run at most once and only when a sentence needs them.
struct DocumentContext {
    let raw: [UInt32]
    private var script: String?
    private var regions: (taiwan: Bool, mainland: Bool)?
    private var known: [ExactDecimal: String] = [:]
    private var written: Set<String> = []

    init(raw: [UInt32]) {
        self.raw = raw
    }

    /// The majority Chinese script of the document (first 200,000 scalars).
    mutating func chineseScript() -> String {
        if let script { return script }
        let evidence = LanguageGuess.scriptEvidence(raw, range: 0..<min(raw.count, 200_000))
        let result = evidence > 0 ? "zh-Hant" : "zh-Hans"
        script = result
        return result
    }

    static let taiwanWords = PhraseMatcher<Bool>(
        ["台湾", "台股", "新台币", "台币", "台北", "台积电", "联发科", "鸿海", "柜买", "证交所", "金管会", "台达电",
         "广达", "华硕", "宏碁", "国泰金", "富邦"].map { ($0, true) })
    static let mainlandWords = PhraseMatcher<Bool>(
        ["人民币", "a股", "内地", "大陆", "国内", "中国", "北京", "上海", "深圳", "杭州", "浙江", "沪深", "阿里",
         "腾讯", "百度", "京东", "美团", "央行", "证监会"].map { ($0, true) })
    static let chinaWordsEn = PhraseMatcher<Bool>(
        ["china", "chinese", "yuan", "renminbi", "beijing", "shanghai", "shenzhen", "hangzhou", "alibaba",
         "tencent", "baidu", "jd.com", "meituan", "byd", "pinduoduo", "xiaomi"].map { ($0, true) })

    private mutating func regionSignals() -> (taiwan: Bool, mainland: Bool) {
        if let regions { return regions }
        let limit = min(raw.count, 400_000)
        var taiwan = false
        var mainland = false
        var i = 0
        while i < limit && !(taiwan && mainland) {
            let c = raw[i]
            let f = ScriptFolding.fold(c)
            if (!taiwan && Self.taiwanWords.mayStart(with: f)) || (!mainland && Self.mainlandWords.mayStart(with: f)) {
                // Fold a short window on the fly, only where a word may start.
                let window = raw.lazyFolded(i, limit)
                if !taiwan, Self.taiwanWords.match(in: window, at: 0, limit: window.count) != nil { taiwan = true }
                if !mainland, Self.mainlandWords.match(in: window, at: 0, limit: window.count) != nil { mainland = true }
            }
            i += 1
        }
        let result = (taiwan, mainland)
        regions = result
        return result
    }

    /// How `$`, `¥` and `元` read in one sentence.
    mutating func currencyContext(lang: String, folded: [UInt32], sentence: Range<Int>) -> CurrencyContext {
        var steps = 0
        var yuan: String?
        var inferred = false
        var yenIsYuan = false
        if lang == "zh-Hans" {
            yuan = "CNY"
            yenIsYuan = true
        } else if lang == "zh-Hant" {
            let (taiwan, mainland) = regionSignals()
            if taiwan && !mainland {
                yuan = "TWD"
                inferred = true
            } else if mainland {
                yuan = "CNY"
            }
            yenIsYuan = true
        } else if lang != "ja" {
            yenIsYuan = !Self.chinaWordsEn.allMatches(in: folded, range: sentence, steps: &steps).isEmpty
        }
        return CurrencyContext(yuan: yuan, yuanInferred: inferred, yenSignIsYuan: yenIsYuan)
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
