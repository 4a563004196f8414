import Foundation
import FigwatchCore
import FigwatchTestSupport
import FigwatchText
import Testing

/// Pages the first pass reads badly, written for these tests (fictional companies, our own
/// words): one per failure class of issue #21, and one where only the fallback finds text.
@Suite struct SecondLookTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let extraction: ArticleExtractor.Extraction
        /// The body's first and last sentences.
        let first: String
        let last: String
        /// Comments, teasers, bios, banners, lists: none of it may reach the text.
        let absent: [String]
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(
            file: "br-blog-body.html", extraction: .secondLook,
            first: "Tidewater Ferries, a fictional operator of nine small car ferries, told its owners this week that an outside buyer had valued the company at $420 million.",
            last: "If the deal goes through, I expect the new owner to raise fares slowly, keep the crews, and sell the oldest two boats within a year, which is what owners of scarce harbour rights usually do.",
            absent: ["I rode the northern route", "The council will never let them", "Does anyone know whether the crews",
                     "Ada Marsh has written about ships", "Blog Archive", "March 2025 (2)", "Posted by", "Labels:",
                     "Newer Post", "Powered by"]),
        Case(
            file: "comments-article.html", extraction: .secondLook,
            first: "Kestrel Mills, a fictional maker of technical wool for outdoor clothing, has sold a fifth of its shares to a family investment office in a deal that values the whole company at $1.1 billion.",
            last: "The brothers will keep the remaining shares between them, and neither plans to retire, they said in a short statement on Monday.",
            absent: ["My grandmother worked in that shed", "A billion for a mill?", "Their socks are the only ones",
                     "if the second shift will hire locally", "I visited the mill on an open day", "Family offices are patient money",
                     "Forty jobs is a lot", "need planning permission", "says:", "Reply", "8 responses", "Tagged:",
                     "two people and a dog"]),
        Case(
            file: "teaser-above-body.html", extraction: .secondLook,
            first: "The first battery farm Orchard Grid built sits on land that grew apples until a late frost ruined three harvests in a row.",
            last: "Orchard Grid's founders think the wait will shorten once the grid operator stops holding places for projects that never get built, and they plan to have twelve farms running by the end of the decade.",
            absent: ["Mara Quint has covered the power industry", "Subscribe to Grid Weekly", "We use cookies",
                     "More from Energy", "A $300 million bet on home batteries", "All rights reserved", "Sign in"]),
        Case(
            file: "fallback-short-lines.html", extraction: .fallback,
            first: "Lumen had a good year.", last: "The board thanks its savers.",
            absent: ["This site uses cookies", "Accept?", "Privacy", "Branches"]),
    ]

    @Test(arguments: cases)
    func theBodyIsFoundAndTheBoilerplateStaysOut(_ page: Case) throws {
        let bytes = Array(try Data(contentsOf: Repository.fixture("text/\(page.file)")))
        let extracted = try ArticleExtractor().extract(fromHTML: bytes)
        let text = extracted.article.text
        #expect(extracted.extraction == page.extraction)
        #expect(text.contains(page.first), "first sentence missing from:\n\(text)")
        #expect(text.contains(page.last), "last sentence missing from:\n\(text)")
        for boilerplate in page.absent {
            #expect(!text.contains(boilerplate), "\(boilerplate) kept in:\n\(text)")
        }
        #expect(extracted.article.diagnostics.count == 1, "\(extracted.article.diagnostics)")
    }

    /// Comments known only by their shape: no `<time>`, no `<footer>`, only a line of links
    /// (author and date) and a "Reply" link beside each comment's text.
    @Test func commentsWithoutTimeOrFooterAreStillItems() throws {
        let html = try String(contentsOf: Repository.fixture("text/comments-article.html"), encoding: .utf8)
            .replacingOccurrences(of: "<footer class=\"comment-meta\">", with: "<div class=\"who\">")
            .replacingOccurrences(of: "</time></a></footer>", with: "</time></a></div>")
            .replacingOccurrences(of: "<time ", with: "<span ")
            .replacingOccurrences(of: "</time>", with: "</span>")
        #expect(!html.contains("<time"))
        let extracted = try ArticleExtractor().extract(fromHTML: Array(html.utf8))
        let page = Self.cases[1]
        #expect(extracted.extraction == .secondLook)
        #expect(extracted.article.text.contains(page.first))
        #expect(extracted.article.text.contains(page.last))
        for comment in page.absent { #expect(!extracted.article.text.contains(comment), "\(comment) kept") }
    }

    /// `<br><br>` ends a paragraph in the text as it does on screen; one `<br>` ends a line.
    @Test func twoLineBreaksMakeAParagraphBreak() throws {
        let bytes = Array(try Data(contentsOf: Repository.fixture("text/br-blog-body.html")))
        let text = try ArticleExtractor().article(fromHTML: bytes).text
        #expect(text.contains("would fetch perhaps a third of it.\n\nThe answer lies in the landing rights."))
        #expect(text.contains("in the late nineties.\nHe said the price then"))
    }

    /// The first pass's own choices are reported as `primary`.
    @Test func aPageTheFirstPassReadsWellIsPrimary() throws {
        let bytes = Array(try Data(contentsOf: Repository.fixture("text/boilerplate.html")))
        let extracted = try ArticleExtractor().extract(fromHTML: bytes)
        #expect(extracted.extraction == .primary)
        #expect(extracted.article.text == ArticleExtractorTests.boilerplateArticle)
    }

    /// Text taken from JSON-LD because the visible page holds little is a second look too.
    @Test func jsonLDArticleBodyIsASecondLook() throws {
        let bytes = Array(try Data(contentsOf: Repository.fixture("text/jsonld-only.html")))
        let extracted = try ArticleExtractor().extract(fromHTML: bytes)
        #expect(extracted.extraction == .secondLook)
        #expect(extracted.article.text.hasPrefix("Contoso Energy, a fictional battery company"))
    }

    /// A page of scripts and navigation only has no run of sentences: its text stays empty.
    @Test func aPageWithoutSentencesStaysEmpty() throws {
        let html = "<html><body><div class=nav><a href=/a>Home</a> <a href=/b>Markets</a></div><div>Menu</div></body></html>"
        let extracted = try ArticleExtractor().extract(fromHTML: Array(html.utf8))
        #expect(extracted.article.text == "")
        #expect(extracted.extraction == .primary)
    }

    @Test func metadataSaysWhenTheFallbackFired() throws {
        let page = Repository.fixture("text/fallback-short-lines.html").path
        let run = try CommandRun.figwatch(["text", "--metadata", page])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\nextraction: fallback\n"), "\(run.stdout)")
        #expect(run.stdout.contains("Investors value it at $700m."))

        let primary = try CommandRun.figwatch(["text", "--metadata", Repository.fixture("text/boilerplate.html").path])
        #expect(primary.stdout.contains("\nextraction: primary\n"), "\(primary.stdout)")
        let second = try CommandRun.figwatch(["text", "--metadata", Repository.fixture("text/br-blog-body.html").path])
        #expect(second.stdout.contains("\nextraction: second-look\n"), "\(second.stdout)")
    }
}
