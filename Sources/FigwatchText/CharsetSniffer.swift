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
    /// charset=...">` or `<?xml ... encoding="..."?>` in the first 1024 bytes, in document order.
    ///
    /// A byte scan rather than a parse: the declaration has to be read before the bytes can
    /// be decoded, and the HTML standard's prescan looks only this far too.
    static func declaredCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 1024)]), as: UTF8.self)
        let lowered = head.lowercased()
        if lowered.hasPrefix("<?xml"), let end = lowered.range(of: "?>") {
            let declaration = lowered[..<end.lowerBound]
            if let value = attributeValue(named: "encoding", in: declaration) { return value }
        }
        var searchStart = lowered.startIndex
        while let meta = lowered.range(of: "<meta", range: searchStart..<lowered.endIndex) {
            let tagEnd = lowered.range(of: ">", range: meta.upperBound..<lowered.endIndex)?.lowerBound ?? lowered.endIndex
            let tag = lowered[meta.upperBound..<tagEnd]
            if let value = attributeValue(named: "charset", in: tag) { return value }
            if let equiv = attributeValue(named: "http-equiv", in: tag), equiv == "content-type",
                let content = attributeValue(named: "content", in: tag),
                let value = charset(fromContentType: content)
            {
                return value
            }
            searchStart = tagEnd
        }
        return nil
    }

    /// The value of `name=value`, `name="value"` or `name='value'` inside a tag's text.
    private static func attributeValue(named name: String, in tag: Substring) -> String? {
        var searchStart = tag.startIndex
        while let found = tag.range(of: name, range: searchStart..<tag.endIndex) {
            searchStart = found.upperBound
            // The name must stand alone: not the `charset` inside `content="...charset=..."`.
            if found.lowerBound > tag.startIndex {
                let before = tag[tag.index(before: found.lowerBound)]
                guard before == " " || before == "\t" || before == "\n" || before == "\r" || before == "/" else { continue }
            }
            var i = found.upperBound
            while i < tag.endIndex, tag[i] == " " { i = tag.index(after: i) }
            guard i < tag.endIndex, tag[i] == "=" else { continue }
            i = tag.index(after: i)
            while i < tag.endIndex, tag[i] == " " { i = tag.index(after: i) }
            guard i < tag.endIndex else { return nil }
            let quote = tag[i]
            if quote == "\"" || quote == "'" {
                let valueStart = tag.index(after: i)
                let valueEnd = tag[valueStart...].firstIndex(of: quote) ?? tag.endIndex
                return String(tag[valueStart..<valueEnd]).trimmingWhitespace()
            }
            let valueEnd = tag[i...].firstIndex { $0 == " " || $0 == ";" || $0 == "/" || $0 == "\t" } ?? tag.endIndex
            return String(tag[i..<valueEnd])
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
