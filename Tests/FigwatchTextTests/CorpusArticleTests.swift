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

    /// Which half of the corpus a page belongs to: `tuning` pages may be studied when the
    /// extractor changes, `scoring` pages only scored (see README.md beside this file). The
    /// split is the parity of the 64-bit FNV-1a hash of the page's file name without `.html`.
    enum Split: String, CaseIterable {
        case tuning, scoring

        init(page name: String) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            self = hash % 2 == 0 ? .tuning : .scoring
        }
    }

    @Test func theSplitIsTheHashParityOfTheFileName() {
        #expect(Split(page: "en__aeb-06e5123e") == .tuning)
        #expect(Split(page: "en__aeb-1ace8c85") == .scoring)
        #expect(Split(page: "zh__readability-qq") == .tuning)
        #expect(Split(page: "zh__readability-gmw") == .scoring)
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func averageTokenF1AgainstGroundTruthIsAtLeast085() throws {
        let pages = try Self.judgedPages()
        #expect(pages.count == 27)
        var total = 0.0
        var bySplit: [Split: [Double]] = [:]
        for page in pages {
            let extracted = try ArticleExtractor().extract(fromHTML: Array(try Data(contentsOf: page.html)))
            let f1 = TokenF1.score(extracted: extracted.article.text, expected: page.expected)
            let split = Split(page: page.name)
            total += f1
            bySplit[split, default: []].append(f1)
            print(String(format: "token F1 %.3f  %@ (%@, %@)", f1, page.name, split.rawValue, extracted.extraction.rawValue))
            // The floor: no page with ground truth loses its article.
            #expect(f1 >= 0.5, "\(page.name): token F1 \(f1) under the floor of 0.5")
        }
        for split in Split.allCases {
            let scores = bySplit[split] ?? []
            print(String(format: "token F1 %@ split: average %.3f, lowest %.3f over %d pages", split.rawValue,
                         scores.reduce(0, +) / Double(max(scores.count, 1)), scores.min() ?? 0, scores.count))
        }
        let average = total / Double(pages.count)
        print(String(format: "token F1 average %.3f over %d pages (target 0.85)", average, pages.count))
        #expect(average >= 0.85)
    }
}
