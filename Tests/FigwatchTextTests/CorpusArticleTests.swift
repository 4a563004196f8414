import Foundation
import FigwatchCore
import FigwatchTestSupport
import FigwatchText
import Testing

/// The article text of real pages against the ground truth their source projects ship.
@Suite struct CorpusArticleTests {
    /// Pages whose `.expected.txt` is long enough to judge an extractor by (27 pages).
    static func judgedPages() throws -> [(name: String, html: URL, expected: String)] {
        try Corpus.pages().compactMap { html in
            let expectedURL = html.deletingPathExtension().appendingPathExtension("expected.txt")
            guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8),
                expected.unicodeScalars.count >= 500
            else { return nil }
            return (html.deletingPathExtension().lastPathComponent, html, expected)
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func averageTokenF1AgainstGroundTruthIsAtLeast085() throws {
        let pages = try Self.judgedPages()
        #expect(pages.count == 27)
        var total = 0.0
        for page in pages {
            let article = try ArticleExtractor().article(fromHTML: Array(try Data(contentsOf: page.html)))
            let f1 = TokenF1.score(extracted: article.text, expected: page.expected)
            total += f1
            print(String(format: "token F1 %.3f  %@", f1, page.name))
        }
        let average = total / Double(pages.count)
        print(String(format: "token F1 average %.3f over %d pages (target 0.85)", average, pages.count))
        #expect(average >= 0.85)
    }
}
