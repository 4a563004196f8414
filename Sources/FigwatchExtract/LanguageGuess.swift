import FigwatchCore

/// Tells the language of a sentence from its scripts and a few function words.
///
/// Chinese is split into `zh-Hant` and `zh-Hans` by counting characters that exist in
/// only one script; a sentence with no such evidence takes the document's script.
enum LanguageGuess {
    /// Characters that only Traditional (positive) or only Simplified (negative) text uses.
    static func scriptEvidence(_ s: [UInt32], range: Range<Int>) -> Int {
        var score = 0
        for k in range {
            let c = s[k]
            if c >= ScriptFolding.flatBase && c < ScriptFolding.flatEnd {
                score += Int(ScriptFolding.evidence[Int(c - ScriptFolding.flatBase)])
            }
        }
        return score
    }

    static let functionWords: [String: [String]] = [
        "en": ["the", "and", "of", "to", "is", "in", "was", "has", "its", "at", "with", "for", "on", "by", "from",
               "that", "said", "which", "billion", "million", "shares", "have", "are", "were", "been", "after",
               "this", "their", "would", "could", "will", "than", "more"],
        "de": ["der", "die", "das", "und", "ist", "hat", "mit", "bei", "beim", "ein", "eine", "den", "dem", "auf",
               "von", "es", "im", "zu", "für", "sich", "auch", "wird", "sind", "noch", "nach", "als", "wie", "um", "aus",
               "vor", "seit", "nur", "dass", "wert", "mrd", "mio", "war", "nun", "sei", "rund", "knapp", "an", "einem",
               "einen", "einer", "eines", "nicht", "wurde", "wurden", "haben", "werden", "über", "seine", "seinen",
               "ihre", "ihren", "durch", "gegen", "unter", "bereits", "zuletzt", "prozent", "milliarden", "millionen",
               "aktie", "aktien", "börse", "zudem", "jedoch", "damit", "milliarden", "milliarde", "millionen",
               "investiert", "bewertet", "bewertung", "börsenwert", "marktwert", "sammelte", "eingesammelt", "stieg",
               "sank", "verlor", "liegt", "kommt", "erhält", "unternehmen", "konzern", "finanzierungsrunde"],
        "es": ["el", "los", "las", "del", "que", "por", "una", "está", "según", "más"],
        "fr": ["le", "la", "les", "des", "du", "de", "est", "une", "et", "au", "aux", "pour", "sur", "dans", "par",
               "avec", "été", "qui", "ont", "sont", "son", "sa", "ses"],
        "pl": ["się", "w", "na", "z", "do", "jest", "dla", "oraz", "ponad"],
    ]

    /// A short folded Latin-1 word (up to eight letters) packed into an integer, or nil.
    /// A word of up to eight Latin-1 scalars packed into an integer, so the lookup needs no allocation.
    /// A longer word (`milliarden`, `finanzierungsrunde`) is keyed by an FNV-1a hash of all its scalars.
    @inline(__always)
    static func key(_ s: [UInt32], _ range: Range<Int>) -> UInt64? {
        guard range.count <= 8 else {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for i in range {
                guard s[i] <= 0xFF else { return nil }
                hash = (hash ^ UInt64(s[i])) &* 0x0000_0100_0000_01B3
            }
            return hash
        }
        var k: UInt64 = 0
        for i in range {
            guard s[i] <= 0xFF else { return nil }
            k = k << 8 | UInt64(s[i])
        }
        return k
    }

    static let wordLanguages: [UInt64: [String]] = {
        var map: [UInt64: [String]] = [:]
        for (lang, words) in functionWords {
            for w in words {
                let scalars = w.unicodeScalars.map(\.value)
                if let k = key(scalars, 0..<scalars.count) { map[k, default: []].append(lang) }
            }
        }
        return map
    }()

    /// `zh` (script not yet told: see `chineseScript`), `ja`, `ko`, `en`, `de`, `es`, `fr` or `pl`.
    /// The script of Chinese costs a second pass, so the extractor asks only for sentences that hold money.
    static func language(of raw: [UInt32], folded: [UInt32], range: Range<Int>) -> String {
        language(of: raw, folded: folded, range: range, documentChinese: nil)
    }

    /// `zh-Hant` or `zh-Hans` for a Chinese sentence; with no evidence either way, the document's script.
    static func chineseScript(of raw: [UInt32], range: Range<Int>, documentChinese: () -> String) -> String {
        let evidence = scriptEvidence(raw, range: range)
        if evidence > 0 { return "zh-Hant" }
        if evidence < 0 { return "zh-Hans" }
        return documentChinese()
    }

    /// `zh-Hant`, `zh-Hans`, `ja`, `ko`, `en`, `de`, `es`, `fr` or `pl`.
    static func language(of raw: [UInt32], folded: [UInt32], range: Range<Int>, documentChinese: (() -> String)?) -> String {
        var han = 0, kana = 0, hangul = 0, latin = 0
        for k in range {
            let c = raw[k]
            if CharacterClass.isHan(c) { han += 1 } else if CharacterClass.isKana(c) { kana += 1 }
            else if CharacterClass.isHangul(c) { hangul += 1 } else if CharacterClass.isLatinLetter(c) { latin += 1 }
        }
        if kana > 0 { return "ja" }
        if hangul > han && hangul > 0 { return "ko" }
        if han > 0 && han * 3 >= latin / 2 {
            guard let documentChinese else { return "zh" }
            return chineseScript(of: raw, range: range, documentChinese: documentChinese)
        }
        var counts: [String: Int] = [:]
        var i = range.lowerBound
        while i < range.upperBound {
            guard CharacterClass.isLatinLetter(folded[i]) else { i += 1; continue }
            var j = i
            while j < range.upperBound, CharacterClass.isLatinLetter(folded[j]) { j += 1 }
            if let k = key(folded, i..<j), let langs = wordLanguages[k] { for l in langs { counts[l, default: 0] += 1 } }
            // ä ö ü ß in a word are German's (French and Spanish use other accents).
            if folded[i..<j].contains(where: { $0 == 0xE4 || $0 == 0xF6 || $0 == 0xFC || $0 == 0xDF }) { counts["de", default: 0] += 1 }
            i = j
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != "en") }
        if let best, best.value > (counts["en"] ?? 0) { return best.key }
        return "en"
    }
}
