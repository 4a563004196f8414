/// When and how the extractor looks at a page a second time (see `SecondLook`).
///
/// The rule: the first pass's text stands unless it found little, and the page's densest
/// text region holds more than twice its prose. It found little when its text is empty,
/// shorter than `shortText` units (about five sentences), or taken mostly from what the
/// second look counts as comments or teasers (`SecondLook.areLists`) while the text outside
/// them holds a region of `shortText` units and half as much as they do (such a first pass
/// counts as having kept nothing). Then the text blocks are scored again, and their choice
/// is kept when it holds at least half the region's prose; else the JSON-LD `articleBody`
/// by the same test; else the region itself (`fallback`). A page whose first pass kept
/// nothing and that has no such region gets the densest region of all its visible text,
/// furniture by class included, when that holds a run of sentences (`fallback` too).
///
/// A first pass of several paragraphs from a container that is not a list is never
/// replaced, however large the region: such choices are right far more often than a larger
/// region is the article (replacing them lost on the corpus's scoring split).
extension ArticleExtractor {
    /// Below this many units (ASCII 1, CJK 3) a first pass's text may be a teaser.
    static let shortText = 500

    /// Whether the page's text outside furniture and links could hold what the second look
    /// needs beside the first pass's `units`: a bound found from the analysis alone, so that
    /// most pages skip the second look's walk. A furniture class on a box holding most of the page (which the second
    /// look disbelieves) voids the bound.
    static func mayHaveMissed(_ units: Int, analysis: PageAnalysis) -> Bool {
        if units == 0 { return true }
        let elements = analysis.elements
        guard analysis.body >= 0 else { return false }
        let page = elements[Int(analysis.body)]
        var furnitureUnits = 0
        var furnitureLinks = 0
        for i in elements.indices where elements[i].isFurniture {
            let parent = Int(elements[i].parent)
            guard parent < 0 || !elements[parent].inFurniture else { continue }
            if Int(elements[i].units) * 2 > Int(page.units) && !elements[i].traits.contains(.furniture) { return true }
            furnitureUnits += Int(elements[i].units)
            furnitureLinks += Int(elements[i].linkUnits)
        }
        let bound = Int(page.units) - furnitureUnits - (Int(page.linkUnits) - furnitureLinks)
        // Short text: the region must be able to hold twice as much. Long text: it may be a
        // list of comments, so the rest of the page must be able to hold an article.
        return bound > units + min(units, shortText)
    }

    /// The second look's text and how it was chosen, by the rule above; the first pass's
    /// text and `.primary` when the region does not outweigh it.
    static func secondLook(
        _ look: inout SecondLook, firstPass: String, containers: [Int], analysis: PageAnalysis,
        structured: StructuredData, diagnostics: inout [String]
    ) -> (String, Extraction) {
        // A first pass that chose comments or teasers kept nothing of an article.
        // A first pass that chose comments or teasers kept nothing of an article, when the
        // text outside them holds a region an article could be: several sentences, and at
        // least half as much as the items (not a standfirst beside the sections of a long
        // read that merely look like items).
        let listsOnly = !containers.isEmpty && look.areLists(containers, analysis)
            && (look.region.map { $0.proseUnits >= shortText && 2 * $0.proseUnits >= units(firstPass) } ?? false)
        let firstUnits = listsOnly ? 0 : units(firstPass)
        guard firstUnits < shortText, let region = look.region, region.proseUnits > 2 * firstUnits else {
            if firstPass.isEmpty {
                let text = look.anyRegionText(analysis)
                if !text.isEmpty {
                    diagnostics.append(
                        "nothing on the page scored as an article; text is its densest text region, boilerplate included (fallback)")
                    return (text, .fallback)
                }
            }
            return (firstPass, .primary)
        }
        var renderer = TextRenderer(mode: .article)
        for index in look.containers(analysis) {
            renderer.render(analysis.elements[index].node, analysis: analysis)
        }
        let scored = renderer.text
        let kept = listsOnly
            ? "the first pass kept only comments or teasers, beside a text region of \(region.proseUnits) units"
            : "the first pass kept \(firstUnits) of the \(region.proseUnits) units of the densest text region"
        let scoredUnits = units(scored)
        if 2 * scoredUnits >= region.proseUnits && scoredUnits > firstUnits {
            diagnostics.append("\(kept); text chosen by scoring text blocks (second look)")
            return (scored, .secondLook)
        }
        if let body = structured.articleBody.map(paragraphs) {
            let bodyUnits = units(body)
            if 2 * bodyUnits >= region.proseUnits && bodyUnits > firstUnits {
                diagnostics.append("\(kept); text taken from JSON-LD articleBody (second look)")
                return (body, .secondLook)
            }
        }
        diagnostics.append("\(kept) and no container holds half of it; text is that region (fallback)")
        return (look.regionText(analysis), .fallback)
    }
}
