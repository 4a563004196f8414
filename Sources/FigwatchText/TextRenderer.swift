import CLibXML2

/// Writes the visible text below chosen elements: whitespace collapsed, a blank line
/// between blocks and for two or more `<br>` in a row, a line break for one `<br>`.
///
/// In article mode it leaves out, inside the chosen containers, what a reader skips:
/// furniture (by tag or class), and lists or boxes that are mostly link text (the
/// related-headline boxes that repeat money figures of other stories).
struct TextRenderer {
    enum Mode {
        /// Article text: the chosen containers minus furniture and link lists.
        case article
        /// Every visible text node (`figwatch text --full`, explicit content XPaths).
        case full
    }

    private var out: [UInt8] = []
    private var pendingSpace = false
    /// 0: none, 1: line break, 2: paragraph break.
    private var pendingBreak = 0
    let mode: Mode
    /// Loop iterations of every `render` so far: the work the linear-work test counts.
    private(set) var steps = 0

    init(mode: Mode) {
        self.mode = mode
        out.reserveCapacity(16 * 1024)
    }

    var text: String { String(decoding: out, as: UTF8.self) }
    var isEmpty: Bool { out.isEmpty }

    /// Appends the text below `root` (the root itself is always rendered).
    mutating func render(_ root: xmlNodePtr, analysis: PageAnalysis) {
        breakParagraph()
        var node: xmlNodePtr? = root
        while let current = node {
            steps += 1
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                // Elements the analysis skipped (invisible, hidden) have no record.
                guard let index = PageAnalysis.index(of: current) else { break }
                let element = analysis.elements[index]
                if current != root && mode == .article && Self.isSkipped(element) { break }
                if element.traits.contains(.lineBreak) {
                    // A second `<br>` with no text since the first ends the paragraph.
                    pendingBreak = pendingBreak >= 1 ? 2 : 1
                } else if element.traits.contains(.block) {
                    breakParagraph()
                }
                descend = current.pointee.children != nil
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { append(content) }
            default:
                break
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            node = nil
            var climbing: xmlNodePtr? = current
            while let up = climbing, up != root {
                steps += 1
                if let next = up.pointee.next {
                    node = next
                    break
                }
                climbing = up.pointee.parent
                if let parent = climbing, parent.pointee.type == XML_ELEMENT_NODE,
                    let index = PageAnalysis.index(of: parent), analysis.elements[index].traits.contains(.block)
                {
                    breakParagraph()
                }
            }
        }
        breakParagraph()
    }

    /// Appends `text` as a paragraph of its own (an XPath that selected an attribute or text).
    mutating func appendParagraph(_ text: String) {
        breakParagraph()
        var bytes = Array(text.utf8)
        bytes.append(0)
        bytes.withUnsafeBufferPointer { append($0.baseAddress!) }
        breakParagraph()
    }

    /// Furniture, and boxes whose text is mostly links.
    private static func isSkipped(_ element: PageAnalysis.Element) -> Bool {
        if element.isFurniture { return true }
        guard element.units > 0 else { return false }
        let density = element.linkDensity
        if element.traits.contains(.list) { return density > 0.3 }
        if element.traits.contains(.block) && !element.traits.contains(.heading) {
            return density > 0.5
        }
        return false
    }

    private mutating func breakParagraph() {
        pendingBreak = 2
    }

    /// Appends a text node's bytes, collapsing whitespace (NBSP included).
    private mutating func append(_ content: UnsafePointer<xmlChar>) {
        var p = content
        while true {
            let b = p.pointee
            if b == 0 { break }
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                pendingSpace = true
                p += 1
                continue
            }
            if b == 0xC2 && p[1] == 0xA0 {
                pendingSpace = true
                p += 2
                continue
            }
            if !out.isEmpty {
                if pendingBreak > 0 {
                    while out.last == 0x20 { out.removeLast() }
                    out.append(0x0A)
                    if pendingBreak > 1 { out.append(0x0A) }
                } else if pendingSpace && out.last != 0x0A {
                    out.append(0x20)
                }
            }
            pendingBreak = 0
            pendingSpace = false
            out.append(b)
            p += 1
        }
    }
}
