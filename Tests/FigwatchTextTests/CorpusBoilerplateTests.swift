import Foundation
import FigwatchCore
import FigwatchTestSupport
import FigwatchText
import Testing

/// What must and must not be in the article text of real pages: the snippets trafilatura's
/// evaluation ships, and the money-laden boxes the corpus labels as outside the article.
@Suite struct CorpusBoilerplateTests {
    /// Whitespace removed, so that line breaks and collapsed spaces do not matter.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    static func article(_ file: String) throws -> ArticleText {
        try ArticleExtractor().article(fromHTML: Array(try Data(contentsOf: Corpus.url("pages/\(file)"))))
    }

    static func snippetPages() throws -> [(file: String, with: [String], without: [String])] {
        try Corpus.pages().compactMap { html in
            let json = html.deletingPathExtension().appendingPathExtension("expected.json")
            guard let data = try? Data(contentsOf: json),
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let with = object["with"] as? [String], let without = object["without"] as? [String]
            else { return nil }
            return (html.lastPathComponent, with, without)
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func trafilaturaSnippetsAppearAndBoilerplateSnippetsDoNot() throws {
        let pages = try Self.snippetPages()
        #expect(pages.count >= 15)
        var found = 0, wanted = 0, leaked = 0, unwanted = 0
        for page in pages {
            let text = Self.squeezed(try Self.article(page.file).text)
            for snippet in page.with {
                wanted += 1
                if text.contains(Self.squeezed(snippet)) { found += 1 } else { print("missing in \(page.file): \(snippet)") }
            }
            for snippet in page.without {
                unwanted += 1
                if text.contains(Self.squeezed(snippet)) { leaked += 1; print("boilerplate in \(page.file): \(snippet)") }
            }
        }
        print("trafilatura snippets: \(found)/\(wanted) present, \(leaked)/\(unwanted) boilerplate leaked")
        #expect(Double(found) >= 0.9 * Double(wanted))
        #expect(Double(leaked) <= 0.1 * Double(unwanted))
    }

    /// FIGURES.tsv rows: (file, sentence, in_main_text).
    static func figureRows() throws -> [(file: String, sentence: String, inMainText: String)] {
        let table = try String(contentsOf: Corpus.url("FIGURES.tsv"), encoding: .utf8)
        return table.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 6 else { return nil }
            return (columns[0], columns[1], columns[5])
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func moneySentencesLabelledOutsideTheArticleAreDropped() throws {
        let rows = try Self.figureRows().filter { $0.inMainText == "no" || $0.inMainText == "yes" }
        var texts: [String: String] = [:]
        var keptInside = 0, inside = 0, leaked = 0, outside = 0
        for row in rows {
            if texts[row.file] == nil { texts[row.file] = Self.squeezed(try Self.article(row.file).text) }
            let present = texts[row.file]!.contains(Self.squeezed(row.sentence.replacingOccurrences(of: "…", with: "")))
            if row.inMainText == "yes" {
                inside += 1
                if present { keptInside += 1 } else { print("article sentence missing in \(row.file): \(row.sentence)") }
            } else {
                outside += 1
                if present { leaked += 1; print("boilerplate sentence kept in \(row.file): \(row.sentence)") }
            }
        }
        print("labelled money sentences: \(keptInside)/\(inside) article ones kept, \(leaked)/\(outside) boilerplate ones leaked")
        #expect(Double(keptInside) >= 0.9 * Double(inside))
        #expect(Double(leaked) <= 0.1 * Double(outside))
    }

    /// The 163.com finance pages repeat the same money headlines in their related-news boxes:
    /// a figure sentence found on eight or more of those pages is furniture, never the article.
    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func neteaseRelatedHeadlinesAreDropped() throws {
        let rows = try Self.figureRows().filter { $0.file.hasPrefix("zh__163com-") }
        var pagesBySentence: [String: Set<String>] = [:]
        for row in rows { pagesBySentence[row.sentence, default: []].insert(row.file) }
        let repeated = pagesBySentence.filter { $0.value.count >= 8 }
        #expect(repeated.count >= 3)
        for (sentence, files) in repeated {
            for file in files.sorted() {
                let article = try Self.article(file)
                #expect(!Self.squeezed(article.text).contains(Self.squeezed(sentence)), "\(file) keeps related headline \(sentence)")
                #expect(article.text.unicodeScalars.count > 200, "\(file) lost its article")
            }
        }
    }
}
