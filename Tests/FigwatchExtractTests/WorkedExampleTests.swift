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
        let all = FigureExtractor().figures(in: text, includeOther: true)
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

/// Document-level settling: the one currency of a page, and the language of each sentence.
@Suite struct DocumentContextTests {
    @Test func bareAmountTakesTheOnlyCurrencyOfThePage() {
        let text = "该公司去年营收为120亿元。\n分析人士认为，人工智能为其带来500亿市值。"
        let figures = FigureExtractor().figures(in: text)
        #expect(figures.count == 1)
        #expect(figures.first?.currency == "CNY" && figures.first?.currencyInferred == true)
        #expect(figures.first?.kind == .change && figures.first?.value == ExactDecimal(50_000_000_000))
    }

    @Test func eachSentenceHasItsLanguage() {
        let text = "騰訊的市值升至5.2萬億港元。腾讯的市值升至5.2万亿港元。Tencent's market value rose to HK$5.2 trillion."
        let figures = FigureExtractor().figures(in: text)
        #expect(figures.map(\.lang) == ["zh-Hant", "zh-Hans", "en"])
        #expect(figures.map(\.currency) == ["HKD", "HKD", "HKD"])
        let bytes = Array(text.utf8)
        for f in figures {
            #expect(Array(bytes[f.offset..<(f.offset + f.text.utf8.count)]) == Array(f.text.utf8))
        }
    }

    @Test func yenSignFollowsTheCompany() {
        let china = FigureExtractor().figures(in: "Alibaba's market value fell by ¥200 billion.")
        let japan = FigureExtractor().figures(in: "Toyota's market value rose to ¥50 trillion.")
        #expect(china.first?.currency == "CNY")
        #expect(japan.first?.currency == "JPY")
    }
}

/// Without a watchlist, `entityText` still names the owner when the sentence shows it.
@Suite struct EntityTextTests {
    @Test(arguments: [
        ("截至收盤，貴州茅台總市值為2.1萬億元。", "貴州茅台"),
        ("英伟达的市值一度突破5万亿美元。", "英伟达"),
        ("港股市值由此飆升超4000億港元。", nil),
        ("Meta's market value rose to $1.9 trillion.", "Meta"),
        ("Zenith AI raised $2 billion in a round led by Northwind.", "Zenith AI"),
    ] as [(String, String?)])
    func namesTheOwner(text: String, owner: String?) {
        let figures = FigureExtractor().figures(in: text)
        #expect(figures.count == 1)
        #expect(figures.first?.entityText == owner)
        #expect(figures.first?.entity == nil)
    }
}
