import Foundation
import FigwatchCore
import FigwatchTestSupport
import Testing

@testable import FigwatchExtract

/// Precision and recall against the hand-labelled rows of the corpus's FIGURES.tsv.
///
/// Matching, and why:
/// - The unit is a distinct `sentence_excerpt` of a `review = manual` row, run through
///   the extractor on its own (no watchlist). Truncated excerpts lose their "…".
/// - Truth is the set of (amount, metric) pairs of that sentence's rows; the file cuts
///   long sentences into overlapping excerpts, each labelled only with the amount it is
///   centred on, so rows of an overlapping excerpt of the same page (sharing 30
///   characters) count too when their amount is written in this excerpt. The amount is
///   the `figure` column read by `AmountParser` after dropping leading words such as
///   达/超过 (the labels include them). Two rows with the same pair count once.
/// - A reported figure (metric market_cap, valuation or funding) is correct when the
///   sentence has a truth pair with the same metric and the same amount, either its
///   value's magnitude (a change's sign is not in the file) or its alternate's value
///   (the file lists "$1bn (£770m)" as two rows; we report one figure with an alternate).
/// - A truth pair of those metrics is found when some reported figure matches it that way.
/// - "amount" scores ignore the metric: a reported figure whose amount is any row's amount.
/// - The file has no kind column: kinds are asserted on our own fixtures instead, and
///   here only counted.
/// Nothing in the extractor knows these sentences; the same code runs on any news.
///
/// Split (Tests/FigwatchExtractTests/README.md): the rows of a page whose file name's UTF-8 bytes
/// sum to a multiple of 3 are for scoring only; their misses are counted but never printed, so
/// no rule is tuned on them. The other pages' misses are printed.
@Suite struct CorpusFiguresTests {
    /// Whether a page's rows are kept for scoring only.
    static func isScoringOnly(_ file: String) -> Bool {
        file.utf8.reduce(0) { $0 + Int($1) } % 3 == 0
    }

    struct Row {
        var file: String
        var sentence: String
        var figure: String
        var metric: Metric
        var language: String
    }

