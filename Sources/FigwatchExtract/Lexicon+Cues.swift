import FigwatchCore

/// What a word near an amount says about it.
enum Cue: Sendable, Equatable {
    /// The wording of a metric: 市值, valuation, raised ... (`other` for revenue, prices, deals ...).
    case metric(Metric)
    /// "valued at": a valuation unless what is valued is a deal, an order or goods.
    case valuedAt
    /// 投资: funding only in a sentence about a company receiving it (获得, 战略投资, 领投 ...).
    case investZh
    /// "investment": funding only in a sentence about rounds, investors or startups.
    case investEn
    /// "is worth": a market value unless what is worth it is a stake, a house or goods.
    case worth
    /// "IPO": funding only right beside the amount ("a $2bn IPO", "IPO raising $2bn").
    case ipo
    /// "$1bn firm": a valuation when it directly follows the amount.
    case companyNoun
    /// The whole sentence is about something else: margin financing, insider sales, VC funds ...
    case veto
    /// Blocks a shorter cue inside it (投资者 is an investor, not an investment).
    case neutral
}

extension Lexicon {
    static let cues = PhraseMatcher<Cue>(
        [
            "市值", "总市值", "市价总值", "時価総額", "market cap", "market caps", "market capitalization",
            "market capitalisation", "market value", "market valuation", "market worth", "marketcap",
            "börsenwert", "marktwert", "marktkapitalisierung", "capitalización", "capitalisation boursière",
            "kapitalizacja",
        ].map { ($0, Cue.metric(.marketCap)) }
        + [
            "估值", "投后估值", "投前估值", "valuation", "valuations", "post-money", "pre-money", "bewertung",
            "bewertet", "valorada", "valorado", "valorizada", "valorisation", "valorisée", "wycena",
        ].map { ($0, Cue.metric(.valuation)) }
        + ["valued at", "valuing", "value at", "valued it at", "valuing it at", "valued", "values"]
            .map { ($0, Cue.valuedAt) }
        + ["is worth", "was worth", "is now worth", "are now worth", "became worth", "company worth", "companies worth"]
            .map { ($0, Cue.worth) }
        + [
            "融资", "筹资", "募资", "增资", "注资", "募集资金", "募得", "融得", "获投", "领投", "天使轮", "募股",
            "raise", "raises", "raised", "raising", "fundraise", "fundraising", "funding", "financing",
            "round", "rounds", "series a", "series b", "series c", "series d", "series e", "series f",
            "series g", "series h", "seed round", "seed funding", "capital raised", "筹集",
            "share issue", "a share issue", "share sale", "a share sale", "share offering", "a share offering",
            "rights issue", "a rights issue", "stock offering", "share placement", "配股", "定增", "定向增发",
            "eingenommen", "finanzierung", "finanzierungsrunde", "kapitalerhöhung", "levée", "ronda",
            "financiación",
        ].map { ($0, Cue.metric(.funding)) }
        + [("ipo", Cue.ipo), ("ipos", Cue.ipo), ("上市募资", Cue.metric(.funding))]
        + [("投资", Cue.investZh), ("投资额", Cue.investZh), ("investment", Cue.investEn), ("investments", Cue.investEn)]
        + [
            "firm", "company", "startup", "start-up", "business", "unicorn", "公司", "企业", "独角兽",
        ].map { ($0, Cue.companyNoun) }
        + [
            "投资者", "投资人", "投资方", "投资机构", "investor", "investors", "融资方", "to fund", "to help fund",
        ].map { ($0, Cue.neutral) }
        + [
            // Not what a company is worth or raises.
            "营收", "营业收入", "收入", "利润", "净利", "净利润", "营业额", "销售", "销售额", "股价", "每股", "元/股",
            "收购", "并购", "回购", "买下", "投入", "支出", "开支", "成本", "花费", "耗资", "出资", "债", "负债",
            "贷款", "罚款", "净资产", "资产", "总资产", "协议", "合同", "订单", "交易额", "成交额",
            "交易规模", "市场规模", "薪", "工资", "奖金", "分红", "股息", "税", "补贴", "价格", "售价", "报价",
            "出价", "票房", "出口", "进口", "预算", "现金", "国债", "亏损", "净亏损", "购地", "救市",
            "高出", "多出", "差距", "相差", "落后", "gap",
            "revenue", "revenues", "sales", "sale", "sold", "sell", "sells", "profit", "profits", "earnings",
            "income", "salary", "price", "priced", "prices", "per share", "a share", "stake",
            "acquire", "acquired", "acquires", "acquisition", "acquisitions", "buy", "buys", "bought",
            "buyout", "purchase", "deal", "deals", "order", "orders", "contract", "fund", "funds",
            "dry powder", "spend", "spent", "spending", "capex", "budget", "cost", "costs", "debt", "loan",
            "loans", "bond", "bonds", "fine", "fined", "penalty", "settlement", "paid", "pay", "pays", "tariff",
            "tariffs", "goods", "auction", "assets", "dividend", "dividends", "buyback", "bonus", "compensation",
            "tax", "taxes", "subsidy", "subsidies", "worth of", "loss", "losses", "net loss", "wages",
            "przychodów", "umsatz", "gewinn", "ventas",
        ].map { ($0, Cue.metric(.other)) }
        + [
            "融资融券", "两融", "融资买入", "融资偿还", "融资余额", "融资净", "融资资金", "净流入", "净流出",
            "净偿还", "减持", "增持", "套现", "警戒线", "平仓线", "保证金", "对应市值", "折合市值", "养老",
            "固定资产", "杠杆", "配资", "身家", "财富", "富豪", "首富", "his fortune", "her fortune", "personal fortune", "family fortune", "richest", "billionaire", "venture capitalists", "by vcs", "vcs raised", "vcs have raised", "vcs are raising", "venture firm", "hedge fund", "net worth", "hospital",
            "charity", "charitable", "donation", "donations", "捐", "慈善",
        ].map { ($0, Cue.veto) })

