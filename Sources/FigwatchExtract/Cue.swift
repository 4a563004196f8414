import FigwatchCore

/// What a word near an amount says about it.
enum Cue: Sendable, Equatable {
    /// The wording of a metric: 市值, valuation, raised ... (`other` for revenue, prices, deals ...).
    case metric(Metric)
    /// "valued at": a valuation unless what is valued is a deal, an order or goods.
    case valuedAt
    /// "values X at", "bewertet X mit": an active verb whose object, between it and the amount, is
    /// what is valued ("The deal values Kestrel at $15bn" values Kestrel, not the deal).
    case valuesObject
    /// "investment", 投资, 出資: funding only in a sentence about a company receiving it (a round,
    /// a stake, 获得, 领投 ...), else money spent.
    case invest
    /// "is worth": a market value unless what is worth it is a stake, a house or goods.
    case worth
    /// "IPO": funding only right beside the amount ("a $2bn IPO", "IPO raising $2bn").
    case ipo
    /// "the $900 billion chipmaker", "a $1bn startup": the company's own worth when it directly
    /// follows the amount (a market cap for companies, a valuation for start-ups).
    case companyNoun(Metric)
    /// The whole sentence is about something else: margin financing, insider sales, VC funds ...
    case veto
    /// Blocks a shorter cue inside it (投资者 is an investor, not an investment).
    case neutral
}

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
