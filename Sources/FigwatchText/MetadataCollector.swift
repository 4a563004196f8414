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

    mutating func collect(_ node: xmlNodePtr, special: TagCache.Special) {
        switch special {
        case .meta:
            guard let content = Node.attributeString(node, "content") else { return }
            for key in ["property", "name", "itemprop", "http-equiv"] as [StaticString] {
                if let name = Node.attributeString(node, key)?.lowercased(), metas[name] == nil {
                    metas[name] = content.trimmingWhitespace()
                }
            }
        case .link:
            if canonicalLink == nil, let rel = Node.attributeString(node, "rel"),
                rel.lowercased().split(separator: " ").contains("canonical"),
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
            if let type = Node.attributeString(node, "type"), type.lowercased().contains("ld+json") {
                jsonLD.append(Node.textContent(node))
            } else if Node.attributeString(node, "id") == "__NEXT_DATA__" {
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
