import FigwatchCore

/// Finds phrases from a fixed list in folded text, longest match first.
///
/// Phrases are folded with `ScriptFolding` when the matcher is built, so one entry
/// matches both Chinese scripts and any Latin case. A phrase that starts (ends) with
/// a Latin letter only matches at a word start (end), so "bn" never matches inside
/// "bnb" and "raise" never inside "fundraiser"; a trailing `*` lifts the end check
/// ("rais*" matches raised, raises, raising), a leading `*` the start check, for the ends of
/// German compounds ("*umsatz" matches Quartalsumsatz). Lookup is by first scalar, so a scan
/// costs a dictionary probe per position plus the few phrases sharing that scalar.
struct PhraseMatcher<Payload> {
    struct Entry {
        var scalars: [UInt32]
        var payload: Payload
        var checkStart: Bool
        var checkEnd: Bool
    }

    private var byFirst: [UInt32: [Entry]] = [:]
    /// One bit per BMP scalar: may a phrase start with it? Skips the hash probe for most text.
    private var firstBits = [UInt64](repeating: 0, count: 1024)
    /// The longest phrase, bounding every backward search.
    private(set) var maxLength = 0
    /// Some phrase may start inside a word (a leading `*`), so scans must look there too.
    private var matchesInsideWords = false

    init(_ phrases: [(String, Payload)]) {
        for (text, payload) in phrases {
            var scalars = ScriptFolding.fold(text)
            var prefixOnly = false
            var suffixOnly = false
            if scalars.last == 0x2A {  // "*"
                scalars.removeLast()
                prefixOnly = true
            }
            if scalars.first == 0x2A {
                scalars.removeFirst()
                suffixOnly = true
                matchesInsideWords = true
            }
            guard let first = scalars.first, let last = scalars.last else { continue }
            let entry = Entry(
                scalars: scalars, payload: payload,
                checkStart: !suffixOnly && CharacterClass.isLatinLetter(first),
                checkEnd: !prefixOnly && CharacterClass.isLatinLetter(last))
            byFirst[first, default: []].append(entry)
            if first < 0x10000 { firstBits[Int(first >> 6)] |= 1 << UInt64(first & 63) } else { firstBits[0] |= 1 }
            maxLength = max(maxLength, scalars.count)
        }
        for key in byFirst.keys {
            byFirst[key]!.sort { $0.scalars.count > $1.scalars.count }
        }
    }

    /// Whether some phrase starts with the (folded) scalar `c`.
    @inline(__always)
    func mayStart(with c: UInt32) -> Bool {
        c >= 0x10000 ? byFirst[c] != nil : firstBits[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0
    }

    /// The longest phrase starting exactly at `index` and ending at or before `limit`.
    @inline(__always)
    func match(in text: [UInt32], at index: Int, limit: Int) -> (length: Int, payload: Payload)? {
        guard index < limit else { return nil }
        let c = text[index]
        guard c >= 0x10000 || firstBits[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0, let entries = byFirst[c] else { return nil }
        for entry in entries {
            let n = entry.scalars.count
            guard index + n <= limit else { continue }
            if entry.checkStart, index > 0, CharacterClass.isWordCharacter(text[index - 1]) { continue }
            if entry.checkEnd, index + n < text.count, CharacterClass.isWordCharacter(text[index + n]) { continue }
            var k = 1
            while k < n && text[index + k] == entry.scalars[k] { k += 1 }
            if k == n { return (n, entry.payload) }
        }
        return nil
    }

    /// As `match(in:at:limit:)` on text not yet folded: each scalar is folded as it is compared,
    /// so a lookup in raw text needs no folded copy.
    /// - Parameter startsWord: whether `index` starts a word whatever precedes it (a scale word
    ///   glued to its digits: "$4bn").
    @inline(__always)
    func matchFolding(in raw: [UInt32], at index: Int, limit: Int, startsWord: Bool = false) -> (length: Int, payload: Payload)? {
        guard index < limit else { return nil }
        let c = ScriptFolding.fold(raw[index])
        guard c >= 0x10000 || firstBits[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0, let entries = byFirst[c] else { return nil }
        for entry in entries {
            let n = entry.scalars.count
            guard index + n <= limit else { continue }
            if entry.checkStart, !startsWord, index > 0, CharacterClass.isWordCharacter(ScriptFolding.fold(raw[index - 1])) { continue }
            if entry.checkEnd, index + n < raw.count, CharacterClass.isWordCharacter(ScriptFolding.fold(raw[index + n])) { continue }
            var k = 1
            while k < n && ScriptFolding.fold(raw[index + k]) == entry.scalars[k] { k += 1 }
            if k == n { return (n, entry.payload) }
        }
        return nil
    }

    /// The longest phrase ending exactly at `end` (exclusive) and starting at or after `floor`.
    func match(in text: [UInt32], endingAt end: Int, floor: Int) -> (length: Int, payload: Payload)? {
        var best: (length: Int, payload: Payload)?
        var start = end - 1
        while start >= floor && end - start <= maxLength {
            if let m = match(in: text, at: start, limit: end), m.length == end - start {
                if best == nil || m.length > best!.length { best = m }
            }
            start -= 1
        }
        return best
    }

    /// Every non-overlapping longest match in `range`, left to right.
    func allMatches(in text: [UInt32], range: Range<Int>, steps: inout Int) -> [(range: Range<Int>, payload: Payload)] {
        var found: [(range: Range<Int>, payload: Payload)] = []
        var i = range.lowerBound
        while i < range.upperBound {
            steps += 1
            // Latin phrases only start at a word start: skip the inside of words.
            if !matchesInsideWords, i > range.lowerBound, CharacterClass.isLatinLetter(text[i]),
               CharacterClass.isWordCharacter(text[i - 1]) {
                i += 1
                continue
            }
            if let m = match(in: text, at: i, limit: range.upperBound) {
                found.append((i..<(i + m.length), m.payload))
                i += m.length
            } else {
                i += 1
            }
        }
        return found
    }
}

extension PhraseMatcher: Sendable where Payload: Sendable {}
extension PhraseMatcher.Entry: Sendable where Payload: Sendable {}
