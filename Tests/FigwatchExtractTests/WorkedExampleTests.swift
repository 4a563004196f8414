import FigwatchCore
import Testing

@testable import FigwatchExtract

/// FIGURES.md's worked examples not covered by the seed article, one test each.
@Suite struct WorkedExampleTests {
    @Test func twoCompaniesInOneSentenceGetTheirOwnFigures() {
        let text = "At the market close Wednesday its market value was $349 billion, just behind Exxon Mobil's $358 billion."
        let plain = FigureExtractor().figures(in: text)
        #expect(plain.map(\.metric) == [.marketCap, .marketCap])
        #expect(plain.map(\.value) == [ExactDecimal(349_000_000_000), ExactDecimal(358_000_000_000)])
        #expect(plain.map(\.currency) == ["USD", "USD"])
        #expect(plain.map(\.kind) == [.level, .level])
        #expect(plain[0].entityText == nil)
        #expect(plain[1].entity == nil && plain[1].entityText == "Exxon Mobil")

        let watched = FigureExtractor(entities: [Entity(id: "xom", name: "Exxon Mobil", aliases: ["Exxon"])]).figures(in: text)
        #expect(watched.map(\.entity) == [nil, "xom"])
    }

    @Test func roundAndValuationInOneSentence() {
        let figures = FigureExtractor().figures(in: "A few months ago, the company raised $57 million at a $400 million valuation.")
        #expect(figures.map(\.metric) == [.funding, .valuation])
        #expect(figures.map(\.value) == [ExactDecimal(57_000_000), ExactDecimal(400_000_000)])
        #expect(figures.map(\.text) == ["$57 million", "$400 million"])
    }

    @Test func aMarkToChallengeIsNotAValue() {
        let text = "聯發科股價大漲，市值回升至1.99兆元、有望挑戰2兆元大關。"
        let figures = FigureExtractor(entities: [Entity(id: "mediatek", name: "MediaTek", aliases: ["聯發科"])]).figures(in: text)
        #expect(figures.count == 1)
        #expect(figures.first?.entity == "mediatek")
        #expect(figures.first?.metric == .marketCap && figures.first?.kind == .level)
        #expect(figures.first?.value == ExactDecimal(1_990_000_000_000))
        // A Taiwanese page: 元 is the New Taiwan dollar, inferred from context.
        #expect(figures.first?.currency == "TWD" && figures.first?.currencyInferred == true)
    }

    @Test func spendingIsOtherAndOnlyOnRequest() {
        let text = "阿里過去四個季度在AI基礎設施上的累計投入已經超過1000億元。"
        #expect(FigureExtractor().figures(in: text).isEmpty)
        // 元 of a Traditional-script sentence that names no region: the company's configured currency.
        let alibaba = Entity(id: "alibaba", name: "Alibaba", aliases: ["阿里"], currency: "CNY")
        let all = FigureExtractor(entities: [alibaba]).figures(in: text, includeOther: true)
        #expect(all.map(\.metric) == [.other])
        #expect(all.first?.bound == .atLeast && all.first?.currency == "CNY")
    }

    @Test func modelSizesAreNotMoney() {
        let text = "Qwen2.5 72B開源大模型，部分性能已經超越了Llama 3.1 405B大模型，訓練用了14.8T tokens。"
        #expect(FigureExtractor().figures(in: text, includeOther: true).isEmpty)
    }

    @Test func bareAmountTakesTheCurrencyOfTheSameAmountElsewhere() {
        let text = "港股市值由此飆升超4000億港元(約3600億元)。\n人工智能會為阿里云帶來3600億市值。"
        let figures = FigureExtractor().figures(in: text)
        #expect(figures.count == 2)
        #expect(figures.last?.value == ExactDecimal(360_000_000_000))
        #expect(figures.last?.currency == "CNY" && figures.last?.currencyInferred == true)
    }
}
