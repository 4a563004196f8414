import FigwatchCore
import Testing

@testable import FigwatchReport

@Suite("Axis numbers and fx")
struct AmountWordsTests {
    @Test("short axis labels", arguments: [
        (1.8e12, "USD", "1.8 T USD"), (3.5e11, "USD", "350 B USD"), (2.25e9, "HKD", "2.25 B HKD"),
        (0, "USD", "0"), (-4e11, "USD", "-400 B USD"), (12.5e6, "CNY", "12.5 M CNY"), (950, "USD", "950 USD"),
    ] as [(Double, String, String)])
    func short(_ value: Double, _ currency: String, _ expected: String) {
        #expect(AxisNumbers.short(value, currency: currency) == expected)
    }

    @Test("fx conversion uses units per USD")
    func fx() {
        #expect(rates.convert(ExactDecimal("7780000000000")!, from: "HKD", to: "USD") == ExactDecimal("1000000000000"))
        #expect(rates.convert(ExactDecimal("1")!, from: "USD", to: "CNY") == ExactDecimal("7.13"))
        #expect(rates.convert(ExactDecimal("1")!, from: "KRW", to: "USD") == nil)
    }
}
