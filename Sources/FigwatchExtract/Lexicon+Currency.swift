/// How a written currency becomes an ISO 4217 code.
enum CurrencyWord: Sendable, Equatable {
    /// Unambiguous: 美元, HK$, EUR ...
    case code(String)
    /// Plain `$`: US dollars unless the prefix says otherwise.
    case dollar
    /// `¥`/`￥`: yuan in a sentence about China, yen otherwise.
    case yenSign
    /// 元/圆: yuan on the mainland, New Taiwan dollars in Taiwanese text.
    case yuan
}

extension Lexicon {
    /// Currency written before the number: "$", "US$", "HK$", "USD ", "人民币".
    static let currencyBefore = PhraseMatcher<CurrencyWord>([
        ("$", .dollar), ("us$", .code("USD")), ("us $", .code("USD")), ("u.s.$", .code("USD")),
        ("u.s. $", .code("USD")), ("usd", .code("USD")), ("usd$", .code("USD")),
        ("hk$", .code("HKD")), ("hk $", .code("HKD")), ("hkd", .code("HKD")), ("hkd$", .code("HKD")),
        ("nt$", .code("TWD")), ("nt $", .code("TWD")), ("twd", .code("TWD")), ("ntd", .code("TWD")),
        ("a$", .code("AUD")), ("au$", .code("AUD")), ("aud", .code("AUD")),
        ("c$", .code("CAD")), ("ca$", .code("CAD")), ("cad", .code("CAD")),
        ("s$", .code("SGD")), ("sgd", .code("SGD")), ("nz$", .code("NZD")), ("r$", .code("BRL")),
        ("€", .code("EUR")), ("eur", .code("EUR")), ("£", .code("GBP")), ("gbp", .code("GBP")),
        ("¥", .yenSign), ("￥", .yenSign), ("jpy", .code("JPY")), ("rmb", .code("CNY")), ("cny", .code("CNY")),
        ("₩", .code("KRW")), ("krw", .code("KRW")), ("chf", .code("CHF")), ("₹", .code("INR")),
        ("inr", .code("INR")), ("pln", .code("PLN")),
        ("人民币", .code("CNY")), ("港币", .code("HKD")), ("美金", .code("USD")),
    ])

    /// Currency written after the number and its scale: "美元", "港元", "元", "dollars", "HKD".
    static let currencyAfter = PhraseMatcher<CurrencyWord>([
        ("美元", .code("USD")), ("美金", .code("USD")), ("美圆", .code("USD")),
        ("港元", .code("HKD")), ("港币", .code("HKD")), ("港圆", .code("HKD")),
        ("人民币", .code("CNY")), ("元人民币", .code("CNY")), ("元", .yuan), ("圆", .yuan),
        ("新台币", .code("TWD")), ("台币", .code("TWD")), ("元新台币", .code("TWD")),
        ("日元", .code("JPY")), ("日圆", .code("JPY")), ("円", .code("JPY")),
        ("欧元", .code("EUR")), ("英镑", .code("GBP")), ("韩元", .code("KRW")), ("韩圆", .code("KRW")),
        ("澳元", .code("AUD")), ("加元", .code("CAD")), ("新加坡元", .code("SGD")), ("新元", .code("SGD")),
        ("瑞郎", .code("CHF")), ("卢布", .code("RUB")),
        ("dollars", .dollar), ("dollar", .dollar), ("us dollars", .code("USD")), ("u.s. dollars", .code("USD")),
        ("hong kong dollars", .code("HKD")), ("taiwan dollars", .code("TWD")),
        ("new taiwan dollars", .code("TWD")), ("singapore dollars", .code("SGD")),
        ("australian dollars", .code("AUD")), ("canadian dollars", .code("CAD")),
        ("usd", .code("USD")), ("hkd", .code("HKD")), ("cny", .code("CNY")), ("rmb", .code("CNY")),
        ("twd", .code("TWD")), ("eur", .code("EUR")), ("gbp", .code("GBP")), ("jpy", .code("JPY")),
        ("krw", .code("KRW")), ("chf", .code("CHF")), ("aud", .code("AUD")), ("cad", .code("CAD")),
        ("sgd", .code("SGD")), ("inr", .code("INR")), ("pln", .code("PLN")),
        ("yuan", .code("CNY")), ("renminbi", .code("CNY")), ("euros", .code("EUR")), ("euro", .code("EUR")),
        ("pounds", .code("GBP")), ("pound", .code("GBP")), ("sterling", .code("GBP")),
        ("yen", .code("JPY")), ("won", .code("KRW")), ("rupees", .code("INR")), ("francs", .code("CHF")),
        ("dólares", .dollar), ("dolares", .dollar), ("zł", .code("PLN")), ("złotych", .code("PLN")),
        ("zloty", .code("PLN")),
    ])

    /// 元 followed by these is a word, not the currency: 元年, 元旦, 元素, 元宇宙, 元首, 元月.
    static let notYuanAfter: Set<UInt32> = Set("年旦素宇首月老宵气氣器件朝帅帥凶勋勳代数數".unicodeScalars.map(\.value))
}
