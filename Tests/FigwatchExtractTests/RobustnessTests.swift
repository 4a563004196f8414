import FigwatchCore
import FigwatchTestSupport
import Testing

@testable import FigwatchExtract

/// Hostile and broken input never crashes the extractor, and its work grows linearly.
@Suite struct RobustnessTests {
    static let alphabet: [Character] = Array(
        "0123456789０１２３４５６７８９.,，．、。；！？;!? $¥￥€£%（）()-–~～至到萬万億亿兆十百千零〇一二兩两三半壹貳參拾佰仟元美港幣币市值估融資资超約约近逾的為带來 abcxyzBMKTbnmnillionhalfHK$US$NT$\u{FFFD}\n")

    @Test(arguments: [
        String(repeating: "9", count: 10_000),
        "$" + String(repeating: "9", count: 5_000) + " billion",
        String(repeating: "億", count: 10_000),
        "1" + String(repeating: "萬億", count: 5_000) + "美元",
        String(repeating: "\u{FFFD}", count: 20_000),
        String(repeating: "。，！？；", count: 4_000),
        String(repeating: "一", count: 10_000) + "億元",
        String(repeating: "1,", count: 10_000) + "000億美元",
        String(repeating: "1.", count: 10_000) + "5 billion dollars",
        String(repeating: "$", count: 10_000) + "5bn",
        String(repeating: "(", count: 5_000) + "1830億美元" + String(repeating: "(約1.3萬億元)", count: 2_000),
        String(repeating: "市值", count: 5_000) + "3600億",
        String(repeating: "half a ", count: 3_000) + "trillion dollars",
        String(repeating: "Alibaba's market cap $1 trillion ", count: 2_000),
        "",
        "\u{0}\u{1}\u{7F}",
        String(repeating: "A股市值蒸發21萬億元之多，" , count: 3_000),
    ])
    func adversarialInputDoesNotCrash(_ input: String) {
        let figures = FigureExtractor(entities: [Entity(id: "alibaba", name: "Alibaba")]).figures(in: input, includeOther: true)
        for f in figures {
            #expect(input.utf8.dropFirst(f.offset).starts(with: f.text.utf8))
            #expect(f.sentence.unicodeScalars.count <= SentenceSplitter.maxLength)
        }
    }

    @Test func randomStringsDoNotCrash() {
        var rng = SeededGenerator(seed: 0x9E37_79B9_7F4A_7C15)
        let extractor = FigureExtractor(entities: [Entity(id: "x", name: "Xylo", aliases: ["市值"])])
        for _ in 0..<2_000 {
            let length = Int(rng.next() % 200)
            let text = String((0..<length).map { _ in Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] })
            for f in extractor.figures(in: text, includeOther: true) {
                #expect(text.utf8.dropFirst(f.offset).starts(with: f.text.utf8), "\(rng)")
            }
        }
    }

    /// Pieces of amounts, cues and punctuation glued at random, with random scalars from the
    /// whole Unicode range mixed in: the combinations a hand-written lexer gets wrong.
    static let pieces = [
        "$", "HK$", "US$", "1", "0", "9", ",", ".", "，", "．", "億", "萬", "兆", "元", "美元", "港元", "(", ")", "（",
        "）", "約", "超", "逾", "近", "至", "-", "~", " ", "billion", "bn", "m", "half a ", "trillion", "-plus", "市值",
        "估值", "融資", "raised", "valued at", "'s", "的", "為", "帶來", "。", "!", "?", "\n", "一", "千", "百", "十", "半",
        "兩", "壹", "拾", "〇", "%", "Mrd.", "Milliarden", "¥", "€", "£", "£770m", ", or ", "大關", "突破", "逾千億",
        "\u{FFFD}", "A股", "Inc.", "U.S.",
    ]

    @Test func randomPiecesDoNotCrash() {
        var rng = SeededGenerator(seed: 0xDEAD_BEEF_1234_5)
        let extractor = FigureExtractor(entities: [Entity(id: "x", name: "Xylo", aliases: ["市值", "阿里", "A"])])
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) {
                if rng.next() % 10 == 0, let scalar = Unicode.Scalar(UInt32(rng.next() % 0x2FFFF)) {
                    text.unicodeScalars.append(scalar)
                } else {
                    text += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))]
                }
            }
            for f in extractor.figures(in: text, includeOther: true) {
                #expect(text.utf8.dropFirst(f.offset).starts(with: f.text.utf8))
            }
            _ = AmountParser.parse(text)
            _ = try? AmountParser.money(from: text)
        }
    }

    /// Counts the extractor's elementary steps for n and 4n copies of the same material:
    /// linear work means 4x the steps (within a small margin), whatever the material.
    @Test(arguments: [
        "9月3日,Anthropic官宣完成130億美元F輪融資,投後估值1830億美元(約1.3萬億元)。\n",
        "Its market value was $349 billion, just behind Exxon Mobil's $358 billion. ",
        String(repeating: "9", count: 300),
        "億萬兆十百千",
        "市值市值估值融資 $1bn ",
        "$1bn (",
    ])
    func workGrowsLinearly(_ unit: String) {
        let extractor = FigureExtractor(entities: [Entity(id: "anthropic", name: "Anthropic")])
        func steps(_ copies: Int) -> Int {
            var count = 0
            _ = extractor.figures(in: String(repeating: unit, count: copies), includeOther: true, steps: &count)
            return count
        }
        let small = steps(200)
        let large = steps(800)
        #expect(small > 0)
        #expect(Double(large) <= Double(small) * 4.4, "steps: \(small) for 200 copies, \(large) for 800")
    }
}
