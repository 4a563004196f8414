import FigwatchCore
import Testing

@testable import FigwatchExtract

/// Without a watchlist, `entityText` still names the owner when the sentence shows it.
@Suite struct EntityTextTests {
    @Test(arguments: [
        ("截至收盤，貴州茅台總市值為2.1萬億元。", "貴州茅台"),
        ("英伟达的市值一度突破5万亿美元。", "英伟达"),
        ("港股市值由此飆升超4000億港元。", nil),
        ("Meta's market value rose to $1.9 trillion.", "Meta"),
        ("Zenith AI raised $2 billion in a round led by Northwind.", "Zenith AI"),
        // Whole markets keep their name, with no entity.
        ("沪深两市总市值突破100万亿元。", "沪深两市"),
        ("東証プライム市場の時価総額は初めて1000兆円を突破した。", "東証プライム市場"),
        ("The Nikkei's combined market value rose to ¥780tn.", "Nikkei"),
        ("Die Aktie stieg, der Börsenwert von KLMX liegt nun bei 40 Milliarden Euro.", "KLMX"),
    ] as [(String, String?)])
    func namesTheOwner(text: String, owner: String?) {
        let figures = FigureExtractor().figures(in: text)
        #expect(figures.count == 1)
        #expect(figures.first?.entityText == owner)
        #expect(figures.first?.entity == nil)
    }
}

/// Watchlist aliases match in both Chinese scripts, whichever script the alias is written in.
@Suite struct AliasScriptTests {
    @Test(arguments: [
        ("紫金矿业", "紫金礦業市值升至8000億港元。"),
        ("紫金礦業", "紫金矿业市值升至8000亿港元。"),
        ("汇丰控股", "滙豐控股市值升至1.5萬億港元。"),
        ("騰訊", "腾讯的市值升至5万亿港元。"),
        ("Alibaba", "ALIBABA's market value rose to $400 billion."),
    ])
    func aliasMatchesEitherScript(alias: String, text: String) {
        let figures = FigureExtractor(entities: [Entity(id: "watched", name: "Watched", aliases: [alias])]).figures(in: text)
        #expect(figures.count == 1)
        #expect(figures.first?.entity == "watched")
    }

    @Test func latinAliasesMatchWholeWordsOnly() {
        let figures = FigureExtractor(entities: [Entity(id: "meta", name: "Meta")]).figures(in: "Metaverse startups' market value rose to $40 billion.")
        #expect(figures.first?.entity == nil)
    }
}
