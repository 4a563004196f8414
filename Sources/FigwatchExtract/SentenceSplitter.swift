import FigwatchCore

/// Splits text into sentences for Chinese and English alike.
///
/// Chinese sentences end at 。！？；… and at ASCII `!?;` written inside Chinese text;
/// English ones at `.!?` followed by a space and a capital, a quote or the end, except
/// after abbreviations (Inc., U.S., Mr.), initials, and inside numbers (3.5, 1.830).
/// A line break always ends a sentence: page text puts headings and paragraphs on lines.
/// Very long runs are cut at `maxLength` scalars so that one figure never carries a
/// megabyte of "sentence" and windows stay bounded.
enum SentenceSplitter {
    static let maxLength = 1_000

    /// Abbreviations that end in a dot without ending the sentence (folded, without the dot).
    static let abbreviations: Set<[UInt32]> = Set(
        [
            "inc", "corp", "co", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs",
            "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "gov", "gen", "sen", "rep", "fig", "ca",
            "bros", "intl", "mt", "ft", "op", "vol", "p", "pp", "a.m", "p.m", "u.s.a", "n.v", "s.a", "ag", "nr",
            // German scale and other abbreviations: "250 Mrd. Euro", "ca. 5 Mio. Dollar", "bzw.".
            "mrd", "mio", "bio", "tsd", "bzw", "vgl", "usw", "zb", "z.b", "dt", "inkl", "rd",
        ].map { Array($0.unicodeScalars.map(\.value)) })

    /// Sentence ranges (scalar indices) in `s`, whitespace trimmed, empty ones dropped.
    static func sentences(in s: [UInt32], steps: inout Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = s.count


        while i < n {
            steps += 1
            let c = s[i]
            // Fast path: letters, digits, Han and most punctuation never end a sentence.
            if i - start < maxLength,
               (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x23 && c <= 0x7E && c != 0x2E && c != 0x3B && c != 0x3F) || c == 0x20 {
                i += 1
                continue
            }
            if CharacterClass.isNewline(c) {
                emit(s, start, i, into: &result)
                start = i
                i += 1
                start = i
                continue
            }
            if i - start >= maxLength {
                // Cut at the last space or clause mark in the final stretch, else here.
                var cut = i
                var k = i - 1
                while k > i - 100 {
                    if CharacterClass.isSpace(s[k]) || CharacterClass.isClauseBreak(s[k]) { cut = k + 1; break }
                    k -= 1
                }
                emit(s, start, cut, into: &result)
                start = cut
                continue
            }
            switch c {
            case 0x3002, 0xFF01, 0xFF1F, 0xFF1B:  // 。！？；
                i = closeQuotes(s, after: i + 1)
                emit(s, start, i, into: &result)
                start = i
                continue
            case 0x21, 0x3F, 0x3B:  // ! ? ;
                let prevHan = i > 0 && CharacterClass.isHan(s[i - 1])
                let nextHan = i + 1 < n && CharacterClass.isHan(s[i + 1])
                let nextSpace = i + 1 >= n || CharacterClass.isSpace(s[i + 1]) || CharacterClass.isNewline(s[i + 1])
                if prevHan || nextHan || (c != 0x3B && nextSpace) || (c != 0x3B && i + 1 < n && isQuote(s[i + 1])) {
                    i = closeQuotes(s, after: i + 1)
                    emit(s, start, i, into: &result)
                    start = i
                    continue
                }
            case 0x2E:  // .
                if endsEnglishSentence(s, at: i) {
                    i = closeQuotes(s, after: i + 1)
                    emit(s, start, i, into: &result)
                    start = i
                    continue
                }
            default:
                break
            }
            i += 1
        }
        emit(s, start, n, into: &result)
        return result
    }

    /// Appends `start..<end` trimmed of whitespace, unless nothing is left.
    private static func emit(_ s: [UInt32], _ start: Int, _ end: Int, into result: inout [Range<Int>]) {
        var a = start
        var b = end
        while a < b, CharacterClass.isSpace(s[a]) || CharacterClass.isNewline(s[a]) { a += 1 }
        while b > a, CharacterClass.isSpace(s[b - 1]) || CharacterClass.isNewline(s[b - 1]) { b -= 1 }
        if a < b { result.append(a..<b) }
    }

    @inline(__always)
    static func isQuote(_ c: UInt32) -> Bool {
        c == 0x22 || c == 0x27 || c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0xFF09 || c == 0x29
    }

    private static func closeQuotes(_ s: [UInt32], after i: Int) -> Int {
        var j = i
        while j < s.count, j < i + 3, isQuote(s[j]) { j += 1 }
        return j
    }

    /// Whether the `.` at `i` ends a sentence.
    private static func endsEnglishSentence(_ s: [UInt32], at i: Int) -> Bool {
        let n = s.count
        // Inside a number (3.5) or a domain (example.com): not an end.
        if i + 1 < n, !CharacterClass.isSpace(s[i + 1]), !CharacterClass.isNewline(s[i + 1]), !isQuote(s[i + 1]) {
            return i > 0 && CharacterClass.isHan(s[i + 1])
        }
        // The word before the dot.
        var a = i
        while a > 0, i - a <= 6, CharacterClass.isLatinLetter(s[a - 1]) || s[a - 1] == 0x2E { a -= 1 }
        if i - a == 1, CharacterClass.isUppercaseLatin(s[a]) { return false }  // initials: J. Smith
        if i - a <= 5, a == 0 || !CharacterClass.isLatinLetter(s[a - 1]), abbreviations.contains(s[a..<i].map { ScriptFolding.fold($0) }) {
            // "Inc." ends a sentence only when a capitalised sentence clearly follows; stay conservative.
            return false
        }
        // Next non-space must start a sentence: a capital, a digit, a quote, CJK, or the end.
        var j = i + 1
        while j < n, CharacterClass.isSpace(s[j]) || isQuote(s[j]) { j += 1 }
        if j >= n || CharacterClass.isNewline(s[j]) { return true }
        let next = s[j]
        return CharacterClass.isUppercaseLatin(next) || CharacterClass.isDigit(next) || CharacterClass.isHan(next)
            || next == 0x24 || next == 0x201C || next == 0x22
    }
}
