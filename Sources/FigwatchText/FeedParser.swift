import CLibXML2
import FigwatchCore
import Foundation

/// One entry of a feed: the article it links to.
public struct FeedItem: Sendable, Hashable {
    /// Absolute URL of the article.
    public var link: String
    public var title: String?
    /// UTC epoch milliseconds, when the item states it.
    public var publishedAt: Int64?

    public init(link: String, title: String? = nil, publishedAt: Int64? = nil) {
        self.link = link
        self.title = title
        self.publishedAt = publishedAt
    }
}

/// A parsed RSS 2.0, Atom 1.0 or RDF (RSS 1.0) feed.
public struct Feed: Sendable, Hashable {
    public enum Format: String, Sendable { case rss, atom, rdf }
    public var format: Format
    public var title: String?
    public var items: [FeedItem]
}

/// Reads feeds with libxml2's XML parser, hardened for documents from strangers.
///
/// Network access is off (`XML_PARSE_NONET`), the external subset is never loaded,
/// entities are never substituted (no `XML_PARSE_NOENT`), and text is collected from
/// text and CDATA nodes only, so an entity reference can neither read a local file
/// (XXE) nor multiply itself into gigabytes (billion laughs). The charset comes from
/// the XML declaration, as the XML specification says.
public enum FeedParser {
    /// At most this many items are read from one feed; feeds list the newest first.
    public static let defaultMaxItems = 1_000

    private static let initialized: Void = { xmlInitParser() }()

    /// - Parameters:
    ///   - bytes: the feed document.
    ///   - baseURL: the feed's URL, against which relative links are resolved.
    /// - Throws: `TextError` when the bytes are not a feed at all.
    public static func parse(_ bytes: [UInt8], baseURL: String?, maxItems: Int = defaultMaxItems) throws(TextError) -> Feed {
        let document = try hardenedDocument(bytes, url: baseURL)
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw TextError(.parseFailed, "\(baseURL ?? "feed"): not a feed: empty document")
        }
        let base = baseURL.flatMap { URL(string: $0) }
        switch localName(root) {
        case "rss":
            let channel = children(of: root).first { localName($0) == "channel" }
            let items = channel.map { children(of: $0).filter { localName($0) == "item" } } ?? []
            return Feed(format: .rss, title: channel.flatMap { childText($0, "title") },
                        items: read(items.prefix(maxItems), base: base, reader: rssItem))
        case "feed":
            let entries = children(of: root).filter { localName($0) == "entry" }
            return Feed(format: .atom, title: childText(root, "title"),
                        items: read(entries.prefix(maxItems), base: base, reader: atomEntry))
        case "RDF":
            let channel = children(of: root).first { localName($0) == "channel" }
            let items = children(of: root).filter { localName($0) == "item" }
            return Feed(format: .rdf, title: channel.flatMap { childText($0, "title") },
                        items: read(items.prefix(maxItems), base: base, reader: rssItem))
        default:
            throw TextError(.parseFailed, "\(baseURL ?? "feed"): not a feed: the root element <\(localName(root))> is not rss, feed or rdf:RDF")
        }
    }

    /// Parses XML from strangers: no network, no external subset, and no entity is ever
    /// declared (the SAX handler's `entityDecl` is removed), so a reference to one expands
    /// to nothing, in text and in attribute values alike, where libxml2 would otherwise
    /// substitute internal entities even without `XML_PARSE_NOENT`. The caller frees the
    /// document.
    static func hardenedDocument(_ bytes: [UInt8], url: String?) throws(TextError) -> xmlDocPtr {
        _ = FeedParser.initialized
        guard let context = xmlNewParserCtxt() else {
            throw TextError(.parseFailed, "\(url ?? "document"): libxml2 could not create a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        context.pointee.sax?.pointee.entityDecl = nil
        // Encoding and I/O errors bypass XML_PARSE_NOERROR and would land on stderr, which is
        // the daemon's log: a structured handler (per thread) swallows them.
        xmlSetStructuredErrorFunc(nil, { _, _ in })
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_RECOVER.rawValue)
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(context, $0, Int32(clamping: buffer.count), url, nil, options)
                }
            }
        }
        guard let document else {
            throw TextError(.parseFailed, "\(url ?? "document"): not well-formed XML")
        }
        return document
    }

    private static func read(_ nodes: ArraySlice<xmlNodePtr>, base: URL?, reader: (xmlNodePtr) -> (String?, String?, Int64?)) -> [FeedItem] {
        var seen = Set<String>()
        var items: [FeedItem] = []
        for node in nodes {
            let (rawLink, title, published) = reader(node)
            guard let rawLink, let link = resolve(rawLink, against: base), seen.insert(link).inserted else { continue }
            items.append(FeedItem(link: link, title: title, publishedAt: published))
        }
        return items
    }

    private static func rssItem(_ item: xmlNodePtr) -> (String?, String?, Int64?) {
        var link = childText(item, "link")
        if link == nil, let guid = children(of: item).first(where: { localName($0) == "guid" }),
            attribute(guid, "isPermaLink") != "false" {
            link = text(of: guid)
        }
        let date = childText(item, "pubDate").flatMap(HTTPDate.parse) ?? childText(item, "date").flatMap(Timestamp.parse)
        return (link, childText(item, "title"), date)
    }

    private static func atomEntry(_ entry: xmlNodePtr) -> (String?, String?, Int64?) {
        let links = children(of: entry).filter { localName($0) == "link" }
        let chosen = links.first { (attribute($0, "rel") ?? "alternate") == "alternate" } ?? links.first
        let date = (childText(entry, "published") ?? childText(entry, "updated")).flatMap(Timestamp.parse)
        return (chosen.flatMap { attribute($0, "href") }, childText(entry, "title"), date)
    }

    static func resolve(_ link: String, against base: URL?) -> String? {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let url = URL(string: trimmed, relativeTo: base)?.absoluteURL,
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            components.host?.isEmpty == false
        else { return nil }
        // `HTTP://Example.com/a` and `http://example.com/a` are one link (found by the feed fuzzer).
        components.scheme = scheme
        components.host = components.host?.lowercased()
        return components.url?.absoluteString
    }

    // MARK: - Tree helpers

    static func localName(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// Text and CDATA content only: entity references are skipped, never expanded.
    static func text(of node: xmlNodePtr) -> String? {
        var out = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                let content = current.pointee.content {
                out += String(cString: content)
            }
            child = current.pointee.next
        }
        let trimmed = out.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func childText(_ node: xmlNodePtr, _ name: String) -> String? {
        children(of: node).first { localName($0) == name }.flatMap(text(of:))
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { fw_xml_free(value) }
        return String(cString: value)
    }
}

