import CLibXML2

/// One pass over a parsed page: per-element text statistics for picking the article, and
/// the metadata elements (`meta`, `link`, `title`, JSON-LD scripts) met on the way.
///
/// The pass is iterative (following libxml2's child/next/parent pointers, so deep or
/// broken nesting cannot overflow a thread's stack) and touches each node once; element
/// statistics are summed bottom-up afterwards, in reverse document order. Each element's
/// record index is kept in the node's `_private` field, which libxml2 leaves to applications.
struct PageAnalysis {
    struct Element {
        let node: xmlNodePtr
        let parent: Int32
        let traits: TagTraits
        /// `ClassHints.weight` of the element's `class` and `id`.
        let classWeight: Int16
        /// Weighted visible text below the element: an ASCII character counts 1, a CJK
        /// character 3 (one hanzi carries about as much as three Latin letters).
        var units: Int32 = 0
        var linkUnits: Int32 = 0
        /// Commas and full stops, Latin and CJK: the sign of sentences rather than labels.
        var punctuation: Int32 = 0
        var hasBlockChild = false
        /// Furniture by tag or class: excluded from scoring and from the article's text.
        var isFurniture: Bool
        /// Furniture itself or inside furniture.
        var inFurniture = false
        /// The most text held by one descendant whose class promises the article.
        var promisedUnits: Int32 = 0

        var linkDensity: Float { units > 0 ? Float(linkUnits) / Float(units) : 0 }
    }

    private(set) var elements: [Element] = []
    private(set) var metadata = MetadataCollector()
    private(set) var body: Int32 = -1
    /// Loop iterations of the pass: the work the linear-work test counts.
    private(set) var steps = 0

    init(document: HTMLDocument) {
        guard let root = document.root else { return }
        elements.reserveCapacity(1024)
        walk(root)
        summarize()
    }

    /// The record index stored in `node._private`, if the pass made one for it.
    static func index(of node: xmlNodePtr) -> Int? {
        guard let raw = node.pointee._private else { return nil }
        return Int(bitPattern: raw) - 1
    }

