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

    init(jsonLD: [String]) {
        for script in jsonLD {
            guard let object = Self.parse(script) else { continue }
            visitJSONLD(object)
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

    private mutating func visitJSONLD(_ value: Any) {
        if let array = value as? [Any] {
            for item in array { visitJSONLD(item) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        if let body = object["articleBody"] as? String, body.count > (articleBody?.count ?? 0) {
            articleBody = body
        }
        if headline == nil, let text = object["headline"] as? String { headline = text }
        if datePublished == nil, let text = object["datePublished"] as? String { datePublished = text }
        if inLanguage == nil, let text = object["inLanguage"] as? String { inLanguage = text }
        for (key, child) in object where key != "articleBody" {
            if child is [Any] || child is [String: Any] { visitJSONLD(child) }
        }
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
