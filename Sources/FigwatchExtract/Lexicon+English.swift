extension LexiconWords {
    /// English, as wire copy writes it: "$183bn", "market value rose by $5bn to $930bn", "valued at".
    static let english = LexiconWords(
        code: "en",
        capitalisedNames: true,
        scaleWords: [
            ("thousand", (3, false)), ("thousands", (3, false)), ("k", (3, true)),
            ("million", (6, false)), ("millions", (6, false)), ("mn", (6, false)), ("mln", (6, false)),
            ("m", (6, true)), ("mm", (6, false)),
            ("billion", (9, false)), ("billions", (9, false)), ("bn", (9, false)), ("bln", (9, false)),
            ("b", (9, true)),
            ("trillion", (12, false)), ("trillions", (12, false)), ("tn", (12, false)), ("trn", (12, false)),
            ("tln", (12, false)), ("t", (12, true)),
            // Indian English: a lakh is 10^5, a crore 10^7, a lakh crore 10^12.
            ("lakh", (5, false)), ("lakhs", (5, false)), ("crore", (7, false)), ("crores", (7, false)),
            ("lakh crore", (12, false)),
        ],
        currencyAfter: [
            ("dollars", .dollar), ("dollar", .dollar), ("us dollars", .code("USD")), ("u.s. dollars", .code("USD")),
            ("hong kong dollars", .code("HKD")), ("taiwan dollars", .code("TWD")), ("swiss francs", .code("CHF")),
            ("japanese yen", .code("JPY")), ("chinese yuan", .code("CNY")), ("indian rupees", .code("INR")),
            ("south korean won", .code("KRW")), ("korean won", .code("KRW")),
            ("new taiwan dollars", .code("TWD")), ("singapore dollars", .code("SGD")),
            ("australian dollars", .code("AUD")), ("canadian dollars", .code("CAD")),
            ("yuan", .code("CNY")), ("renminbi", .code("CNY")), ("euros", .code("EUR")), ("euro", .code("EUR")),
            ("pounds", .code("GBP")), ("pound", .code("GBP")), ("sterling", .code("GBP")),
            ("yen", .code("JPY")), ("won", .code("KRW")), ("rupees", .code("INR")), ("francs", .code("CHF")),
        ],
        cues: [
            "market cap", "market caps", "market capitalization", "market capitalisation", "market value",
            "market valuation", "market worth", "market values", "marketcap", "market-cap", "stock market value", "combined value",
            "combined market value", "combined market capitalisation", "combined market capitalization",
        ].map { ($0, Cue.metric(.marketCap)) }
            + ["valuation", "valuations", "post-money", "pre-money", "equity value", "implied valuation"]
            .map { ($0, Cue.metric(.valuation)) }
            + ["their value", "in value", "of value", "in shareholder value", "of shareholder value", "of its value",
               "of their value"].map { ($0, Cue.metric(.marketCap)) }
            + ["valued at", "value at", "valued"].map { ($0, Cue.valuedAt) }
            + ["valuing", "valued it at", "valuing it at", "values", "value", "would value", "to value", "could value",
               "value it at"]
            .map { ($0, Cue.valuesObject) }
            + ["is worth", "was worth", "is now worth", "are now worth", "became worth", "company worth",
               "companies worth", "worth"]
            .map { ($0, Cue.worth) }
            + [
                "raise", "raises", "raised", "raising", "fundraise", "fundraising", "funding", "financing",
                "round", "rounds", "series a", "series b", "series c", "series d", "series e", "series f",
                "series g", "series h", "seed round", "seed funding", "capital raised",
                "share issue", "a share issue", "share offering", "a share offering", "share sale", "a share sale",
                "rights issue", "a rights issue", "stock offering", "share placement", "listing", "listings",
                "flotation", "debut",
            ].map { ($0, Cue.metric(.funding)) }
            + [("ipo", Cue.ipo), ("ipos", Cue.ipo)]
            + ["investment", "investments", "invest", "invests", "invested", "investing", "put", "puts", "pour",
               "poured", "pours", "inject", "injected", "back"].map { ($0, Cue.invest) }
            + ["chipmaker", "carmaker", "automaker", "group", "lender", "bank", "insurer", "retailer", "giant",
               "maker", "conglomerate", "developer", "miner", "producer", "operator", "manufacturer"]
            .map { ($0, Cue.companyNoun(.marketCap)) }
            + ["firm", "company", "business", "companies", "firms", "startup", "start-up", "unicorn", "startups",
               "start-ups"].map { ($0, Cue.companyNoun(.valuation)) }
            + ["investor", "investors", "to fund", "to help fund", "put at", "was put at", "were put at", "is put at"]
            .map { ($0, Cue.neutral) }
            + [
                "revenue", "revenues", "sales", "sale", "sold", "sell", "sells", "profit", "profits", "earnings",
                "income", "salary", "price", "priced", "prices", "per share", "a share", "stake", "stakes",
                "acquire", "acquired", "acquires", "acquisition", "acquisitions", "buy", "buys", "bought",
                "buyout", "purchase", "purchases", "deal", "deals", "order", "orders", "contract", "fund", "funds",
                "dry powder", "spend", "spent", "spending", "capex", "capital expenditures", "capital expenditure",
                "budget", "cost", "costs", "debt", "loan", "loans", "bond", "bonds", "notes", "fine", "fined",
                "penalty", "settlement", "settle", "paid", "pay", "pays", "tariff", "tariffs", "goods", "auction",
                "assets", "dividend", "dividends", "buyback", "buybacks", "bought back", "repurchase",
                "repurchases", "bonus", "compensation", "tax", "taxes", "subsidy", "subsidies", "worth of",
                "loss", "losses", "net loss", "wages", "cash", "free cash flow", "cash flow", "holdings",
                "inflows", "outflows", "net buying", "net selling", "pledged", "pledge", "commitment",
                "commitments", "commit", "committed", "target", "targets", "package", "secondary sale",
                "secondary share sale",
            ].map { ($0, Cue.metric(.other)) }
            + [
                "his fortune", "her fortune", "personal fortune", "family fortune", "fortune", "richest",
                "billionaire", "venture capitalists", "by vcs", "vcs raised", "vcs have raised", "vcs are raising",
                "venture firm", "hedge fund", "net worth", "hospital", "charity", "charitable", "donation",
                "donations", "margin debt", "margin financing", "northbound", "southbound", "sovereign wealth fund",
                "assets under management", "exchange-traded fund", "etf", "etfs", "fund manager", "asset manager",
                "buyout fund", "venture fund", "private equity fund", "credit fund", "infrastructure fund",
            ].map { ($0, Cue.veto) },
        boundsBefore: [
            ("about", .approx), ("around", .approx), ("roughly", .approx), ("approximately", .approx),
            ("approx.", .approx), ("some", .approx), ("an estimated", .approx), ("estimated", .approx),
            ("circa", .approx), ("an approximate", .approx),
            ("nearly", .atMost), ("almost", .atMost), ("close to", .atMost), ("just under", .atMost),
            ("under", .atMost), ("less than", .atMost), ("up to", .atMost), ("as much as", .atMost),
            ("below", .atMost), ("just shy of", .atMost), ("no more than", .atMost), ("at most", .atMost),
            ("not more than", .atMost), ("a maximum of", .atMost), ("shy of", .atMost),
            ("more than", .atLeast), ("over", .atLeast), ("at least", .atLeast), ("upwards of", .atLeast),
            ("north of", .atLeast), ("in excess of", .atLeast), ("exceeding", .atLeast), ("topped", .atLeast),
            ("tops", .atLeast), ("topping", .atLeast), ("top", .atLeast), ("surpassed", .atLeast),
            ("surpassing", .atLeast), ("above", .atLeast), ("just over", .atLeast), ("well over", .atLeast),
            ("no less than", .atLeast), ("a minimum of", .atLeast), ("as little as", .atLeast),
            ("exceeded", .atLeast), ("beyond", .atLeast), ("crossed", .atLeast), ("crosses", .atLeast),
            ("crossing", .atLeast), ("breached", .atLeast), ("broke through", .atLeast), ("broke above", .atLeast),
        ],
        boundsAfter: [
            ("or more", .atLeast), ("or so", .approx), ("-plus", .atLeast), ("plus", .atLeast),
            ("and up", .atLeast), ("or less", .atMost), ("at most", .atMost), ("at the most", .atMost),
            ("at least", .atLeast), ("at the least", .atLeast),
        ],
        thresholdsAfter: ["mark", "milestone", "threshold", "barrier", "club", "level"],
        changeGapFillers: [
            "by", "another", "an additional", "a further", "a combined", "a record", "a", "an", "some", "about",
            "nearly", "almost", "more than", "over", "roughly", "around", "up", "down", "as much as", "up to",
            "close to", "just over", "just under", "an estimated", "at least",
        ],
        gains: [
            "rose", "rise", "rises", "risen", "jumped", "jumps", "gained", "gains", "gain", "added", "adds",
            "add", "climbed", "climbs", "surged", "surges", "soared", "soars", "increased", "increases",
            "grew", "grows", "grown", "grow", "boosted", "swelled", "adding", "gaining", "boosting", "rising",
            "jumping", "climbing", "surging", "soaring", "increasing", "growing", "swelling", "rallied", "rebounded",
            "lifted", "lifting", "advanced", "up",
        ],
        losses: [
            "fell", "falls", "fall", "fallen", "dropped", "drops", "drop", "declined", "declines", "lost", "loses",
            "lose", "shed", "sheds", "wiped out", "wiped", "wipes", "erased", "erases", "slumped", "plunged",
            "plunges", "tumbled", "tanked", "sank", "sinks", "shrank", "shrunk", "evaporated", "erasing", "erase",
            "wiping", "wiping out", "knocked", "knocking", "shaved", "shaving", "losing", "shedding", "wiping off",
            "falling", "dropping", "declining", "slid", "sliding", "slipped", "slipping", "down", "wipe",
            "wipe out", "knock", "knocks", "sinking", "plunging", "tumbling", "slumping", "shrinking",
        ],
        levelBounds: ["above", "below", "under", "over", "past", "beyond"],
        crossings: [
            "crossed", "crosses", "topped", "tops", "surpassed", "passed", "hit", "hits", "broke", "breaks", "above",
            "below", "past", "reached", "reaches", "exceeded",
        ],
        valuedThings: [
            "deal", "order", "contract", "transaction", "goods", "agreement", "acquisition",
            "takeover", "offer", "bid", "package", "purchase", "stake", "property", "house", "home", "painting",
            "collection", "shares", "portfolio", "buyout", "merger", "assets", "core", "market", "brand",
            "exports", "imports", "shipments", "sales", "contracts", "loans", "bonds", "homes", "properties",
            "products", "aid", "orders", "deals", "estate", "land", "jewelry", "jewellery", "art", "wine",
            "holding", "holdings", "position", "options", "award", "grant", "fortune", "pay", "packages", "awards",
            "bonuses", "stakes", "positions", "grants", "unit", "division", "segment", "arm", "subsidiary's",
        ],
        takeovers: ["buyout", "acquisition", "takeover", "takeover bid", "merger"],
        fundingThings: ["lifeline", "bailout", "capital injection", "cash injection", "rescue package", "funding round", "round"],
        investmentReceived: [
            "led", "leads", "round", "rounds", "venture", "investors", "backers", "startup", "start-up", "raised",
            "raises", "funding", "series", "stake", "agreed to invest",
        ],
        investorBefore: [
            "led by", "by", "from", "including", "backed by", "investors", "investor", "backer", "backers",
            "co-led by", "joined by", "alongside", "with participation from",
        ],
        possessives: ["'s", "’s", "'", "’"],
        rangeJoiners: ["to", "and"],
        rangeOpeners: ["between"],
        rangeJoinersNeedingOpener: ["and"],
        fromWords: ["from"],
        toWords: ["to"],
        byWords: ["by"],
        ownerAfterCue: ["of"],
        yuanSignWords: ["china", "chinese", "yuan", "renminbi", "rmb", "beijing", "shanghai", "shenzhen", "hangzhou", "mainland"],
        cueLinks: ["of", "at", "is", "was", "stood at", "to", "reached", "hit"],
        adjunctPrepositions: ["after", "since", "following", "before", "ahead of"],
        investeeBefore: ["in", "into"],
        copulas: ["is", "was", "stood at", "at"],
        forecastBefore: [
            "could", "may", "might", "could reach", "would value", "would be valued", "would be worth",
            "will be valued", "will value", "expected to", "expects", "expect", "is expected", "are expected",
            "forecast", "forecasts", "projected", "projects", "seeking", "seeks", "seek", "in talks", "talks to",
            "plans to", "planning", "plans", "aims to", "aiming", "targets", "targeting", "hopes to",
            "considering", "weighing", "exploring", "proposed", "proposes", "potential", "possible",
            "prospective", "if", "set to", "poised to", "on track to", "likely", "predicts", "predicted",
            "discussions", "negotiations", "under discussion", "sounding out", "preparing", "looking to",
            "intends", "in line to", "would give", "would make", "would put", "would bring", "would lift",
            "would take", "would push", "would see",
        ],
        pastBefore: [
            "from", "up from", "down from", "a peak of", "peak of", "its peak of", "a high of", "high of",
            "a low of", "low of", "compared with", "versus", "vs", "vs.",
        ],
        pastInClause: [
            "a year earlier", "a year ago", "years ago", "months ago", "a month ago", "as recently as",
            "previously", "once", "had been", "at the time", "a decade ago", "at its peak", "at its low",
            "last year", "earlier this year", "at the start of the year", "at the end of last year",
            "last funding round", "its last round", "previous round", "prior round", "previous funding round",
        ],
        baselineBefore: ["since"],
        articles: ["the", "a", "an"],
        respectively: ["respectively"],
        multipliers: ["times", "double", "triple", "twice", "thrice", "doubled", "tripled"],
        gapWords: ["that of", "those of", "lead over", "gap of", "gap between"],
        conversions: ["equivalent to", "the equivalent of", "or about", "or roughly", "or around", "or some"],
        heldThings: ["stake", "stakes", "holding", "holdings", "holds", "held", "portfolio"],
        combinedWords: ["combined", "a combined", "together"],
        relativeOwners: ["whose", "which", "which is", "which was", "which has"],
        phrasePrepositions: ["in", "during", "at", "ahead of"],
        pairJoiners: ["and"],
        latterWords: ["the latter"],
        formerWords: ["the former"],
        aggregateSubjects: ["start-ups", "startups", "companies", "firms", "businesses", "unicorns"],
        yearMarkers: ["in", "as of", "at the end of", "early", "late"],
        presentMarkers: ["now", "today", "currently", "at present", "these days"],
        restatementBefore: ["or", "or about", "or roughly", "or nearly", "or some", "or around", "or more than"])
}
