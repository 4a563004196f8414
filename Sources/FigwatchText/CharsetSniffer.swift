import Foundation

/// Finds the charset a document states about itself: a BOM, an HTTP `Content-Type`
/// parameter, or a declaration in its first 1024 bytes.
enum CharsetSniffer {
    /// The byte-order mark at the start of `bytes`: the charset and the mark's length.
    static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> (charset: String, length: Int)? {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return ("UTF-8", 3)
        }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return ("UTF-16LE", 2) }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return ("UTF-16BE", 2) }
        return nil
    }

    /// The `charset` parameter of a `Content-Type` value such as `text/html; charset="Big5"`.
    static func charset(fromContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                pair[0].trimmingWhitespace().lowercased() == "charset"
            else { continue }
            let value = pair[1].trimmingWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The charset named by `<meta charset>`, `<meta http-equiv="Content-Type" content="...;
    /// charset=...">` or `<?xml ... encoding="..."?>` in the first `limit` bytes, in document order.
    ///
    /// A byte scan rather than a parse: the declaration has to be read before the bytes can
    /// be decoded. The HTML standard's prescan reads 1024 bytes; callers look further only
    /// once that found nothing.
    static func declaredCharset(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 1024) -> String? {
        let n = min(bytes.count, limit)
        @inline(__always) func matches(_ word: StaticString, at i: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= n else { return false }
            for k in 0..<count {
                var b = bytes[i + k]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != word.utf8Start[k] { return false }
            }
            return true
        }
        /// The lowercased text from `start` up to the next `terminator` (or the limit).
        func text(from start: Int, until terminator: UInt8) -> (String, end: Int) {
            var end = start
            while end < n && bytes[end] != terminator { end += 1 }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased(), end)
        }
        if matches("<?xml", at: 0) {
            let (declaration, _) = text(from: 5, until: UInt8(ascii: ">"))
            if let value = attributes(Substring(declaration))["encoding"], !value.isEmpty { return value }
        }
        var i = 0
        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), matches("<meta", at: i) else {
                i += 1
                continue
            }
            let (tag, end) = text(from: i + 5, until: UInt8(ascii: ">"))
            let attributes = attributes(Substring(tag))
            if let value = attributes["charset"], !value.isEmpty { return value }
            if attributes["http-equiv"] == "content-type", let content = attributes["content"],
                let value = charset(fromContentType: content)
            {
                return value
            }
            i = end
        }
        return nil
    }

    /// The attributes of a tag's inside (`name="v" other=w flag`), later duplicates ignored.
    private static func attributes(_ tag: Substring) -> [String: String] {
        var result: [String: String] = [:]
        let scalars = Array(tag.unicodeScalars)
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "/" || c == "\u{0C}" }
        while i < scalars.count {
            while i < scalars.count && isSpace(scalars[i]) { i += 1 }
            var name = ""
            while i < scalars.count && !isSpace(scalars[i]) && scalars[i] != "=" {
                name.unicodeScalars.append(scalars[i])
                i += 1
            }
            while i < scalars.count && scalars[i] == " " { i += 1 }
            var value = ""
            if i < scalars.count && scalars[i] == "=" {
                i += 1
                while i < scalars.count && scalars[i] == " " { i += 1 }
                if i < scalars.count && (scalars[i] == "\"" || scalars[i] == "'") {
                    let quote = scalars[i]
                    i += 1
                    while i < scalars.count && scalars[i] != quote {
                        value.unicodeScalars.append(scalars[i])
                        i += 1
                    }
                    i += 1
                } else {
                    while i < scalars.count && scalars[i] != " " && scalars[i] != "\t" && scalars[i] != "\n" {
                        value.unicodeScalars.append(scalars[i])
                        i += 1
                    }
                }
            }
            if !name.isEmpty && result[name] == nil { result[name] = value.trimmingWhitespace() }
            if name.isEmpty && value.isEmpty { i += 1 }
        }
        return result
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace (Unicode's definition, so NBSP too).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
