/// Scalar classification used by the hand-written lexers.
///
/// Everything here works on raw `UInt32` scalar values so that the hot loops never
/// touch `Character` (grapheme breaking) or `Regex` (whose `\d` matches 万 and 亿).
enum CharacterClass {
    /// ASCII or full-width digit value, else `nil`.
    @inline(__always)
    static func digit(_ c: UInt32) -> Int? {
        if c >= 0x30 && c <= 0x39 { return Int(c - 0x30) }
        if c >= 0xFF10 && c <= 0xFF19 { return Int(c - 0xFF10) }
        return nil
    }

    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { digit(c) != nil }

    @inline(__always)
    static func isLatinLetter(_ c: UInt32) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
            || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)
    }

    @inline(__always)
    static func isUppercaseLatin(_ c: UInt32) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0xC0 && c <= 0xDE && c != 0xD7)
    }

    /// CJK unified ideographs (BMP blocks and extension A).
    @inline(__always)
    static func isHan(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)
    }

    @inline(__always)
    static func isKana(_ c: UInt32) -> Bool { c >= 0x3040 && c <= 0x30FF }

    @inline(__always)
    static func isHangul(_ c: UInt32) -> Bool { c >= 0xAC00 && c <= 0xD7AF }

    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0x09 || c == 0xA0 || c == 0x3000 || c == 0x2009 || c == 0x202F || c == 0x200B
    }

    @inline(__always)
    static func isNewline(_ c: UInt32) -> Bool { c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029 }

    /// A letter or digit of a word: Latin, digits, or an apostrophe inside a word is handled by callers.
    @inline(__always)
    static func isWordCharacter(_ c: UInt32) -> Bool { isLatinLetter(c) || isDigit(c) }

    /// Punctuation that ends a clause inside a sentence (after folding full-width forms).
    @inline(__always)
    static func isClauseBreak(_ c: UInt32) -> Bool {
        switch c {
        case 0x2C, 0x3B, 0x3A, 0x3001, 0xFF0C, 0xFF1B, 0xFF1A, 0x2014, 0x2013: return true  // , ; : 、 ， ； ： — –
        default: return false
        }
    }

    /// Where the clause holding `position` starts: after the last clause break before it, but no
    /// further back than `floor`, so work per amount stays bounded on a page that is one endless clause.
    static func clauseStart(in raw: [UInt32], before position: Int, floor: Int) -> Int {
        var k = position
        while k > floor, !isClauseBreak(raw[k - 1]) { k -= 1 }
        return k
    }

    /// UTF-8 length of a scalar.
    @inline(__always)
    static func utf8Length(_ c: UInt32) -> Int {
        1 + (c >= 0x80 ? 1 : 0) + (c >= 0x800 ? 1 : 0) + (c >= 0x10000 ? 1 : 0)
    }

    /// The scalars of `text`, decoded straight from its UTF-8 storage when it has one.
    static func scalars(of text: String) -> [UInt32] {
        var text = text
        return text.withUTF8 { bytes in
            var out = [UInt32]()
            out.reserveCapacity(bytes.count)
            var i = 0
            let n = bytes.count
            while i < n {
                let b0 = UInt32(bytes[i])
                if b0 < 0x80 {
                    out.append(b0)
                    i += 1
                } else if b0 < 0xE0, i + 1 < n {
                    out.append((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F))
                    i += 2
                } else if b0 < 0xF0, i + 2 < n {
                    out.append((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))
                    i += 3
                } else if i + 3 < n {
                    out.append((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F))
                    i += 4
                } else {
                    break  // a String is valid UTF-8, so this is unreachable
                }
            }
            return out
        }
    }
}
