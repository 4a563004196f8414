import Foundation
import FigwatchCore
import FigwatchTestSupport
import Testing

@testable import FigwatchExtract

/// The article figwatch started from, as a golden test.
///
/// FIGURES.md's worked examples list three sentences of it with figures. Reading the
/// whole article for others that state a company's valuation, market cap or funding:
/// - "阿里在全球的估值也迎來了一次急劇拉升" names a valuation but states no amount.
/// - "全球人工智能領域由此迎來了第三家萬億估值獨角獸公司" is a category ("a trillion-level
///   unicorn"), no numeral: not an amount.
/// - "3600億也只不過是...一個彩頭" repeats the 3600億 as a figure of speech, with no
///   metric wording: nothing.
/// - The heading "033600億的“彩頭”" is section number 03 glued to 3600億: nothing.
/// - 4400萬美元 (an auction price), 1000億元 (spending, 投入), 1元 (a token price) are
///   money but no metric: `other` only.
/// So the list is exhaustive: four figures.
@Suite struct SeedArticleTests {
    static let entities = [
        Entity(id: "alibaba", name: "Alibaba Group", aliases: ["阿里巴巴", "阿里", "阿里云", "Alibaba"]),
        Entity(id: "anthropic", name: "Anthropic"),
    ]

    static func seed() throws -> String {
        try String(contentsOf: Corpus.url("seed/alibaba-cloud-ai-valuation.zh-Hant.txt"), encoding: .utf8)
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func seedArticleYieldsExactlyTheWorkedExamples() throws {
        let text = try Self.seed()
        let figures = FigureExtractor(entities: Self.entities).figures(in: text)
        try #require(figures.count == 4)

        let cloud = figures[0]
        #expect(cloud.entity == "alibaba")
        #expect(cloud.metric == .marketCap && cloud.kind == .change)
        #expect(cloud.value == ExactDecimal(360_000_000_000))
        #expect(cloud.currency == nil || (cloud.currency == "CNY" && cloud.currencyInferred))
        #expect(cloud.text == "3600億")

        let round = figures[1]
        #expect(round.entity == "anthropic" && round.metric == .funding && round.kind == .level)
        #expect(round.value == ExactDecimal(13_000_000_000) && round.currency == "USD" && round.bound == .exact)
        #expect(round.text == "130億美元")

        let valuation = figures[2]
        #expect(valuation.entity == "anthropic" && valuation.metric == .valuation && valuation.kind == .level)
        #expect(valuation.value == ExactDecimal(183_000_000_000) && valuation.currency == "USD")
        #expect(valuation.alternates == [Alternate(value: ExactDecimal(1_300_000_000_000), currency: "CNY", bound: .approx)])

        let jump = figures[3]
        #expect(jump.entity == "alibaba" && jump.metric == .marketCap && jump.kind == .change)
        #expect(jump.value == ExactDecimal(400_000_000_000) && jump.currency == "HKD" && jump.bound == .atLeast)
        #expect(jump.alternates == [Alternate(value: ExactDecimal(360_000_000_000), currency: "CNY", bound: .approx)])

        for f in figures {
            #expect(f.lang == "zh-Hant")
            // The offset is the UTF-8 byte offset of the amount as written.
            let bytes = Array(text.utf8)
            let written = Array(f.text.utf8)
            #expect(Array(bytes[f.offset..<(f.offset + written.count)]) == written)
            #expect(f.sentence.contains(f.text))
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func seedArticleOtherAmountsOnlyOnRequest() throws {
        let all = FigureExtractor(entities: Self.entities).figures(in: try Self.seed(), includeOther: true)
        let other = all.filter { $0.metric == .other }
        #expect(other.contains { $0.text == "1000億元" && $0.bound == .atLeast })
        #expect(other.contains { $0.text == "4400萬美元" })
        #expect(!all.contains { $0.text.contains("72B") || $0.text.contains("405B") || $0.text.contains("033600") })
    }
}
