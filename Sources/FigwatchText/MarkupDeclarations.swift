/// DTD markup declarations (`<!ENTITY ...>`, `<!ELEMENT ...>`, `<!ATTLIST ...>`, `<!NOTATION ...>`) and
/// a DOCTYPE's internal subset (`<!DOCTYPE html [ ... ]>`), removed before HTML parsing.
///
/// libxml2's HTML parser knows no DTDs: it reads a declaration as stray text and prints its
/// insides, so a page (or a `.dtd` file) showed `!ENTITY foo "bar">` as article text. They are
/// never text, whatever the page: cut them out, quotes and comments respected.
enum MarkupDeclarations {
    static let keywords: [[UInt8]] = ["ENTITY", "ELEMENT", "ATTLIST", "NOTATION"].map { Array($0.utf8) }

    /// The bytes without their declarations, or nil when there are none (the common case, found by
    /// looking only at each `<!`).
    static func stripped(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8]?
        var copiedUpTo = 0
        var i = 0
        let n = bytes.count
        func matches(_ word: [UInt8], at index: Int) -> Bool {
            guard index + word.count <= n else { return false }
            for k in 0..<word.count where bytes[index + k] & 0xDF != word[k] { return false }
            return true
        }
        /// The index just past the `>` closing a declaration that starts at `from`, quotes respected.
        func end(from: Int, stopAtBracket: Bool) -> (index: Int, bracket: Bool) {
            var j = from
            var quote: UInt8 = 0
            while j < n {
                let c = bytes[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: ">") {
                    return (j + 1, false)
                } else if stopAtBracket && c == UInt8(ascii: "[") {
                    return (j, true)
                }
                j += 1
            }
            return (n, false)
        }
        func cut(_ range: Range<Int>) {
            if out == nil { out = []; out!.reserveCapacity(n) }
            out!.append(contentsOf: bytes[copiedUpTo..<range.lowerBound])
            copiedUpTo = range.upperBound
        }
        while i + 1 < n {
            guard bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "!") else {
                i += 1
                continue
            }
            if matches(Array("--".utf8), at: i + 2) {
                // A comment may mention a declaration; it stays a comment.
                var j = i + 4
                while j + 2 < n, !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-") && bytes[j + 2] == UInt8(ascii: ">")) {
                    j += 1
                }
                i = j + 3
            } else if matches(Array("DOCTYPE".utf8), at: i + 2) {
                let (index, bracket) = end(from: i + 9, stopAtBracket: true)
                guard bracket else {
                    i = index
                    continue
                }
                // The internal subset: up to its `]`, past every declaration inside it.
                var j = index + 1
                while j < n && bytes[j] != UInt8(ascii: "]") {
                    if bytes[j] == UInt8(ascii: "<") {
                        j = end(from: j + 1, stopAtBracket: false).index
                    } else {
                        j += 1
                    }
                }
                cut(index..<min(j + 1, n))
                i = min(j + 1, n)
            } else if keywords.contains(where: { matches($0, at: i + 2) }) {
                let stop = end(from: i + 2, stopAtBracket: false).index
                cut(i..<stop)
                i = stop
            } else {
                i += 2
            }
        }
        guard var result = out else { return nil }
        result.append(contentsOf: bytes[copiedUpTo..<n])
        return result
    }
}
