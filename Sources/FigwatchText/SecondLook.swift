import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A second look at a page whose first pass kept much less than the page's densest text
/// region, or nothing: scored again without the assumptions that failed.
///
/// - Paragraphs are the page's text blocks (`TextBlocks`): bare text between `<br><br>`
///   runs and block edges scores like a `<p>`.
/// - Repeated items are not the article: an element with two or more siblings of the
///   same tag and class, each with blocks inside, some link text, and a sign of a list
///   item (a `<time>`, a `<header>` or `<footer>`, a linked heading, a line mostly of
///   links such as an author and date or "Reply"), is a comment or a teaser card,
///   whatever the `<article>` or `<main>` around it says. Its text neither scores nor
///   counts as the page's prose, and a first pass that chose mostly such items found little.
/// - A furniture class on a box holding more than half the page's text (`wrap
///   has-sidebar`) names the layout, not the box: the box is not furniture.
struct SecondLook {
    let blocks: TextBlocks
    /// Per element record: furniture or inside a repeated item, by the rules above.
    let excluded: [Bool]
    /// The densest text region among blocks outside `excluded`, when it holds a run of
    /// sentences (a lone dateline or caption is no article).
    let region: TextBlocks.Region?
    /// Per element record: how much of its text lies in repeated items.
    let listed: [Int32]
    /// What makes a run of sentences.
    static let sentencesInARun = 3
    private(set) var steps = 0

    init(analysis: PageAnalysis, root: xmlNodePtr) {
        let elements = analysis.elements
        blocks = TextBlocks(root: root, analysis: analysis)
        steps += blocks.steps
        let pageUnits = analysis.body >= 0 ? elements[Int(analysis.body)].units : (elements.first?.units ?? 0)

        // A sign of a list item below each element, summed bottom-up.
        var signed = [Bool](repeating: false, count: elements.count)
        for i in elements.indices.reversed() {
            steps += 1
            let element = elements[i]
            // A line of links (author and date, "Reply", a linked headline) is a sign too.
            let linkLine = element.traits.contains(.block) && element.units > 0 && element.linkUnits * 2 > element.units
            if element.traits.contains(.furniture) || (element.traits.contains(.heading) && element.linkUnits > 0)
                || linkLine || Self.isTime(element.node)
            {
                signed[i] = true
            }
            let parent = Int(element.parent)
            if signed[i] && parent >= 0 { signed[parent] = true }
        }
        // Siblings of one tag and class, counted per parent.
        var kinds: [SiblingKind: Int] = [:]
        for i in elements.indices where elements[i].hasBlockChild {
            steps += 1
            kinds[SiblingKind(elements[i], parent: Int(elements[i].parent)), default: 0] += 1
        }
        var excluded = [Bool](repeating: false, count: elements.count)
        var isItem = [Bool](repeating: false, count: elements.count)
        for i in elements.indices {
            steps += 1
            let element = elements[i]
            var out = element.isFurniture
            if out && !element.traits.contains(.furniture) && !element.traits.contains(.form)
                && Int(element.units) * 2 > Int(pageUnits)
            {
                out = false
            }
            let parent = Int(element.parent)
            if !out && !(parent >= 0 && excluded[parent]) && element.hasBlockChild && signed[i] && element.linkUnits > 0
                && !element.traits.contains(.paragraph) && !element.traits.contains(.heading)
                && (kinds[SiblingKind(element, parent: parent)] ?? 0) >= 3
            {
                out = true
                isItem[i] = true
            }
            excluded[i] = out || (parent >= 0 && excluded[parent])
        }
        // The text of each element that lies in list items, summed bottom-up.
        var listed = [Int32](repeating: 0, count: elements.count)
        for i in elements.indices.reversed() {
            steps += 1
            if isItem[i] { listed[i] = elements[i].units }
            let parent = Int(elements[i].parent)
            if parent >= 0 { listed[parent] += listed[i] }
        }
        self.excluded = excluded
        self.listed = listed
        region = blocks.densestRegion(
            excluded: { excluded[$0.owner] }, isHeading: { elements[$0.owner].traits.contains(.heading) }
        ).flatMap { $0.sentences >= Self.sentencesInARun ? $0 : nil }
    }

