import Foundation
import FigwatchCore
import FigwatchTestSupport
import FigwatchText
import Synchronization
import Testing

/// Article text and metadata of our own fixture pages, as the figure extractor receives them.
@Suite struct ArticleExtractorTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Repository.fixture("text/\(name)")))
    }

    static let boilerplateArticle = """
        Northwind Robotics raises $250 million at a $4 billion valuation

        Northwind Robotics, a fictional maker of warehouse robots, said on Tuesday that it had raised \
        $250 million in a new funding round that values the company at $4 billion, double its valuation a year ago.

        The round was led by a group of pension funds, and the company said it would use the money to open \
        two factories and to hire engineers. Its chief executive said demand from retailers had grown faster than expected.

        Competition grows

        Rivals have also raised money this year, and analysts said the market for warehouse automation could \
        become crowded. Northwind declined to say whether it was profitable.
        """

    @Test func navigationRelatedLinksSidebarCommentsAndFooterAreDropped() throws {
        let article = try ArticleExtractor().article(fromHTML: try Self.bytes("boilerplate.html"))
        #expect(article.text == Self.boilerplateArticle)
        #expect(article.title == "Northwind Robotics raises $250 million at a $4 billion valuation")
        #expect(article.canonicalURL == "https://news.example.org/2025/03/northwind-robotics")
        #expect(article.language == "en")
        #expect(article.publishedAt == 1_741_098_600_000)  // 2025-03-04T14:30:00Z
        #expect(article.charset == "UTF-8")
        #expect(article.diagnostics.isEmpty)
    }

    @Test func fullTextKeepsEveryVisibleBlock() throws {
        let article = try ArticleExtractor().article(fromHTML: try Self.bytes("boilerplate.html"), full: true)
        for piece in ["Example News Markets Tech", "Opinion", "Acme Corp's market cap tops $900 billion",
                      "Umbrella Corp worth $70 billion", "Reader one:", "All rights reserved.", "Competition grows"] {
            #expect(article.text.contains(piece), "missing \(piece)")
        }
    }

    @Test func aContentXPathOverridesTheHeuristic() throws {
        let article = try ArticleExtractor().article(
            fromHTML: try Self.bytes("boilerplate.html"), contentXPath: "//section[@id='comments']")
        #expect(article.text == "Comments\n\nReader one: I think the $4 billion valuation is far too high, honestly, and I would not buy.")
    }

    @Test func aContentXPathMatchingNothingFallsBackWithADiagnostic() throws {
        let article = try ArticleExtractor().article(
            fromHTML: try Self.bytes("boilerplate.html"), contentXPath: "//div[@class='post_body']")
        #expect(article.text == Self.boilerplateArticle)
        #expect(article.diagnostics == [
            "content XPath \"//div[@class='post_body']\" matched nothing; the article was found by scoring"
        ])
    }

    @Test(arguments: ["//div[", "count(//p)", "//p[@class=='x']"])
    func anXPathThatDoesNotSelectElementsIsAnErrorNamingIt(xpath: String) throws {
        let page = try Self.bytes("boilerplate.html")
        do throws(TextError) {
            _ = try ArticleExtractor().article(fromHTML: page, contentXPath: xpath)
            Issue.record("no error for \(xpath)")
        } catch {
            #expect(error.code == .invalidXPath)
            #expect(error.message.contains(xpath))
        }
    }

    @Test func gbkPageWithMetaCharsetKeepsTheArticleAndDropsRelatedHeadlines() throws {
        let article = try ArticleExtractor().article(fromHTML: try Self.bytes("gbk-meta.html"))
        #expect(article.charset == "GB18030")
        #expect(article.title == "星河云计算估值升至1200亿元")
        #expect(article.text.hasPrefix("星河云计算估值升至1200亿元\n\n虚构的星河云计算公司周二宣布完成新一轮融资"))
        #expect(article.text.contains("投后估值升至1200亿元"))
        #expect(article.text.hasSuffix("公司计划明年在香港上市。"))
        #expect(!article.text.contains("救市"))
        #expect(!article.text.contains("首页"))
        #expect(!article.text.contains("来源"))
        #expect(article.language == "zh-Hans")
        // No <meta> date: the visible dateline, read at UTC+8 like every Chinese page.
        #expect(article.publishedAt == 1_741_051_800_000)  // 2025-03-04T01:30:00Z
    }

    @Test func big5PageNamedOnlyByTheHTTPHeader() throws {
        let article = try ArticleExtractor().article(
            fromHTML: try Self.bytes("big5-http.html"), contentType: "text/html; charset=big5")
        #expect(article.charset == "BIG5-HKSCS")
        #expect(article.text.contains("市值首度突破新台幣一兆元"))
        #expect(article.language == "zh-Hant")
        #expect(article.diagnostics.isEmpty)
    }

    @Test func utf8PageDeclaringGB2312ReadsAsUTF8() throws {
        let article = try ArticleExtractor().article(fromHTML: try Self.bytes("utf8-declares-gb2312.html"))
        #expect(article.charset == "UTF-8")
        #expect(article.text.contains("公司估值达到二十亿美元"))
        #expect(article.diagnostics.count == 1)
    }

    @Test func numericCharacterReferencesDecodeLikeText() throws {
        let article = try ArticleExtractor().article(fromHTML: try Self.bytes("numeric-references.html"))
        #expect(article.title == "海鷗電動車")
        #expect(article.text == """
            虛構的海鷗電動車公司市值達到五百億美元，投資人歡迎其新車型。公司表示將在明年擴大生產。

            段落二：分析師認為路線清晰，但競爭激烈。
            """)
        #expect(article.language == "zh-Hant")
    }

    @Test func jsonLDArticleBodyStandsInForAnEmptyPage() throws {
        let article = try ArticleExtractor().article(fromHTML: try Self.bytes("jsonld-only.html"))
        #expect(article.text == """
            Contoso Energy, a fictional battery company, is now valued at $18 billion after a share sale to investors.

            The company said it had sold new shares worth $1.2 billion and would use the money to build a plant in Texas.

            Its founders still own about a third of the company.
            """)
        #expect(article.publishedAt == 1_748_764_800_000)  // 2025-06-01T08:00:00Z
        #expect(article.title == "Contoso Energy valued at $18 billion")
        #expect(article.diagnostics == ["the visible article text is short; text taken from JSON-LD articleBody"])
    }

    @Test func aByteOrderMarkBeatsAWrongMetaCharset() throws {
        let article = try ArticleExtractor().article(fromHTML: try Self.bytes("bom.html"))
        #expect(article.charset == "UTF-8")
        #expect(article.title == "Fabrikam AG: Börsenwert über 30 Milliarden Euro")
        #expect(article.text.contains("Die fiktive Fabrikam AG hat am Mittwoch erstmals einen Börsenwert"))
        #expect(article.text.contains("äußerten"))
    }

    @Test func windows1252PageWithoutDeclarationIsDetected() throws {
        let article = try ArticleExtractor().article(fromHTML: try Self.bytes("cp1252-undeclared.html"))
        #expect(article.charset == "WINDOWS-1252")
        #expect(article.text.contains("déclaré être très satisfait"))
        #expect(article.text.contains("Zürich"))
    }

    @Test func plainTextDecodesWithTheSameRulesAndNormalizesLineEnds() throws {
        let article = try ArticleExtractor().article(fromPlainText: try Self.bytes("plain-gbk.txt"))
        #expect(article.charset == "GB18030")
        #expect(article.text == "虚构的星河云计算公司估值升至1200亿元。\n新资金将用于建设数据中心。\n")
        #expect(article.title == nil)
    }

    @Test func emptyAndTextlessPagesGiveEmptyText() throws {
        #expect(try ArticleExtractor().article(fromHTML: []).text == "")
        #expect(try ArticleExtractor().article(fromHTML: Array("<html><body><script>var a=1</script></body></html>".utf8)).text == "")
    }

    /// Many threads extracting at once get exactly what one thread gets.
    @Test func concurrentExtractionFromManyThreadsIsSafe() throws {
        let files = ["boilerplate.html", "gbk-meta.html", "numeric-references.html", "jsonld-only.html", "bom.html"]
        let inputs = try files.map { try Self.bytes($0) }
        let expected = try inputs.map { try ArticleExtractor().article(fromHTML: $0) }
        let matches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let index = i % inputs.count
            guard let article = try? ArticleExtractor().article(fromHTML: inputs[index]), article == expected[index] else {
                return
            }
            matches.withLock { $0 += 1 }
        }
        #expect(matches.withLock { $0 } == 64)
    }
}
