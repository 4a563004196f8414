import FigwatchCore
import FigwatchExtract
import FigwatchTestSupport
import Foundation
import Testing

/// Inputs the fuzzers (Fuzz/, `make fuzz`) once crashed on or were slow with, and adversarial inputs
/// written for them, replayed with the fuzzers' own checks, so a fixed crash stays fixed.
struct FuzzRegressionTests {
    /// The targets whose inputs live in `Tests/Fixtures/fuzz/TARGET` and are replayed here.
    static let targets = ["amount", "extract"]

    static func inputs(_ target: String) -> [String] {
        let directory = Repository.fixture("fuzz/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// The same entities as `Fuzz/FuzzExtract.swift`, so that an input replays as it was found.
    static let extractor = FigureExtractor(entities: [
        Entity(id: "alibaba", name: "Alibaba", aliases: ["阿里巴巴", "阿里", "Alibaba"]),
        Entity(id: "anthropic", name: "Anthropic", aliases: ["Anthropic"]),
    ])

    /// A folder gone or emptied would make the replays below pass by running nothing.
    @Test("every fuzz target has inputs to replay", arguments: targets)
    func inputsPresent(target: String) {
        #expect(!Self.inputs(target).isEmpty, "no inputs in Tests/Fixtures/fuzz/\(target)")
    }

    @Test(arguments: inputs("amount"))
    func amount(path: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        if let money = AmountParser.parse(text) {
            #expect(ExactDecimal(money.value.description) == money.value)
        }
    }

    @Test(arguments: inputs("extract"))
    func extract(path: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let utf8 = Array(text.utf8)
        for figure in Self.extractor.figures(in: text, includeOther: true) {
            let end = figure.offset + figure.text.utf8.count
            #expect(end <= utf8.count && Array(utf8[figure.offset..<end]) == Array(figure.text.utf8))
        }
    }
}