    /// Whether the first pass's `containers` hold mostly comments or teasers: each is
    /// itself inside furniture or an item, or has most of its text in items.
    func areLists(_ containers: [Int], _ analysis: PageAnalysis) -> Bool {
        containers.allSatisfy { excluded[$0] || Int(listed[$0]) * 2 > Int(analysis.elements[$0].units) }
    }

    /// Record indices of the article containers as the text blocks score them.
    mutating func containers(_ analysis: PageAnalysis) -> [Int] {
        let elements = analysis.elements
        var scores = [Float](repeating: 0, count: elements.count)
        var isCandidate = [Bool](repeating: false, count: elements.count)
        for block in blocks.blocks where block.units >= 25 && !excluded[block.owner] {
            steps += 1
            let owner = elements[block.owner]
            if owner.traits.contains(.heading) { continue }
            // A block that is its element's whole text scores like the first pass's
            // paragraph, for the element's parent; a block among others, for its element.
            let first = block.units == owner.units ? Int(owner.parent) : block.owner
            ContentSelector.award(
                ContentSelector.points(units: block.units, punctuation: block.punctuation), from: first,
                elements: elements, scores: &scores, isCandidate: &isCandidate, steps: &steps)
        }
        return ContentSelector.chosen(
            scores: &scores, isCandidate: isCandidate, excluded: excluded, elements: elements, steps: &steps)
    }

    /// The densest region's prose, for when scoring keeps less than half of it.
    func regionText(_ analysis: PageAnalysis) -> String {
        guard let region else { return "" }
        let elements = analysis.elements
        return blocks.text(
            of: region, excluded: { excluded[$0.owner] }, isHeading: { elements[$0.owner].traits.contains(.heading) })
    }

    /// The last resort: the densest region of all visible blocks, boilerplate by class
    /// included (only `nav`, `aside`, `header`, `footer` and `menu` stay out, being
    /// boilerplate by name), when it holds a run of sentences; else nothing.
    func anyRegionText(_ analysis: PageAnalysis) -> String {
        let elements = analysis.elements
        var byName = [Bool](repeating: false, count: elements.count)
        for i in elements.indices {
            let parent = Int(elements[i].parent)
            byName[i] = elements[i].traits.contains(.furniture) || (parent >= 0 && byName[parent])
        }
        let isHeading: (TextBlocks.Block) -> Bool = { elements[$0.owner].traits.contains(.heading) }
        let excluded: (TextBlocks.Block) -> Bool = { byName[$0.owner] }
        guard let region = blocks.densestRegion(excluded: excluded, isHeading: isHeading),
            region.sentences >= Self.sentencesInARun
        else { return "" }
        return blocks.text(of: region, excluded: excluded, isHeading: isHeading)
    }

    private static func isTime(_ node: xmlNodePtr) -> Bool {
        guard let name = node.pointee.name else { return false }
        return strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "time") == 0
    }

    /// Parent, tag and class of an element: siblings alike in all three are items of one list.
    private struct SiblingKind: Hashable {
        let parent: Int
        /// FNV-1a of the tag name, a zero byte, and the `class` value.
        let nameAndClass: UInt64

        init(_ element: PageAnalysis.Element, parent: Int) {
            self.parent = parent
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ text: UnsafePointer<UInt8>?) {
                guard var p = text else { return }
                while p.pointee != 0 {
                    hash = (hash ^ UInt64(p.pointee)) &* 0x100_0000_01b3
                    p += 1
                }
            }
            mix(element.node.pointee.name)
            hash = (hash ^ 0) &* 0x100_0000_01b3
            mix(Node.attribute(element.node, "class").map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) })
            nameAndClass = hash
        }
    }
}
