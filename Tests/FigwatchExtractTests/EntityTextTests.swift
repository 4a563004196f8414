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
    ] as [(String, String?)])
    func namesTheOwner(text: String, owner: String?) {
        let figures = FigureExtractor().figures(in: text)
        #expect(figures.count == 1)
        #expect(figures.first?.entityText == owner)
        #expect(figures.first?.entity == nil)
    }
}
