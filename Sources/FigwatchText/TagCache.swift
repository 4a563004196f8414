import CLibXML2

/// Element names to `TagTraits`, memoized per document.
///
/// libxml2's HTML parser interns element names in the document's dictionary, so one
/// pointer stands for one name and a pointer-keyed cache skips building a `String` per
/// element (the analysis meets tens of thousands of elements on a large page).
struct TagCache {
    /// Elements whose content or attributes feed the page's metadata.
    enum Special: UInt8 {
        case none, meta, link, title, html, time, script, body
    }

    struct Kind {
        let traits: TagTraits
        let special: Special
    }

    private var kinds: [UnsafeRawPointer: Kind] = [:]
    /// Reused buffer for an element's lowercased `class` and `id`.
    var scratch: [UInt8] = []
    /// `ClassHints` weights by a 64-bit hash of that text.
    var weights: [UInt64: Int8] = [:]

    mutating func kind(of node: xmlNodePtr) -> Kind {
        guard let name = node.pointee.name else { return Kind(traits: [], special: .none) }
        let key = UnsafeRawPointer(name)
        if let known = kinds[key] { return known }
        let string = String(cString: UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)).lowercased()
        let special: Special =
            switch string {
            case "meta": .meta
            case "link": .link
            case "title": .title
            case "html": .html
            case "time": .time
            case "script": .script
            case "body": .body
            default: .none
            }
        let kind = Kind(traits: TagTraits.of(string), special: special)
        kinds[key] = kind
        return kind
    }
}
