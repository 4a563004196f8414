import FigwatchCore
import Foundation
import Testing

struct ExactDecimalTests {
    @Test(arguments: [
        ("0", "0"), ("1300000000000", "1300000000000"), ("1.30", "1.3"), ("-0.36", "-0.36"),
        ("000123", "123"), ("0.000", "0"), ("+5", "5"), ("12.", "12"), ("100.5", "100.5"), ("5.0500", "5.05"),
        ("0.36", "0.36"), ("-0.001", "-0.001"),
    ])
    func parsesAndPrints(input: String, expected: String) throws {
        let value = try #require(ExactDecimal(input))
        #expect(value.description == expected)
    }

    @Test(arguments: ["", "-", ".", "1.2.3", "1e9", "1,000", "12a", "--1"])
    func rejectsNonDecimals(input: String) {
        #expect(ExactDecimal(input) == nil)
    }

    @Test func overflowIsNilNotATrap() {
        #expect(ExactDecimal(String(repeating: "9", count: 60)) == nil)
        let big = ExactDecimal("170141183460469231731687303715884105727")!
        #expect(big.multiplied(by: 10) == nil || big.multiplied(by: 10)!.description.hasSuffix("70"))
        #expect(ExactDecimal(significand: 1, exponent: 400) == nil)
    }

    /// Found by the amount fuzzer: a value past Int128 with a positive exponent printed
    /// digits that did not read back.
    @Test func everyPrintedValueReadsBack() throws {
        let big = try #require(ExactDecimal(significand: Int128.max / 7, exponent: 9))
        #expect(ExactDecimal(big.description) == big)
        let values = ["1166666000000044570718311595813570000000000", "-9" + String(repeating: "0", count: 40), "0.000000000000000000000000001"]
        for text in values {
            let value = try #require(ExactDecimal(text), "\(text)")
            #expect(value.description == text)
        }
    }

    @Test func scalesExactly() throws {
        // 1.3萬億 and 0.36万亿 (萬億 = 10^12)
        #expect(ExactDecimal("1.3")!.scaled(byPowerOfTen: 12)!.description == "1300000000000")
        #expect(ExactDecimal("0.36")!.scaled(byPowerOfTen: 12)!.description == "360000000000")
        #expect(ExactDecimal("1830")!.scaled(byPowerOfTen: 8) == ExactDecimal("183000000000"))
    }

    @Test func comparesAcrossExponents() {
        #expect(ExactDecimal("3.9")!.scaled(byPowerOfTen: 12)! < ExactDecimal("4000000000000")!)
        #expect(ExactDecimal("-600000000000")! < ExactDecimal("0.5")!)
        #expect(ExactDecimal("2.50")! == ExactDecimal("2.5")!)
    }

    @Test func arithmetic() throws {
        #expect(ExactDecimal("1.25")!.adding(ExactDecimal("-0.25")!) == ExactDecimal(1))
        #expect(ExactDecimal("183000000000")!.divided(by: ExactDecimal("7.13")!, fractionDigits: 2)?.description == "25666199158.49")
        #expect(ExactDecimal("2.345")!.rounded(fractionDigits: 2).description == "2.35")
        #expect(ExactDecimal("-2.345")!.rounded(fractionDigits: 2).description == "-2.35")
    }

    @Test func codableAsString() throws {
        let data = try JSONEncoder().encode([ExactDecimal("-600000000000")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["-600000000000"]"#)
        #expect(try JSONDecoder().decode([ExactDecimal].self, from: data) == [ExactDecimal("-600000000000")!])
    }
}

struct AmountWordsTests {
    @Test(arguments: [
        ("183000000000", "USD", "183 billion USD"), ("4200000000000", "HKD", "4.2 trillion HKD"),
        ("1990000000000", nil, "1.99 trillion"), ("-600000000000", "HKD", "-600 billion HKD"),
        ("57000000", "USD", "57 million USD"), ("1234567890123", "CNY", "about 1.235 trillion CNY"),
        ("950", "EUR", "950 EUR"), ("61500000000", "USD", "61.5 billion USD"), ("0.5", "USD", "0.5 USD"),
        ("1234567", "USD", "about 1.235 million USD"), ("2500", "EUR", "2.5 thousand EUR"),
    ] as [(String, String?, String)])
    func words(value: String, currency: String?, expected: String) {
        #expect(AmountWords.describe(ExactDecimal(value)!, currency: currency) == expected)
    }
}
