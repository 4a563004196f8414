import FigwatchCore
import Testing

@testable import FigwatchReport

@Suite("Amounts in words")
struct AmountWordsTests {
    @Test("words for exact values", arguments: [
        ("183000000000", "USD", "183 billion USD"),
        ("1300000000000", "CNY", "1.3 trillion CNY"),
        ("-600000000000", "USD", "-600 billion USD"),
        ("57000000", "USD", "57 million USD"),
        ("0.5", "USD", "0.5 USD"),
        ("1234567", "USD", "about 1.235 million USD"),
        ("4000000000000", nil, "4 trillion"),
        ("2500", "EUR", "2.5 thousand EUR"),
    ] as [(String, String?, String)])
    func words(_ value: String, _ currency: String?, _ expected: String) {
        #expect(AmountWords.words(ExactDecimal(value)!, currency: currency) == expected)
    }

    @Test("short axis labels", arguments: [
        (1.8e12, "USD", "1.8 T USD"), (3.5e11, "USD", "350 B USD"), (2.25e9, "HKD", "2.25 B HKD"),
        (0, "USD", "0"), (-4e11, "USD", "-400 B USD"), (12.5e6, "CNY", "12.5 M CNY"), (950, "USD", "950 USD"),
    ] as [(Double, String, String)])
    func short(_ value: Double, _ currency: String, _ expected: String) {
        #expect(AmountWords.short(value, currency: currency) == expected)
    }

    @Test("UTC calendar text", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (september3 + 14 * 3_600_000 + 5 * 60_000, "2025-09-03T14:05:00Z"),
        (Int64(951_782_400_000), "2000-02-29T00:00:00Z"), (Int64(-1), "1969-12-31T23:59:59Z"),
    ])
    func utc(_ milliseconds: Int64, _ expected: String) {
        #expect(UTCTime.iso8601(milliseconds) == expected)
    }

    @Test("fx conversion uses units per USD")
    func fx() {
        #expect(rates.convert(ExactDecimal("7780000000000")!, from: "HKD", to: "USD") == ExactDecimal("1000000000000"))
        #expect(rates.convert(ExactDecimal("1")!, from: "USD", to: "CNY") == ExactDecimal("7.13"))
        #expect(rates.convert(ExactDecimal("1")!, from: "KRW", to: "USD") == nil)
    }
}
