import Foundation
import FigwatchTestSupport
import FigwatchCore
@testable import FigwatchText
import Testing

struct ECBRatesParserTests {
    static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
          <gesmes:subject>Reference rates</gesmes:subject>
          <Cube><Cube time="2025-09-03">
            <Cube currency="USD" rate="1.1655"/><Cube currency="JPY" rate="172.98"/>
            <Cube currency="HKD" rate="9.0879"/><Cube currency="CNY" rate="8.3233"/>
          </Cube></Cube>
        </gesmes:Envelope>
        """

    @Test func ratesPerEuroBecomeUnitsPerDollar() throws {
        let rates = try ECBRatesParser.parse(Array(Self.document.utf8), url: "https://ecb.example/eurofxref-daily.xml")
        #expect(rates.date == "2025-09-03")
        #expect(rates.unitsPerUSD["USD"] == ExactDecimal(1))
        #expect(rates.unitsPerUSD["EUR"] == ExactDecimal("0.85800086"))   // 1 / 1.1655
        #expect(rates.unitsPerUSD["HKD"] == ExactDecimal("7.79742600"))   // 9.0879 / 1.1655
        #expect(rates.unitsPerUSD.count == 5)
    }

    @Test(arguments: ["", "<html><body>not rates</body></html>", "<Cube><Cube time='2025-09-03'><Cube currency='JPY' rate='172'/></Cube></Cube>"])
    func refusesWhatIsNotARateTable(text: String) {
        #expect(throws: TextError.self) { try ECBRatesParser.parse(Array(text.utf8), url: "https://ecb.example/x.xml") }
    }

    @Test func entitiesAreNotExpanded() throws {
        let hostile = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "1.1655"><!ENTITY x SYSTEM "file:///etc/hostname">]>
            <Cube><Cube time="2025-09-03"><Cube currency="USD" rate="&a;"/><Cube currency="XXE" rate="&x;"/></Cube></Cube>
            """
        // The entity is not substituted, so there is no USD rate at all, and nothing of the local file.
        #expect(throws: TextError.self) { try ECBRatesParser.parse(Array(hostile.utf8), url: nil) }
    }

    @Test func billionLaughsInAttributesAndTextDoNotExpand() throws {
        var dtd = "<!ENTITY l0 \"ha\">"
        for level in 1...12 { dtd += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        let hostile = """
            <?xml version="1.0"?><!DOCTYPE rss [\(dtd)]>
            <rss version="2.0"><channel><title>&l12;</title>
            <item><title>&l12;</title><link>https://example.com/a</link><guid isPermaLink="&l12;">x</guid></item>
            </channel></rss>
            """
        let feed = try FeedParser.parse(Array(hostile.utf8), baseURL: "https://example.com/feed.xml")
        #expect(feed.items.map(\.link) == ["https://example.com/a"])
        #expect((feed.title ?? "").count < 100)
        #expect((feed.items.first?.title ?? "").count < 100)
    }
}

/// Inputs the feed fuzzer once failed on, replayed with its check.
struct FeedFuzzRegressionTests {
    static func inputs() -> [String] {
        let directory = Repository.fixture("fuzz/feed")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    @Test(arguments: inputs())
    func feed(path: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        if let feed = try? FeedParser.parse(bytes, baseURL: "https://example.com/feed.xml") {
            #expect(feed.items.allSatisfy { $0.link.hasPrefix("http://") || $0.link.hasPrefix("https://") })
        }
    }

    @Test func linksAreNormalised() {
        #expect(FeedParser.resolve("HTTP://Example.COM/a?b=1", against: nil) == "http://example.com/a?b=1")
        #expect(FeedParser.resolve("/story/1", against: URL(string: "https://news.example/feed.xml")) == "https://news.example/story/1")
        #expect(FeedParser.resolve("javascript:alert(1)", against: nil) == nil)
        #expect(FeedParser.resolve("http:///nohost", against: nil) == nil)
    }
}
