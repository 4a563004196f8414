/// Guesses a text's language from its characters when the page does not state one: the page's
/// language in FigwatchText. The extractor's per-sentence `LanguageGuess` reads the same
/// Traditional/Simplified evidence (`ScriptFolding`), so the two cannot disagree on a script.
///
/// Han text is told apart by characters that exist in only one script: 們 against 们,
/// 國 against 国. Machine-converted pages mix both, so the majority decides. Latin text
/// gets the language whose function words (the, der, le, el ...) make up a large share
/// of its words; when none does, no guess is made.
public enum LanguageGuesser {
    public static func language(of text: String) -> String? {
        var han = 0, kana = 0, hangul = 0, latin = 0, arabic = 0
        var traditional = 0, simplified = 0
        for scalar in text.unicodeScalars.prefix(2_000) {
            let v = scalar.value
            if v < 0x41 { continue }
            switch v {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF:
                han += 1
                switch ScriptFolding.scriptEvidence(v) {
                case 1: traditional += 1
                case -1: simplified += 1
                default: break
                }
            case 0x3040...0x30FF: kana += 1
            case 0xAC00...0xD7AF, 0x1100...0x11FF: hangul += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            case 0x0600...0x06FF: arabic += 1
            default: break
            }
        }
        if kana > 20 && kana * 10 > han { return "ja" }
        if hangul > 20 && hangul > han { return "ko" }
        if han > 20 && han * 3 > latin {
            if traditional == 0 && simplified == 0 { return "zh" }
            return traditional > simplified ? "zh-Hant" : "zh-Hans"
        }
        if arabic > 20 && arabic > latin { return "ar" }
        if latin > 40 { return latinLanguage(text) }
        return nil
    }

    /// Chinese script of a text already known to be Chinese: `zh-Hant`, `zh-Hans` or `nil`.
    public static func chineseScript(of text: String) -> String? {
        var traditional = 0, simplified = 0
        for scalar in text.unicodeScalars.prefix(2_000) {
            switch ScriptFolding.scriptEvidence(scalar.value) {
            case 1: traditional += 1
            case -1: simplified += 1
            default: break
            }
        }
        if traditional == simplified { return nil }
        return traditional > simplified ? "zh-Hant" : "zh-Hans"
    }

    /// +1 for a character only Traditional Chinese uses, -1 for one only Simplified uses, else 0.
    public static func scriptEvidence(_ scalar: Unicode.Scalar) -> Int {
        ScriptFolding.scriptEvidence(scalar.value)
    }

    /// The language whose function words are at least 15% of the text's words, and more
    /// frequent than any other language's.
    ///
    /// Runs over the first 8 KiB of UTF-8: a word is a run of ASCII letters and non-ASCII
    /// bytes, and only words of at most 8 bytes (small strings, no allocation) are looked up.
    private static func latinLanguage(_ text: String) -> String? {
        var hits = [Int](repeating: 0, count: stopwords.count)
        var words = 0
        let bytes = Array(text.utf8.prefix(8 * 1024))
        do {
            let n = bytes.count
            var word = [UInt8](repeating: 0, count: 8)
            var length = 0
            var i = 0
            while i <= n {
                let b: UInt8 = i < n ? bytes[i] : 0x20
                let isWordByte = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
                if isWordByte {
                    if length < 8 { word[length] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                    length += 1
                } else if length > 0 {
                    words += 1
                    if length <= 8, let mask = stopwordMasks[String(decoding: word[0..<length], as: UTF8.self)] {
                        for l in 0..<stopwords.count where mask & (1 << l) != 0 { hits[l] += 1 }
                    }
                    length = 0
                }
                i += 1
            }
            guard words >= 10, let best = hits.indices.max(by: { hits[$0] < hits[$1] }) else { return nil }
            let runnerUp = hits.indices.filter { $0 != best }.map { hits[$0] }.max() ?? 0
            guard hits[best] * 100 >= words * 15, hits[best] > runnerUp else { return nil }
            return stopwords[best].language
        }
    }

    /// For each function word, a bit per language of `stopwords` that has it.
    private static let stopwordMasks: [String: UInt16] = {
        var masks: [String: UInt16] = [:]
        for (index, entry) in stopwords.enumerated() {
            for word in entry.words { masks[word, default: 0] |= 1 << index }
        }
        return masks
    }()

    private static let stopwords: [(language: String, words: Set<String>)] = [
        ("en", ["the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "by", "at",
                "he", "be", "this", "from", "have", "are", "has", "had", "an", "or", "but", "not", "which", "will",
                "said", "its", "their", "they", "would", "been", "who"]),
        ("de", ["der", "die", "und", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im",
                "dem", "nicht", "ein", "eine", "als", "auch", "werden", "aus", "er", "hat", "dass", "sie", "nach",
                "wird", "bei", "einer", "um", "am", "sind", "noch", "wie", "einem", "über", "so", "zum", "oder"]),
        ("fr", ["le", "la", "les", "des", "et", "un", "une", "du", "est", "que", "qui", "dans", "pour", "pas",
                "au", "sur", "par", "ne", "se", "ce", "il", "avec", "plus", "sont", "ont", "aux", "mais", "elle",
                "leur", "été", "cette", "nous", "vous", "ou"]),
        ("es", ["el", "los", "las", "del", "y", "una", "que", "es", "por", "con", "para", "se", "no", "al", "lo",
                "como", "más", "su", "sus", "fue", "ha", "este", "esta", "entre", "pero", "también", "sobre", "ya"]),
        ("pl", ["i", "w", "na", "z", "do", "nie", "się", "że", "jest", "to", "o", "jak", "od", "po", "za", "przez",
                "ich", "jego", "oraz", "ale", "dla", "tym", "może", "być", "są", "który", "która", "które"]),
        ("it", ["il", "di", "che", "e", "per", "non", "è", "della", "sono", "con", "si", "da", "gli", "nel",
                "alla", "anche", "come", "più", "delle", "dei", "questo", "ha", "una", "ma"]),
        ("pt", ["o", "os", "do", "da", "em", "um", "uma", "que", "é", "para", "com", "não", "por", "dos", "das",
                "no", "na", "ao", "mais", "como", "foi", "seu", "sua", "também", "mas"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "dat", "op", "te", "voor", "met", "zijn", "niet", "er",
                "aan", "ook", "als", "bij", "wordt", "door", "naar", "maar", "worden", "nog"]),
    ]

    /// Pairs of one concept written in each script, Traditional first. Common characters only.
}
