import FigwatchConfig
import FigwatchCore
import FigwatchExtract
import FigwatchTestSupport
import Testing

/// The keys of issue #20: an entity's listing currency, a source's currency and region (the hints the
/// extractor reads), and an alert rule's statuses.
struct ConfigHintsTests {
    @Test("entity currency:, source currency: and region:, and a rule's status: are read as written")
    func hintsAndStatuses() throws {
        let config = try ConfigLoader.standard.load(path: Repository.fixture("config/hints.good.yaml").path)
        // The extractor gets these entities as they are, so its listing currency reaches it from here.
        #expect(config.entities.map(\.currency) == ["TWD", "HKD"])
        #expect(config.sources.map(\.currency) == ["TWD", nil])
        // "NO" (Norway) is a region, not YAML 1.1's false: scalars are typed by key.
        #expect(config.sources.map(\.region) == ["TW", "NO"])
        let statuses = Dictionary(uniqueKeysWithValues: config.alerts.map { ($0.id, $0.statuses) })
        #expect(statuses["current-only"] == [.current])
        #expect(statuses["forecasts"] == [.forecast])
        #expect(statuses["fact-or-forecast"] == [.current, .forecast])
        #expect(statuses["everything"] == Set(FigureStatus.allCases))
    }

    @Test("a configuration without the new keys behaves as before: no hints, rules read current figures")
    func defaults() throws {
        let config = try ConfigLoader.standard.load(path: Repository.fixture("config/full.good.yaml").path)
        #expect(config.entities.allSatisfy { $0.currency == nil })
        #expect(config.sources.allSatisfy { $0.currency == nil && $0.region == nil })
        #expect(config.alerts.allSatisfy { $0.statuses == [.current] })
    }

    /// One way each accepted currency is written in the news.
    static let written: [String: String] = [
        "AUD": "A$5bn", "BRL": "R$5bn", "CAD": "C$5bn", "CHF": "CHF 5bn", "CNY": "50亿人民币", "EUR": "€5bn",
        "GBP": "£5bn", "HKD": "50億港元", "INR": "₹5bn", "JPY": "50億円", "KRW": "50亿韩元", "NZD": "NZ$5bn",
        "PLN": "PLN 5bn", "RUB": "50亿卢布", "SGD": "S$5bn", "TWD": "NT$5bn", "USD": "US$5bn",
    ]

    @Test("every currency the configuration accepts is one the extractor reads")
    func acceptedCurrenciesAreRead() {
        #expect(Set(Self.written.keys) == ISOCodes.currencies)
        for (code, text) in Self.written.sorted(by: { $0.key < $1.key }) {
            #expect(AmountParser.parse(text)?.currency == code, "\(code): \(text)")
        }
    }

    @Test("status words: one, a comma list, all; anything else names the word", arguments: [
        (["forecast"], "forecast"), (["past,current"], "current,past"), (["current", "forecast"], "current,forecast"),
        (["ALL"], "all"), (["current, past, forecast"], "all"),
    ])
    func statusWords(_ words: [String], _ expected: String) throws {
        let selection = try FigureStatus.selection(words).get()
        #expect(FigureStatus.names(selection) == expected)
    }

    @Test func badStatusWords() {
        #expect(throws: FigureStatus.SelectionError(word: "rumour")) { try FigureStatus.selection(["current,rumour"]).get() }
        #expect(throws: FigureStatus.SelectionError(word: "")) { try FigureStatus.selection([]).get() }
    }
}
