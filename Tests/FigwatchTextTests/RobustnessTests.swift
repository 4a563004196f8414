import Foundation
import FigwatchCore
import FigwatchTestSupport
import FigwatchText
import Testing

/// What one page does wrong never stops the daemon: broken input gives text or an empty
/// result, never a crash.
@Suite struct RobustnessTests {
    @Test func truncatedPagesStillGiveText() throws {
        let page = Array(try Data(contentsOf: Repository.fixture("text/boilerplate.html")))
        for cut in stride(from: 0, to: page.count, by: 53) {
            let article = try ArticleExtractor().article(fromHTML: Array(page[0..<cut]))
            #expect(!article.text.contains("\u{FFFD}\u{FFFD}"))
        }
        let gbk = Array(try Data(contentsOf: Repository.fixture("text/gbk-meta.html")))
        // Cut in the middle of a double-byte character: one replacement at most.
        let article = try ArticleExtractor().article(fromHTML: Array(gbk[0..<(gbk.count - 301)]))
        #expect(article.charset == "GB18030")
        #expect(article.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count <= 1)
    }

    @Test func binaryGarbageIsNotAnError() throws {
        var generator = SeededGenerator()
        for size in [1, 7, 1000, 100_000] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: Never.self, "\(size) bytes, \(generator)") {
                _ = try ArticleExtractor().article(fromHTML: bytes)
                _ = try ArticleExtractor().article(fromPlainText: bytes)
            }
        }
    }

    /// libxml2 drops everything past 256 levels unless told otherwise; pages with thousands
    /// of unclosed `<font>` or `<div>` tags reach that.
    @Test(arguments: [300, 20_000])
    func deeplyNestedMarkupKeepsItsText(depth: Int) throws {
        let html = String(repeating: "<div>", count: depth) + "<p>The innermost paragraph, with a comma, stays.</p>"
            + String(repeating: "</div>", count: depth)
        let article = try ArticleExtractor().article(fromHTML: Array(html.utf8))
        #expect(article.text == "The innermost paragraph, with a comma, stays.")
    }
}
