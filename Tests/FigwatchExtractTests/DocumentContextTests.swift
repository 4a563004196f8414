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

    /// `¥` is settled by the company's configured currency, never by its name: with no
    /// `currency:` the sign reads as the yen outside a sentence about China.
    @Test func yenSignFollowsTheEntitysCurrency() {
        let entities = [
            Entity(id: "alibaba", name: "Alibaba", currency: "CNY"), Entity(id: "toyota", name: "Toyota", currency: "JPY"),
            Entity(id: "unset", name: "Unset"),
        ]
        let extractor = FigureExtractor(entities: entities)
        let china = extractor.figures(in: "Alibaba's market value fell by ¥200 billion.")
        let japan = extractor.figures(in: "Toyota's market value rose to ¥50 trillion.")
        let unset = extractor.figures(in: "Unset's market value rose to ¥50 trillion.")
        let yuanWords = extractor.figures(in: "The Shenzhen-listed maker's market value rose to ¥50 billion.")
        #expect(china.first?.currency == "CNY" && china.first?.currencyInferred == true)
        #expect(japan.first?.currency == "JPY")
        #expect(unset.first?.currency == "JPY")
        #expect(yuanWords.first?.currency == "CNY")
    }

    /// What the page and the source say settles 元: region key, declared language, country domain.
    @Test func yuanFollowsTheHints() {
        let text = "該公司市值升至3.2兆元。"
        let tw = FigureExtractor().figures(in: text, hints: DocumentHints(host: "money.udn.com.tw"))
        let hk = FigureExtractor().figures(in: text, hints: DocumentHints(language: "zh-HK"))
        let cny = FigureExtractor().figures(in: text, hints: DocumentHints(currency: "CNY"))
        let region = FigureExtractor().figures(in: text, hints: DocumentHints(region: "cn"))
        #expect(tw.first?.currency == "TWD" && tw.first?.currencyInferred == true)
        #expect(hk.first?.currency == "HKD" && hk.first?.currencyInferred == true)
        #expect(cny.first?.currency == "CNY" && cny.first?.currencyInferred == true)
        #expect(region.first?.currency == "CNY")
    }
}
