import FigwatchCore
import FigwatchExtract
import FigwatchTestSupport
import Foundation
import Testing

/// Inputs the fuzzers (Fuzz/, `make fuzz`) once crashed on, replayed with the fuzzers'
/// own checks, so a fixed crash stays fixed.
struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let directory = Repository.fixture("fuzz/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            .map { directory.appendingPathComponent($0).path }
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
        for figure in FigureExtractor(entities: []).figures(in: text, includeOther: true) {
            let end = figure.offset + figure.text.utf8.count
            #expect(end <= utf8.count && Array(utf8[figure.offset..<end]) == Array(figure.text.utf8))
        }
    }
}
