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

    /// UTF-8 length of a scalar.
    @inline(__always)
    static func utf8Length(_ c: UInt32) -> Int {
        c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
    }
}
