import CLibXML2

/// The page's visible text cut into blocks as a reader sees them: a block ends at every
/// block element's edge and at every run of two or more `<br>`, whatever element holds it.
///
/// The first pass scores only paragraph elements (`<p>`, blockless `<div>`s); a post body
/// written as bare text with `<br><br>` between paragraphs, beside an image `<div>`, gives it
/// nothing to score. These blocks are what the second look scores instead, and what the
/// densest text region is made of. Built only when the first pass looks short, so its
/// cost (one more walk over the body) is paid by few pages.
struct TextBlocks {
    struct Block {
        /// Record index of the nearest block element holding the text.
        let owner: Int
        var units: Int32 = 0
        var linkUnits: Int32 = 0
        /// Commas, Latin and CJK (as `PageAnalysis` counts them).
        var punctuation: Int32 = 0
        /// `.`, `!`, `?`, `。`, `！`, `？`: a block with one holds a sentence, not a label.
        var sentenceEnds: Int32 = 0
        /// Where the text, whitespace collapsed, lies in `TextBlocks.text`.
        var text: Range<Int> = 0..<0

        var linkDensity: Float { units > 0 ? Float(linkUnits) / Float(units) : 0 }
    }

    private(set) var blocks: [Block] = []
    /// Every block's text back to back (one buffer, not one array per block).
    private(set) var text: [UInt8] = []
    private(set) var steps = 0

    /// The blocks below `root` (the page's `<body>`), in document order; elements the
    /// analysis skipped (invisible, hidden) are left out with everything below them.
    init(root: xmlNodePtr, analysis: PageAnalysis) {
        var builder = Builder()
        builder.text.reserveCapacity(16 * 1024)
        var owners: [Int] = []  // block elements open, innermost last
        var open: [Int] = []  // every element open, innermost last
        var node: xmlNodePtr? = root
        func close(_ index: Int) {
            let traits = analysis.elements[index].traits
            if traits.contains(.link) { builder.linkDepth -= 1 }
            if traits.contains(.block) {
                builder.flush(into: &blocks)
                owners.removeLast()
                builder.owner = owners.last ?? -1
            }
        }
        while let current = node {
            steps += 1
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                guard let index = PageAnalysis.index(of: current) else { break }
                let traits = analysis.elements[index].traits
                if traits.contains(.lineBreak) {
                    builder.lineBreak(into: &blocks)
                } else if traits.contains(.block) {
                    builder.flush(into: &blocks)
                    owners.append(index)
                    builder.owner = index
                }
                if traits.contains(.link) { builder.linkDepth += 1 }
                if let child = current.pointee.children {
                    open.append(index)
                    node = child
                    continue
                }
                close(index)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { builder.append(content) }
            default:
                break
            }
            // Climb until a next sibling exists, closing the elements left.
            var up = current
            node = nil
            while up != root {
                steps += 1
                if let next = up.pointee.next {
                    node = next
                    break
                }
                guard let parent = up.pointee.parent, let index = open.popLast() else { break }
                close(index)
                up = parent
            }
        }
        builder.flush(into: &blocks)
        text = builder.text
    }

    /// Accumulates the block being read.
    private struct Builder {
        var current: Block?
        var text: [UInt8] = []
        var owner = -1
        var linkDepth = 0
        var pendingSpace = false
        /// `<br>`s since the last visible character.
        var breaks = 0

        static func endsSentence(after next: UInt8) -> Bool {
            next == 0 || next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D || next == 0x22 || next == 0x27
                || next == 0x29 || next == 0x5D || next == 0xE2 || next == 0xC2
        }

        mutating func flush(into blocks: inout [Block]) {
            if var block = current, block.units > 0 {
                block.text = block.text.lowerBound..<text.count
                blocks.append(block)
            }
            current = nil
            pendingSpace = false
            breaks = 0
        }

        mutating func lineBreak(into blocks: inout [Block]) {
            breaks += 1
            if breaks >= 2 { flush(into: &blocks) } else { pendingSpace = true }
        }

        mutating func append(_ content: UnsafePointer<xmlChar>) {
            guard owner >= 0 else { return }
            var p = content
            while true {
                let b = p.pointee
                if b == 0 { break }
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C || (b == 0xC2 && p[1] == 0xA0) {
                    pendingSpace = true
                    p += b == 0xC2 ? 2 : 1
                    continue
                }
                if current == nil { current = Block(owner: owner, text: text.count..<text.count) }
                breaks = 0
                if pendingSpace && text.count > current!.text.lowerBound { text.append(0x20) }
                pendingSpace = false
                var weight: Int32 = 0
                if b < 0x80 {
                    weight = 1
                    if b == 0x2C { current!.punctuation += 1 }
                    // A full stop ends a sentence only before a space, a quote, a bracket or the
                    // end of the text: not in "3.2", "a.m." or "example.com".
                    if (b == 0x2E || b == 0x21 || b == 0x3F) && Self.endsSentence(after: p[1]) {
                        current!.sentenceEnds += 1
                    }
                } else if b >= 0xE0 {
                    weight = 3
                    if b == 0xEF && p[1] == 0xBC && p[2] == 0x8C { current!.punctuation += 1 }
                    if b == 0xE3 && p[1] == 0x80 && p[2] == 0x81 { current!.punctuation += 1 }
                    if b == 0xE3 && p[1] == 0x80 && p[2] == 0x82 { current!.sentenceEnds += 1 }
                    if b == 0xEF && p[1] == 0xBC && (p[2] == 0x81 || p[2] == 0x9F) { current!.sentenceEnds += 1 }
                } else if b >= 0xC0 {
                    weight = 1
                }
                current!.units += weight
                if linkDepth > 0 { current!.linkUnits += weight }
                text.append(b)
                p += 1
            }
        }
    }
}

