import CLibXML2
import Foundation

/// The raw metadata a page carries, gathered during `PageAnalysis`'s single pass and
/// interpreted only when asked for (most callers want the text first).
struct MetadataCollector {
    private(set) var title: String?
    /// `<meta>` contents keyed by lowercased `property`, `name`, `itemprop` or `http-equiv`; first wins.
    private(set) var metas: [String: String] = [:]
    private(set) var canonicalLink: String?
    private(set) var htmlLang: String?
    private(set) var timeDatetime: String?
    /// Contents of `<script type="application/ld+json">`.
    private(set) var jsonLD: [String] = []
    /// Content of `<script id="__NEXT_DATA__">`.
    private(set) var nextData: String?
    /// The first elements whose class or id names a date or time (`post_time_source`): the
    /// visible dateline, read when the page states its time nowhere else.
    var datedElements: [xmlNodePtr] = []

    /// The `<meta>` names and properties `PageMetadata` reads; others are not kept.
    static let wantedMetas: Set<String> = [
        "og:title", "twitter:title", "og:url", "og:locale", "content-language", "dc.language",
        "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish_date",
        "date", "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date",
    ]

    mutating func collect(_ node: xmlNodePtr, special: TagCache.Special) {
        switch special {
        case .meta:
            for key in ["property", "name", "itemprop", "http-equiv"] as [StaticString] {
                // Names are short: these Strings stay small and off the heap.
                guard let raw = Node.attribute(node, key) else { continue }
                let name = String(cString: raw).lowercased()
                guard Self.wantedMetas.contains(name), metas[name] == nil,
                    let content = Node.attributeString(node, "content")
                else { continue }
                metas[name] = content.trimmingWhitespace()
            }
        case .link:
            if canonicalLink == nil, let rel = Node.attribute(node, "rel"), Node.contains(rel, "canonical"),
                let href = Node.attributeString(node, "href")?.trimmingWhitespace(), !href.isEmpty
            {
                canonicalLink = href
            }
        case .title:
            if title == nil {
                let text = Node.textContent(node).collapsingWhitespace()
                if !text.isEmpty { title = text }
            }
        case .html:
            if htmlLang == nil, let lang = Node.attributeString(node, "lang")?.trimmingWhitespace(), !lang.isEmpty {
                htmlLang = lang
            }
        case .time:
            if timeDatetime == nil, let value = Node.attributeString(node, "datetime")?.trimmingWhitespace(), !value.isEmpty {
                timeDatetime = value
            }
        case .script:
            if let type = Node.attribute(node, "type"), Node.contains(type, "ld+json") {
                jsonLD.append(Node.textContent(node))
            } else if nextData == nil, let id = Node.attribute(node, "id"), Node.contains(id, "__next_data__") {
                nextData = Node.textContent(node)
            }
        case .body, .none:
            break
        }
    }
}

extension String {
    /// Runs of whitespace (including no-break spaces) become one space; ends trimmed.
    func collapsingWhitespace() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
