/// Guesses the legacy charset of bytes that are not UTF-8 and say nothing about themselves.
///
/// The candidates are the ones this project meets: GB18030 (Simplified Chinese),
/// Big5-HKSCS (Traditional Chinese) and windows-1252 (Western European). Each is scored on
/// the bytes alone, without decoding:
/// - GB18030: double-byte pairs in GB2312's level-1 block (the 3755 most frequent hanzi,
///   lead 0xB0-0xD7, trail 0xA1-0xFE) and the GB forms of `，。、：；“”`.
/// - Big5: pairs in Big5's frequent-hanzi block (lead 0xA4-0xC6) and the Big5 forms of
///   `，。、：；「」`; a trail byte in 0x40-0x7E is Big5-only and tips the balance.
/// - windows-1252: high bytes standing alone between ASCII letters, as accented letters do.
/// Frequent-character blocks make the difference: GB text read as Big5 lands half its pairs
/// in rare rows, and Big5 read as GB lands in GB's symbol rows and GBK extensions.
enum CharsetDetector {
    struct Scores: Sendable, Equatable {
        var gb = 0
        var big5 = 0
        var latin = 0
        /// Pairs of a high lead byte and a trail byte of 0x40 or more.
        var pairs = 0
        /// Those pairs whose trail byte is 0x40-0x7E: about 40% of Big5 text, almost no GB2312.
        var lowTrailPairs = 0
    }

    static func scores(_ bytes: UnsafeBufferPointer<UInt8>) -> Scores {
        var s = Scores()
        let n = bytes.count
        var i = 0
        @inline(__always) func isLetter(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        }
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let previous: UInt8 = i > 0 ? bytes[i - 1] : 0x20
            let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0x20
            if next < 0x80 && (isLetter(previous) || isLetter(next)) && lead >= 0xC0 {
                s.latin += 2
            }
            guard i + 1 < n else { break }
            let trail = next
            // GB18030 four-byte sequences: lead, digit, lead, digit.
            if trail >= 0x30 && trail <= 0x39 {
                i += 2
                continue
            }
            if trail >= 0x40 {
                s.pairs += 1
                if trail <= 0x7E { s.lowTrailPairs += 1 }
            }
            if lead >= 0xB0 && lead <= 0xD7 && trail >= 0xA1 && trail <= 0xFE { s.gb += 2 }
            if lead >= 0xA4 && lead <= 0xC6 && ((trail >= 0x40 && trail <= 0x7E) || (trail >= 0xA1 && trail <= 0xFE)) {
                s.big5 += 2
                if trail <= 0x7E { s.big5 += 1 }
            }
            switch (lead, trail) {
            case (0xA3, 0xAC), (0xA1, 0xA3), (0xA1, 0xA2), (0xA3, 0xBA), (0xA3, 0xBB), (0xA1, 0xB0), (0xA1, 0xB1):
                s.gb += 3
            case (0xA1, 0x41), (0xA1, 0x43), (0xA1, 0x42), (0xA1, 0x47), (0xA1, 0x47), (0xA1, 0x65), (0xA1, 0x66):
                s.big5 += 3
            default:
                break
            }
            // A trail byte in 0x7F-0xA0 is impossible in Big5; below 0x40 impossible in both.
            if trail >= 0x7F && trail <= 0xA0 { s.big5 -= 3 }
            if trail < 0x40 {
                s.gb -= 3
                s.big5 -= 3
                i += 1
                continue
            }
            i += 2
        }
        return s
    }

    /// The other Chinese charset when the bytes plainly belong to it rather than to `declared`.
    ///
    /// Big5-HKSCS and GB18030 both accept nearly any pair of high bytes, so decoding with the
    /// wrong one rarely fails. The trail bytes still tell them apart: Big5 puts about 40% of
    /// its characters at trail bytes 0x40-0x7E, GB2312 none and GBK few. "Plainly" means at
    /// least 30 pairs, fewer than 3% of them low for Big5, more than 20% for GB.
    static func contradiction(of declared: String, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard declared == "GB18030" || declared == "BIG5-HKSCS" else { return nil }
        let s = scores(bytes)
        guard s.pairs >= 30 else { return nil }
        if declared == "BIG5-HKSCS" && s.lowTrailPairs * 100 < s.pairs * 3 && s.gb > s.big5 { return "GB18030" }
        if declared == "GB18030" && s.lowTrailPairs * 100 > s.pairs * 20 && s.big5 > s.gb { return "BIG5-HKSCS" }
        return nil
    }

    /// The most likely charset (an iconv name) for non-UTF-8 bytes.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = scores(bytes)
        if s.latin >= s.gb && s.latin >= s.big5 { return "WINDOWS-1252" }
        return s.big5 > s.gb ? "BIG5-HKSCS" : "GB18030"
    }
}
