import Testing

@testable import FigwatchExtract

/// Sentence boundaries for Chinese and English text.
@Suite struct SentenceSplitterTests {
    static func split(_ text: String) -> [String] {
        let raw = text.unicodeScalars.map(\.value)
        var steps = 0
        return SentenceSplitter.sentences(in: raw, steps: &steps).map { FigureExtractor.string(raw, $0) }
    }

    @Test(arguments: [
        ("騰訊市值升至5萬億港元。小米市值下跌！", ["騰訊市值升至5萬億港元。", "小米市值下跌！"]),
        ("阿里股價飆升19%,港股市值飆升超4000億港元;外媒咂舌", ["阿里股價飆升19%,港股市值飆升超4000億港元;", "外媒咂舌"]),
        ("他說：「估值1.3萬億元。」隨後離開。", ["他說：「估值1.3萬億元。」", "隨後離開。"]),
        ("估值為3.5萬億元，增長1.5倍。", ["估值為3.5萬億元，增長1.5倍。"]),
        ("Acme Inc. raised $5.5 million. Its valuation is $50 million.", ["Acme Inc. raised $5.5 million.", "Its valuation is $50 million."]),
        ("The U.S. market rose. Mr. Smith said so.", ["The U.S. market rose.", "Mr. Smith said so."]),
        ("J. P. Morgan raised $3.5bn! Did it? Yes.", ["J. P. Morgan raised $3.5bn!", "Did it?", "Yes."]),
        ("Heading one\nA paragraph follows", ["Heading one", "A paragraph follows"]),
        ("See example.com for more. Then stop.", ["See example.com for more.", "Then stop."]),
    ])
    func splitsSentences(text: String, expected: [String]) {
        #expect(Self.split(text) == expected)
    }

    @Test func cutsRunawaySentences() {
        let text = String(repeating: "word ", count: 5_000)
        let parts = Self.split(text)
        #expect(parts.count >= 25)
        #expect(parts.allSatisfy { $0.unicodeScalars.count <= SentenceSplitter.maxLength })
    }
}
