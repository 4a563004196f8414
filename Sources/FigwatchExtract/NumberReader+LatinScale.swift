/// English and European scale words after digits: "4 trillion", "$4bn", "$4-trillion", "2,3 Milliarden".
extension NumberReader {
    /// Scale words after digits: (power of ten, end index).
    static func latinScale(_ s: [UInt32], at start: Int, limit: Int, words: PhraseMatcher<(Int, Bool)>) -> (Int, Int)? {
        guard start < limit else { return nil }
        var i = start
        var separated = false
        if CharacterClass.isSpace(s[i]) || s[i] == 0x2D {  // one space or hyphen: "4 trillion", "4-trillion"
            i += 1
            separated = true
        }
        guard i < limit, CharacterClass.isLatinLetter(s[i]) else { return nil }
        guard let m = words.matchFolding(in: s, at: i, limit: min(limit, i + 16), startsWord: true) else { return nil }
        let (exponent, singleLetter) = m.payload
        if singleLetter {
            // "$4bn", "$18M", "$4t": letters only when attached; "4 m" is a length.
            guard !separated else { return nil }
        }
        return (exponent, i + m.length)
    }
}
