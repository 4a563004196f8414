import FigwatchCore
import Testing

@testable import FigwatchExtract

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