    static func manualRows() throws -> [Row] {
        let text = try String(contentsOf: Corpus.url("FIGURES.tsv"), encoding: .utf8)
        var rows: [Row] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 7, fields[6] == "manual", let metric = Metric(rawValue: fields[3]) else { continue }
            var sentence = fields[1]
            sentence = sentence.trimmingCharacters(in: CharacterSet(charactersIn: "…"))
            rows.append(Row(file: fields[0], sentence: sentence, figure: fields[2], metric: metric, language: fields[4]))
        }
        return rows
    }

    /// The value of a `figure` cell: "达4774亿元" -> 477400000000.
    static func amount(of cell: String) -> ExactDecimal? {
        var scalars = Substring(cell).unicodeScalars[...]
        while let first = scalars.first, !(first.properties.numericType != nil || "$£€¥".unicodeScalars.contains(first)) {
            scalars = scalars.dropFirst()
        }
        return AmountParser.parse(String(String.UnicodeScalarView(scalars)))?.value
    }

    /// Whether two excerpts share a run of 30 characters (they cut the same sentence).
    static func overlap(_ a: String, _ b: String) -> Bool {
        let chars = Array(a)
        guard chars.count >= 30 else { return false }
        var start = 0
        while start + 30 <= chars.count {
            if b.contains(String(chars[start..<(start + 30)])) { return true }
            start += 15
        }
        return false
    }

    struct Tally {
        var reported = 0, correct = 0, truth = 0, found = 0
        var precision: Double { reported == 0 ? 1 : Double(correct) / Double(reported) }
        var recall: Double { truth == 0 ? 1 : Double(found) / Double(truth) }
        var line: String {
            String(format: "precision %.3f (%d/%d)  recall %.3f (%d/%d)", precision, correct, reported, recall, found, truth)
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func manualRowsReachPrecisionAndRecall() throws {
        let rows = try Self.manualRows()
        var sentences: [String] = []
        var bySentence: [String: [Row]] = [:]
        for row in rows {
            if bySentence[row.sentence] == nil { sentences.append(row.sentence) }
            bySentence[row.sentence, default: []].append(row)
        }
        let extractor = FigureExtractor()
        let metrics: [Metric] = [.marketCap, .valuation, .funding]
        var perMetric: [Metric: Tally] = [:]
        var perLanguage: [String: Tally] = [:]
        var overall = Tally()
        var amounts = Tally()
        var amountsByLanguage: [String: Tally] = [:]
        var kinds: [FigureKind: Int] = [:]
        var bySplit: [String: Tally] = [:]

        for sentence in sentences {
            let own = bySentence[sentence]!
            let truthRows = own + rows.filter { row in
                row.file == own[0].file && row.sentence != sentence && sentence.contains(row.figure)
                    && Self.overlap(row.sentence, sentence)
            }
            let language = truthRows[0].language
            var truth = Set<String>()
            var truthAmounts = Set<ExactDecimal>()
            for row in truthRows {
                guard let value = Self.amount(of: row.figure) else { continue }
                truthAmounts.insert(value)
                if metrics.contains(row.metric) { truth.insert("\(value)|\(row.metric.rawValue)") }
            }
            let unparsed = truthRows.filter { metrics.contains($0.metric) && Self.amount(of: $0.figure) == nil }

            let figures = extractor.figures(in: sentence).filter { metrics.contains($0.metric) }
            var foundKeys = Set<String>()
            for figure in figures {
                kinds[figure.kind, default: 0] += 1
                let values = [figure.value.magnitude] + figure.alternates.map(\.value)
                let keys = values.map { "\($0)|\(figure.metric.rawValue)" }
                let ok = keys.contains { truth.contains($0) }
                foundKeys.formUnion(keys.filter { truth.contains($0) })
                perMetric[figure.metric, default: Tally()].reported += 1
                perLanguage[language, default: Tally()].reported += 1
                overall.reported += 1
                amounts.reported += 1
                amountsByLanguage[language, default: Tally()].reported += 1
                if values.contains(where: { truthAmounts.contains($0) }) {
                    amounts.correct += 1
                    amountsByLanguage[language]!.correct += 1
                }
                let split = Self.isScoringOnly(own[0].file) ? "scoring-only" : "tuning"
                bySplit[split, default: Tally()].reported += 1
                if ok { bySplit[split]!.correct += 1 }
                if ok {
                    perMetric[figure.metric]!.correct += 1
                    perLanguage[language]!.correct += 1
                    overall.correct += 1
                } else if !Self.isScoringOnly(own[0].file) {
                    print("FALSE  [\(language)] \(figure.metric.rawValue) \(figure.value) \(figure.currency ?? "-") «\(figure.text)» in: \(sentence)")
                }
            }
            for key in truth {
                let metric = Metric(rawValue: String(key.split(separator: "|")[1]))!
                perMetric[metric, default: Tally()].truth += 1
                perLanguage[language, default: Tally()].truth += 1
                overall.truth += 1
                amounts.truth += 1
                amountsByLanguage[language, default: Tally()].truth += 1
                let split = Self.isScoringOnly(own[0].file) ? "scoring-only" : "tuning"
                bySplit[split, default: Tally()].truth += 1
                if foundKeys.contains(key) { bySplit[split]!.found += 1 }
                if foundKeys.contains(key) {
                    perMetric[metric]!.found += 1
                    perLanguage[language]!.found += 1
                    overall.found += 1
                    amounts.found += 1
                    amountsByLanguage[language]!.found += 1
                } else if !Self.isScoringOnly(own[0].file) {
                    print("MISSED [\(language)] \(key) in: \(sentence)")
                }
            }
            for row in unparsed {
                // A label we cannot read as an amount ("24$") still counts against recall.
                perMetric[row.metric, default: Tally()].truth += 1
                perLanguage[language, default: Tally()].truth += 1
                overall.truth += 1
                amounts.truth += 1
                amountsByLanguage[language, default: Tally()].truth += 1
                print("MISSED [\(language)] unreadable label «\(row.figure)» in: \(sentence)")
            }
        }
        print("FIGURES.tsv manual rows: \(sentences.count) distinct sentences")
        for m in metrics { print("  metric \(m.rawValue): \(perMetric[m, default: Tally()].line)") }
        for (lang, t) in perLanguage.sorted(by: { $0.key < $1.key }) { print("  language \(lang): \(t.line)") }
        print("  amount (any metric): \(amounts.line)")
        for (lang, t) in amountsByLanguage.sorted(by: { $0.key < $1.key }) { print("  amount, language \(lang): \(t.line)") }
        print("  kind: \(kinds[.level, default: 0]) level, \(kinds[.change, default: 0]) change (no kind column to score)")
        print("  market_cap+valuation+funding: \(overall.line)")
        for (split, t) in bySplit.sorted(by: { $0.key < $1.key }) { print("  split \(split): \(t.line)") }
        #expect(overall.precision >= 0.90)
        #expect(overall.recall >= 0.85)
    }
}
