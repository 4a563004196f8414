import Foundation
import FigwatchCore
import FigwatchTestSupport
import Testing

@testable import FigwatchExtract

/// Sentences we wrote ourselves (Tests/Fixtures/extract/sentences.tsv), so the stage is
/// tested without the corpus: metric, kind, sign, bound, currency and entity of each figure.
@Suite struct FixtureSentenceTests {
    static let entities = [
        Entity(id: "tencent", name: "Tencent", aliases: ["騰訊"]),
        Entity(id: "xiaomi", name: "Xiaomi", aliases: ["小米", "小米集團"]),
        Entity(id: "jd", name: "JD.com", aliases: ["京東"]),
        Entity(id: "byd", name: "BYD", aliases: ["比亞迪"]),
        Entity(id: "meituan", name: "Meituan", aliases: ["美團"]),
        Entity(id: "baidu", name: "Baidu", aliases: ["百度"]),
        Entity(id: "tsmc", name: "TSMC", aliases: ["台積電"]),
        Entity(id: "asus", name: "ASUS", aliases: ["華碩"]),
        Entity(id: "bytedance", name: "ByteDance", aliases: ["字節跳動"]),
        Entity(id: "ant", name: "Ant Group", aliases: ["螞蟻集團"]),
        Entity(id: "alibaba", name: "Alibaba", aliases: ["阿里巴巴"], currency: "CNY"),
        Entity(id: "nvidia", name: "Nvidia", aliases: ["英偉達"]),
        Entity(id: "tesla", name: "Tesla"),
        Entity(id: "apple", name: "Apple", aliases: ["苹果公司"]),
        Entity(id: "uber", name: "Uber"),
        Entity(id: "meta", name: "Meta"),
        Entity(id: "microsoft", name: "Microsoft"),
        Entity(id: "toyota", name: "Toyota"),
        Entity(id: "stripe", name: "Stripe"),
        Entity(id: "klarna", name: "Klarna"),
        Entity(id: "oracle", name: "Oracle"),
        Entity(id: "zenith", name: "Zenith AI"),
        Entity(id: "honhai", name: "Hon Hai", aliases: ["鴻海"]),
        Entity(id: "samsung", name: "Samsung Electronics", aliases: ["Samsung"]),
        Entity(id: "catl", name: "CATL", aliases: ["寧德時代"]),
        // Invented companies for the wire-copy constructions (the last block of the fixture).
        Entity(id: "larkspur", name: "Larkspur Systems"),
        Entity(id: "nordwerk", name: "Nordwerk", aliases: ["Nordwerk AG", "ノードワーク"]),
        Entity(id: "bluebird", name: "Bluebird", aliases: ["蓝鸟科技"]),
        Entity(id: "egret", name: "Egret", aliases: ["白鹭集团"]),
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var sentence: String
        var expected: [String]
        var testDescription: String { sentence }
    }

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: Repository.fixture("extract/sentences.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            let expected = parts.count > 1 && !parts[1].isEmpty
                ? parts[1].components(separatedBy: " ; ") : []
            return Case(sentence: String(parts[0]), expected: expected)
        }
    }()

    static func render(_ f: Figure) -> String {
        let currency = f.currency.map { $0 + (f.currencyInferred ? "*" : "") } ?? "-"
        return "\(f.metric.rawValue) \(f.kind.rawValue) \(f.value) \(currency) \(f.bound.rawValue) \(f.entity ?? "-")"
            + (f.status == .current ? "" : " \(f.status.rawValue)")
    }

    @Test func fixtureIsThere() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func extractsExactlyTheExpectedFigures(_ c: Case) {
        let figures = FigureExtractor(entities: Self.entities).figures(in: c.sentence)
        #expect(figures.map(Self.render) == c.expected)
        for f in figures {
            #expect(c.sentence.utf8.dropFirst(f.offset).starts(with: f.text.utf8))
        }
    }
}
