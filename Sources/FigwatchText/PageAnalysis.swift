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
        // About one element per 60 bytes of markup on news pages.
        elements.reserveCapacity(max(256, document.byteCount / 60))
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
                if tag.traits.contains(.invisible) { break }
                var weight = 0
                if current.pointee.properties != nil {
                    let attributes = Node.commonAttributes(current)
                    if Self.isHidden(attributes) { break }
                    weight = Self.classWeight(attributes, cache: &tags)
                    if metadata.datedElements.count < 8 && Self.namesADate(tags.scratch) {
                        metadata.datedElements.append(current)
                    }
                }
                let parent = stack.last ?? -1
                if parent >= 0 && tag.traits.contains(.block) { elements[Int(parent)].hasBlockChild = true }
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
    private static func isHidden(_ attributes: Node.CommonAttributes) -> Bool {
        if attributes.hidden { return true }
        if let aria = attributes.ariaHidden, Node.contains(aria, "true") { return true }
        if let style = attributes.style {
            return styleHides(UnsafeRawPointer(style).assumingMemoryBound(to: UInt8.self))
        }
        return false
    }

    /// Whether a lowercased `class id` names a date or time box (`post_time`, `pubdate`, `date-line`).
    private static func namesADate(_ key: [UInt8]) -> Bool {
        guard key.count >= 4 else { return false }
        for i in 0...(key.count - 4) {
            let a = key[i], b = key[i + 1], c = key[i + 2], d = key[i + 3]
            if (a == 0x64 && b == 0x61 && c == 0x74 && d == 0x65) || (a == 0x74 && b == 0x69 && c == 0x6D && d == 0x65) {
                return true  // "date", "time"
            }
        }
        return false
    }

    /// Whether inline CSS says `display:none` or `visibility:hidden` (any case, any spacing).
    private static func styleHides(_ style: UnsafePointer<UInt8>) -> Bool {
        let targets: [StaticString] = ["display:none", "visibility:hidden"]
        var progress = [0, 0]
        var p = style
        while p.pointee != 0 {
            var b = p.pointee
            p += 1
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            for t in 0..<targets.count {
                let target = targets[t]
                let expected = target.utf8Start[progress[t]]
                if b == expected {
                    progress[t] += 1
                    if progress[t] == target.utf8CodeUnitCount { return true }
                } else {
                    progress[t] = b == target.utf8Start[0] ? 1 : 0
                }
            }
        }
        return false
    }

    /// `ClassHints.weight` of the element's lowercased `class` and `id`, joined by a space.
    private static func classWeight(_ attributes: Node.CommonAttributes, cache: inout TagCache) -> Int {
        let cls = attributes.cls
        let id = attributes.id
        guard cls != nil || id != nil else { return 0 }
        cache.scratch.removeAll(keepingCapacity: true)
        // Pages repeat their class names; an FNV-1a hash of the bytes keys a memo of weights.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [cls, id] {
            guard let part else { continue }
            var p = UnsafeRawPointer(part).assumingMemoryBound(to: UInt8.self)
            if !cache.scratch.isEmpty { cache.scratch.append(0x20) }
            while p.pointee != 0 {
                var b = p.pointee
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                cache.scratch.append(b)
                hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
                p += 1
            }
            hash = (hash ^ 0x20) &* 0x100_0000_01b3
        }
        if let known = cache.weights[hash] { return Int(known) }
        let weight = cache.scratch.withUnsafeBufferPointer { ClassHints.weight($0) }
        cache.weights[hash] = Int8(weight)
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