extension TextBlocks {
    /// A stretch of consecutive blocks: `range` into `blocks`, and the prose it holds.
    struct Region {
        let range: Range<Int>
        /// Units of the prose blocks in the range.
        let proseUnits: Int
        /// Sentence ends in the prose blocks of the range.
        let sentences: Int
    }

    /// Whether a block reads as running text: a sentence or a long comma-rich stretch,
    /// with little of it link text.
    static func isProse(_ block: Block) -> Bool {
        block.units >= 10 && block.linkDensity <= 0.3
            && (block.sentenceEnds > 0 || block.punctuation > 1 || block.units >= 80)
    }

    /// The densest text region: the run of consecutive blocks in which prose outweighs
    /// everything else by the most (the maximum-sum run, found in one pass). A prose
    /// block counts its text not in links; any other block, and any block `excluded` says
    /// is boilerplate, counts against the run by its size (at least 10: a row of tiny links
    /// breaks a run as surely as one long one); a heading counts nothing either way.
    func densestRegion(
        excluded: (Block) -> Bool, isHeading: (Block) -> Bool
    ) -> Region? {
        var best: Region?
        var bestSum = 0
        var start = 0
        var sum = 0
        var prose = 0
        var sentences = 0
        for (i, block) in blocks.enumerated() {
            let value: Int
            if excluded(block) {
                value = -max(10, Int(block.units))
            } else if isHeading(block) && block.linkUnits == 0 {
                value = 0
            } else if Self.isProse(block) {
                value = Int(block.units - block.linkUnits)
            } else {
                value = -max(10, Int(block.units))
            }
            if sum + value <= 0 {
                sum = 0
                prose = 0
                sentences = 0
                start = i + 1
                continue
            }
            sum += value
            if value > 0 {
                prose += Int(block.units)
                sentences += Int(block.sentenceEnds)
            }
            if sum > bestSum {
                bestSum = sum
                best = Region(range: start..<(i + 1), proseUnits: prose, sentences: sentences)
            }
        }
        return best
    }

    /// The region's text as the article: its prose blocks and headings, a blank line between.
    func text(of region: Region, excluded: (Block) -> Bool, isHeading: (Block) -> Bool) -> String {
        var out: [UInt8] = []
        for block in blocks[region.range] where !excluded(block) && (Self.isProse(block) || isHeading(block)) {
            if !out.isEmpty { out.append(contentsOf: [0x0A, 0x0A]) }
            out.append(contentsOf: text[block.text])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