    /// A Chinese sentence where 投资 is money a company receives.
    static let investmentReceivedZh = PhraseMatcher<Bool>(
        ["获得", "获", "战略投资", "风险投资", "领投", "天使", "轮", "注资", "跟投"].map { ($0, true) })

    /// An English sentence where "investment" is a round a company receives.
    static let investmentReceivedEn = PhraseMatcher<Bool>(
        ["led", "leads", "round", "rounds", "venture", "investors", "backers", "startup", "raised", "raises",
         "funding", "series"].map { ($0, true) })

    /// Words just before "valued at" that make it the price of a thing, not a company valuation.
    static let valuedThings = PhraseMatcher<Bool>(
        ["deal", "order", "contract", "transaction", "it's", "it is", "goods", "agreement", "acquisition",
         "takeover", "offer", "bid", "package", "purchase", "stake", "property", "house", "home", "painting",
         "collection", "shares", "portfolio", "buyout", "merger", "assets", "core", "market", "brand",
         "exports", "imports", "shipments", "sales", "contracts", "loans", "bonds", "homes", "properties", "products",
         "aid", "orders", "deals", "estate", "land", "jewelry", "jewellery", "art", "wine"]
            .map { ($0, true) })

    /// Bounds that name a line crossed, so the verb before them states a level:
    /// "fell below $1 trillion", "rose above $4 trillion", "市值跌破1萬億".
    static let levelBounds = PhraseMatcher<Bool>(
        ["above", "below", "under", "over", "past", "beyond", "突破", "跌破", "站上", "站稳", "重回"].map { ($0, true) })

    /// Verbs of crossing a line: before "…大關" or "the … mark" they make it a level reached,
    /// where 挑戰/有望 (challenge, may) leave it a mark not yet reached.
    static let crossings = PhraseMatcher<Bool>(
        ["突破", "站上", "跌破", "重回", "升破", "越过", "crossed", "crosses", "topped", "tops", "surpassed", "passed",
         "hit", "hits", "broke", "breaks", "above", "below", "past", "reached", "reaches"].map { ($0, true) })

    /// Verbs of a move in value: +1 gains, -1 losses.
    static let changeVerbs = PhraseMatcher<Int>(
        [
            "飙升", "上涨", "大涨", "暴涨", "涨", "增加", "增长", "上升", "攀升", "带来", "新增", "增值", "跳涨",
            "急升", "回升", "狂飙", "劲升", "升", "猛增", "激增", "飙涨", "大增", "增", "暴增", "拉升",
            "rose", "rise", "rises", "risen", "jumped", "jumps", "gained", "gains", "gain", "added", "adds",
            "add", "climbed", "climbs", "surged", "surges", "soared", "soars", "increased", "increases",
            "grew", "grows", "grown", "grow", "boosted", "swelled", "adding", "gaining", "boosting",
        ].map { ($0, 1) }
        + [
            "蒸发", "缩水", "跌去", "损失", "下跌", "跌", "暴跌", "大跌", "减少", "下降", "下滑", "回落", "抹去",
            "失去", "缩减", "跌掉", "蒸发掉", "fell", "falls", "fall", "fallen", "dropped", "drops", "drop",
            "declined", "declines", "lost", "loses", "lose", "shed", "sheds", "wiped out", "wiped", "wipes",
            "erased", "erases", "slumped", "plunged", "plunges", "tumbled", "tanked", "sank", "sinks",
            "shrank", "shrunk", "evaporated", "erasing", "erase", "wiping", "wiping out", "knocked", "knocking",
            "shaved", "shaving", "losing", "shedding", "wiping off",
        ].map { ($0, -1) })
}
