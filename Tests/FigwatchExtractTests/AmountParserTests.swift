import FigwatchCore
import Testing

@testable import FigwatchExtract

/// Numbers, scales and currencies, one row per hard case of FIGURES.md, in both scripts.
@Suite struct AmountParserTests {
    static func d(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

    @Test(arguments: [
        // Config thresholds as users write them.
        ("4 trillion HKD", "4000000000000", "HKD"),
        ("4萬億港元", "4000000000000", "HKD"),
        ("4万亿港元", "4000000000000", "HKD"),
        ("$183bn", "183000000000", "USD"),
        ("3.8 trillion HKD", "3800000000000", "HKD"),
        ("1830億美元", "183000000000", "USD"),
        ("1830亿美元", "183000000000", "USD"),
        // Separators, decimals, full-width forms.
        ("1,830億美元", "183000000000", "USD"),
        ("１，８３０億美元", "183000000000", "USD"),
        ("３６００億元", "360000000000", "CNY"),
        ("１．３萬億元", "1300000000000", "CNY"),
        ("$700,000", "700000", "USD"),
        ("$12.5 million", "12500000", "USD"),
        // Compound Chinese scales.
        ("1.3萬億元", "1300000000000", "CNY"),
        ("0.36万亿元", "360000000000", "CNY"),
        ("3千亿美元", "300000000000", "USD"),
        ("2亿5000万元", "250000000", "CNY"),
        ("240 亿美元", "24000000000", "USD"),
        // Chinese numerals, ordinary and financial, 兩/两, 零, 半.
        ("一千八百三十億美元", "183000000000", "USD"),
        ("一千八百三十亿美元", "183000000000", "USD"),
        ("兩千億港元", "200000000000", "HKD"),
        ("两千亿港元", "200000000000", "HKD"),
        ("三萬億元", "3000000000000", "CNY"),
        ("一百零五億美元", "10500000000", "USD"),
        ("壹仟捌佰參拾億元", "183000000000", "CNY"),
        ("貳拾億美元", "2000000000", "USD"),
        ("十亿美元", "1000000000", "USD"),
        ("半萬億元", "500000000000", "CNY"),
        // 兆 next to money.
        ("1.99兆元", "1990000000000", "CNY"),
        ("5兆日圓", "5000000000000", "JPY"),
        // English scale words and suffixes.
        ("$18M", "18000000", "USD"),
        ("$1.81B", "1810000000", "USD"),
        ("$4-trillion", "4000000000000", "USD"),
        ("$4tn", "4000000000000", "USD"),
        ("$4 trn", "4000000000000", "USD"),
        ("$5 mln", "5000000", "USD"),
        ("$250k", "250000", "USD"),
        ("half a trillion dollars", "500000000000", "USD"),
        ("80 billion euros", "80000000000", "EUR"),
        // Currency symbols and codes, before and after.
        ("US$3.5 trillion", "3500000000000", "USD"),
        ("HK$4 trillion", "4000000000000", "HKD"),
        ("NT$1.99 trillion", "1990000000000", "TWD"),
        ("€5bn", "5000000000", "EUR"),
        ("£770m", "770000000", "GBP"),
        ("USD 5 billion", "5000000000", "USD"),
        ("RMB 30 billion", "30000000000", "CNY"),
        ("人民币300亿元", "30000000000", "CNY"),
        ("300億元人民幣", "30000000000", "CNY"),
        ("50億新台幣", "5000000000", "TWD"),
        ("50亿新台币", "5000000000", "TWD"),
        ("20億歐元", "2000000000", "EUR"),
        ("20亿英镑", "2000000000", "GBP"),
        ("3000億韓元", "300000000000", "KRW"),
        ("100億日圓", "10000000000", "JPY"),
        ("100亿港币", "10000000000", "HKD"),
        ("2,3 Milliarden Dollar", "2300000000", "USD"),
        // German groups thousands with a point, and its Billion is 10^12.
        ("1.200 Milliarden Euro", "1200000000000", "EUR"),
        ("1,5 Billionen Euro", "1500000000000", "EUR"),
        ("250 Mrd. Euro", "250000000000", "EUR"),
        ("13 Mio. Euro", "13000000", "EUR"),
        // Japanese compounds of 兆 and 億.
        ("1兆2000億円", "1200000000000", "JPY"),
        ("3兆4000億ドル", "3400000000000", "USD"),
    ])
    func parsesMoney(text: String, value: String, currency: String) {
        let money = AmountParser.parse(text)
        #expect(money == Money(value: Self.d(value), currency: currency), "\(text)")
    }

    @Test(arguments: ["", "abc", "19%", "4 trillion HKD extra", "3兆瓦", "033600億", "about", "$", "億元"])
    func rejectsWhatIsNotOneAmount(text: String) {
        #expect(AmountParser.parse(text) == nil, "\(text)")
    }

    @Test func parsesPlainNumbersWithoutCurrency() {
        #expect(AmountParser.parse("2500000") == Money(value: 2_500_000, currency: nil))
        #expect(AmountParser.parse("3600億") == Money(value: 360_000_000_000, currency: nil))
    }

    @Test(arguments: [
        ("183000000000", "USD", "183 billion USD"),
        ("1300000000000", "CNY", "1.3 trillion CNY"),
        ("-600000000000", "HKD", "-600 billion HKD"),
        ("950", "USD", "950 USD"),
        ("44000000", "USD", "44 million USD"),
        ("1234567", nil, "about 1.235 million"),
        ("0.5", "EUR", "0.5 EUR"),
    ] as [(String, String?, String)])
    func describesAmountsInWords(value: String, currency: String?, words: String) {
        #expect(Money(value: Self.d(value), currency: currency).description == words)
    }
}

/// The throwing form names what is wrong, for configuration error messages.
@Suite struct AmountParserErrorTests {
    @Test(arguments: [
        ("4 trilion HKD", ExtractError.Code.extraText, "\"4 trilion HKD\" is not one amount of money: \"trilion HKD\" is not part of it"),
        ("lots", .notAnAmount, "\"lots\" is not an amount of money: it has no number"),
        ("above 4萬億港元", .extraText, "\"above 4萬億港元\" is not one amount of money: \"above\" is not part of it"),
    ])
    func explainsWhatIsWrong(text: String, code: ExtractError.Code, message: String) {
        #expect(throws: ExtractError(code: code, message: message)) { try AmountParser.money(from: text) }
    }

    @Test func returnsTheAmountWhenItIsOne() throws {
        #expect(try AmountParser.money(from: " 3.8 trillion HKD ") == Money(value: 3_800_000_000_000, currency: "HKD"))
    }
}
