import Foundation

/// What a page's JSON (JSON-LD and Next.js `__NEXT_DATA__`) says about its article.
///
/// Script-rendered pages often carry the article only here; the visible HTML then holds
/// a teaser or nothing. JSON that does not parse is ignored: it is a page's problem, not
/// a reason to lose its HTML text.
struct StructuredData {
    var articleBody: String?
    var headline: String?
    var datePublished: String?
    var inLanguage: String?

    /// Reads the four fields straight from each script's text, without building the object
    /// tree: cheaper than a JSON parser by far, and indifferent to the syntax errors real
    /// JSON-LD carries (raw newlines, trailing commas). The longest `articleBody` wins; the
    /// other fields take their first value.
    init(jsonLD: [String]) {
        for script in jsonLD {
            let bytes = Array(script.utf8)
            for body in JSONStrings.values(forKey: "articleBody", in: bytes) where body.utf8.count > (articleBody?.utf8.count ?? 0) {
                articleBody = body
            }
            if headline == nil { headline = JSONStrings.values(forKey: "headline", in: bytes).first }
            if datePublished == nil { datePublished = JSONStrings.values(forKey: "datePublished", in: bytes).first }
            if inLanguage == nil { inLanguage = JSONStrings.values(forKey: "inLanguage", in: bytes).first }
        }
    }

    /// The longest article-like string in a Next.js `__NEXT_DATA__` script; may be HTML.
    ///
    /// Parsed only on demand: the script can be megabytes, and most pages never need it.
    static func nextDataBody(_ script: String) -> String? {
        guard let object = parse(script) else { return nil }
        var best: String?
        longestArticleString(object, key: nil, best: &best)
        return best
    }

    private static func parse(_ text: String) -> Any? {
        // Raw control characters inside strings are invalid JSON but common in the wild.
        var cleaned = text
        if cleaned.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }) {
            cleaned = String(cleaned.map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
        }
        cleaned = cleaned.trimmingWhitespace()
        if cleaned.hasPrefix("<!--") { cleaned = String(cleaned.dropFirst(4)) }
        if cleaned.hasSuffix("-->") { cleaned = String(cleaned.dropLast(3)) }
        return try? JSONSerialization.jsonObject(with: Data(cleaned.utf8), options: [.fragmentsAllowed])
    }

    private static let articleKeys: Set<String> = ["articlebody", "body", "content", "text", "html", "bodyhtml",
                                                   "contenthtml", "articlecontent"]

    private static func longestArticleString(_ value: Any, key: String?, best: inout String?) {
        if let string = value as? String {
            if let key, articleKeys.contains(key.lowercased()), string.utf8.count > (best?.utf8.count ?? 0),
                string.utf8.count > 200
            {
                best = string
            }
        } else if let array = value as? [Any] {
            // A body split into blocks: join the blocks' strings.
            let parts = array.compactMap { $0 as? String }
            if let key, articleKeys.contains(key.lowercased()), parts.count == array.count, !parts.isEmpty {
                let joined = parts.joined(separator: "\n\n")
                if joined.utf8.count > (best?.utf8.count ?? 0) && joined.utf8.count > 200 { best = joined }
            }
            for item in array { longestArticleString(item, key: key, best: &best) }
        } else if let object = value as? [String: Any] {
            for (childKey, child) in object { longestArticleString(child, key: childKey, best: &best) }
        }
    }
}