    private mutating func walk(_ root: xmlNodePtr) {
        var tags = TagCache()
        var stack: [Int32] = []  // record indices of open elements
        var linkDepth = 0
        var node: xmlNodePtr? = root
        while let current = node {
            steps += 1
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let tag = tags.kind(of: current)
                if tag.special != .none { metadata.collect(current, special: tag.special) }
                if tag.traits.contains(.invisible) || Self.isHidden(current) { break }
                let parent = stack.last ?? -1
                if parent >= 0 && tag.traits.contains(.block) { elements[Int(parent)].hasBlockChild = true }
                let weight = Self.classWeight(current, cache: &tags)
                let furniture = tag.traits.contains(.furniture)
                    || (weight < 0 && tag.traits.contains(.block) && tag.special != .body && tag.special != .html)
                let index = Int32(elements.count)
                elements.append(Element(node: current, parent: parent, traits: tag.traits,
                                        classWeight: Int16(weight), isFurniture: furniture))
                if tag.special == .body && body < 0 { body = index }
                current.pointee._private = UnsafeMutableRawPointer(bitPattern: Int(index) + 1)
                if current.pointee.children != nil {
                    stack.append(index)
                    if tag.traits.contains(.link) { linkDepth += 1 }
                    descend = true
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let owner = stack.last, let content = current.pointee.content {
                    let measure = TextMeasure(content)
                    elements[Int(owner)].units += measure.units
                    elements[Int(owner)].punctuation += measure.punctuation
                    if linkDepth > 0 { elements[Int(owner)].linkUnits += measure.units }
                }
            default:
                break
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            // Climb until a next sibling exists, closing the elements we leave.
            var climbing: xmlNodePtr? = current
            node = nil
            while let up = climbing {
                steps += 1
                if up == root { break }
                if let next = up.pointee.next {
                    node = next
                    break
                }
                climbing = up.pointee.parent
                if let closed = stack.popLast(), elements[Int(closed)].traits.contains(.link) { linkDepth -= 1 }
            }
        }
    }

    /// Sums text statistics bottom-up and marks what lies inside furniture.
    private mutating func summarize() {
        for i in stride(from: elements.count - 1, through: 1, by: -1) {
            steps += 1
            let parent = Int(elements[i].parent)
            guard parent >= 0 else { continue }
            elements[parent].units += elements[i].units
            elements[parent].linkUnits += elements[i].linkUnits
            elements[parent].punctuation += elements[i].punctuation
            let promised = max(elements[i].promisedUnits, elements[i].classWeight > 0 ? elements[i].units : 0)
            elements[parent].promisedUnits = max(elements[parent].promisedUnits, promised)
        }
        let pageUnits = body >= 0 ? elements[Int(body)].units : (elements.first?.units ?? 0)
        for i in elements.indices {
            steps += 1
            // A form that wraps most of the page (ASP.NET) is the page, not a search box.
            if elements[i].traits.contains(.form) && elements[i].units * 2 < pageUnits {
                elements[i].isFurniture = true
            }
            // A wrapper with an unlucky class (`Page-ad-margins`) around an element that
            // promises the article and holds much of the page's text is not furniture.
            if elements[i].isFurniture && !elements[i].traits.contains(.furniture)
                && elements[i].promisedUnits * 4 >= pageUnits && elements[i].promisedUnits >= 500
            {
                elements[i].isFurniture = false
            }
            let parent = Int(elements[i].parent)
            elements[i].inFurniture = elements[i].isFurniture || (parent >= 0 && elements[parent].inFurniture)
        }
    }

    /// `hidden`, `aria-hidden="true"` or an inline `display:none` / `visibility:hidden`.
    private static func isHidden(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.properties != nil else { return false }
        if Node.attribute(node, "hidden") != nil { return true }
        if let aria = Node.attributeString(node, "aria-hidden"), aria.lowercased() == "true" { return true }
        if let style = Node.attribute(node, "style") {
            var compact = [UInt8]()
            var p = UnsafeRawPointer(style).assumingMemoryBound(to: UInt8.self)
            while p.pointee != 0 {
                let b = p.pointee
                if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { compact.append(b | (b >= 0x41 && b <= 0x5A ? 0x20 : 0)) }
                p += 1
            }
            return compact.contains(Array("display:none".utf8)) || compact.contains(Array("visibility:hidden".utf8))
        }
        return false
    }

    private static func classWeight(_ node: xmlNodePtr, cache: inout TagCache) -> Int {
        guard node.pointee.properties != nil else { return 0 }
        let cls = Node.attribute(node, "class")
        let id = Node.attribute(node, "id")
        guard cls != nil || id != nil else { return 0 }
        var key = [UInt8]()
        for part in [cls, id] {
            guard let part else { continue }
            var p = UnsafeRawPointer(part).assumingMemoryBound(to: UInt8.self)
            if !key.isEmpty { key.append(0x20) }
            while p.pointee != 0 {
                let b = p.pointee
                key.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                p += 1
            }
        }
        if let known = cache.weights[key] { return known }
        let weight = ClassHints.weight(key)
        cache.weights[key] = weight
        return weight
    }
}

/// Text statistics of one text node, read straight from its UTF-8 bytes.
struct TextMeasure {
    var units: Int32 = 0
    var punctuation: Int32 = 0

    init(_ content: UnsafePointer<xmlChar>) {
        var p = content
        while true {
            let b = p.pointee
            if b == 0 { break }
            if b < 0x80 {
                if b > 0x20 { units += 1 }
                if b == 0x2C { punctuation += 1 }
            } else if b >= 0xE0 {
                units += 3
                // ，(EF BC 8C) 。(E3 80 82) 、(E3 80 81)
                if b == 0xEF && p[1] == 0xBC && p[2] == 0x8C { punctuation += 1 }
                if b == 0xE3 && p[1] == 0x80 && (p[2] == 0x82 || p[2] == 0x81) { punctuation += 1 }
            } else if b >= 0xC0 {
                units += 1
            }
            p += 1
        }
    }
}
