@testable import FigwatchText
import Foundation
import Testing

/// The HTML stage's work on hostile markup grows at most linearly with the page, counted in
/// loop iterations (`steps`) of the page analysis, the article choice and the rendering, not timed.
///
/// Each material is repeated to 10 KB, 100 KB and 1 MB; linear work makes each tenfold step cost
/// about 10x the steps, a quadratic pass 100x. libxml2's own parse is not counted here (its tree
/// is: every node it builds is a step of the analysis); the fault matrix runs it on 7 MB of nesting.
@Suite("HTML stage work")
struct HTMLLinearWorkTests {
    static let materials: [(name: String, unit: String)] = [
        ("nested <div>", "<div>Acme 3.2 trillion "),
        ("nested block quotes with paragraphs", "<blockquote><p>Acme's market value rose to $3.2 trillion, analysts said. "),
        ("unclosed inline tags", "<b><i><u><span><a href=#>$1bn "),
        ("table soup", "<table><tr><td><p>市值1.3万亿元，"),
        ("flat paragraphs", "<p>Acme's market value rose to $3.2 trillion, analysts said.</p>"),
    ]

    @Test("steps grow at most linearly for 10 KB, 100 KB and 1 MB of deep, broken or flat markup",
          arguments: materials.indices)
    func linear(_ material: Int) throws {
        let (name, unit) = Self.materials[material]
        let work = try [10_000, 100_000, 1_000_000].map { size in
            let page = "<html><body>" + String(repeating: unit, count: size / unit.utf8.count) + "</body></html>"
            var steps = 0
            _ = try ArticleExtractor().article(fromHTML: Array(page.utf8), contentType: "text/html; charset=utf-8", steps: &steps)
            return steps
        }
        print("HTML stage, \(name): \(work.map(String.init).joined(separator: " / ")) steps for 10 KB / 100 KB / 1 MB")
        #expect(work[0] > 0)
        let ratios = zip(work, work.dropFirst()).map { Double($1) / Double(max($0, 1)) }
        #expect(ratios.allSatisfy { $0 < 11 }, "\(name): \(work) steps for 10 KB / 100 KB / 1 MB")
    }
}
