extension LexiconWords {
    /// German: "Börsenwert von 250 Mrd. Euro", "steigerte seinen Börsenwert um 12 Mrd. auf 95 Mrd. Euro".
    /// Numbers group thousands with a point and start fractions with a comma (1.200 Milliarden =
    /// 1.2 × 10¹², 1,5 Billionen = 1.5 × 10¹²); a German Billion is a thousand Milliarden.
    static let german = LexiconWords(
        code: "de",
        numberFormat: .commaDecimal,
        changeVerbSpansClause: true,
        scaleWords: [
            ("tausend", (3, false)), ("tsd", (3, false)), ("tsd.", (3, false)),
            ("million", (6, false)), ("millionen", (6, false)), ("mio", (6, false)), ("mio.", (6, false)),
            ("milliarde", (9, false)), ("milliarden", (9, false)), ("mrd", (9, false)), ("mrd.", (9, false)),
            ("billion", (12, false)), ("billionen", (12, false)), ("bio", (12, false)), ("bio.", (12, false)),
        ],
        currencyAfter: [
            ("euro", .code("EUR")), ("dollar", .dollar), ("us-dollar", .code("USD")), ("franken", .code("CHF")),
            ("pfund", .code("GBP")), ("yen", .code("JPY")), ("yuan", .code("CNY")), ("hongkong-dollar", .code("HKD")),
            ("won", .code("KRW")),
        ],
        cues: [
            "börsenwert", "marktwert", "marktkapitalisierung", "börsenkapitalisierung", "börsenbewertung",
            "aktienwert", "bringt es an der börse auf", "kommt an der börse auf", "brachte es an der börse auf",
            "kam an der börse auf",
        ].map { ($0, Cue.metric(.marketCap)) }
            + ["bewertung", "unternehmensbewertung", "firmenbewertung", "unternehmenswert"].map { ($0, Cue.metric(.valuation)) }
            + ["bewertet", "bewerten", "bewertete"].map { ($0, Cue.valuesObject) }
            + [("wert", Cue.worth), ("schwer", Cue.worth)]
            + [
                "finanzierungsrunde", "finanzierung", "eingesammelt", "sammelte", "sammelt", "einsammeln",
                "eingenommen", "einnehmen", "erlös", "erlöse", "emissionserlös", "börsendebüt", "kapitalspritze",
                "kapitalerhöhung", "börsengang", "emissionserlös", "wagniskapital", "risikokapital", "ipo",
                "frisches kapital", "kapital", "runde", "series",
            ].map { ($0, Cue.metric(.funding)) }
            + ["investiert", "investieren", "investition in", "beteiligt", "steigt ein", "stieg ein"].map { ($0, Cue.invest) }
            + ["konzern", "unternehmen", "firma"].map { ($0, Cue.companyNoun(.marketCap)) }
            + ["start-up", "startup", "einhorn"].map { ($0, Cue.companyNoun(.valuation)) }
            + ["investor", "investoren", "geldgeber"].map { ($0, Cue.neutral) }
            + [
                "umsatz", "umsätze", "gewinn", "nettogewinn", "ergebnis", "dividende", "dividenden", "aktienrückkauf",
                "aktienrückkäufe", "rückkauf", "übernahme", "übernehmen", "kaufpreis", "kauf", "kauft", "kaufte",
                "investitionen", "schulden", "anleihe", "anleihen", "kredit", "kredite", "strafe", "buße",
                "bußgeld", "fonds", "sondervermögen", "aktienkurs", "kursziel", "je aktie", "pro aktie", "auftrag",
                "aufträge", "kosten", "ausgaben", "subvention", "subventionen", "verlust", "verluste", "preis",
                "budget", "paket", "zusage", "zugesagt", "beteiligung",
            ].map { ($0, Cue.metric(.other)) }
            // The ends of compounds: Quartalsumsatz, Jahresgewinn, Rüstungsausgaben, Staatsschulden.
            + ["*umsatz", "*umsätze", "*gewinn", "*gewinne", "*ausgaben", "*schulden", "*kosten", "*anleihe",
               "*anleihen", "*kredit", "*kredite", "*preis", "*dividende", "*fonds", "*auftrag", "*aufträge",
               "*budget", "*etat", "*rückkauf", "*rückkäufe", "*übernahme"].map { ($0, Cue.metric(.other)) }
            + ["*börsenwert", "*marktwert", "*marktkapitalisierung"].map { ($0, Cue.metric(.marketCap)) }
            + ["*bewertung"].map { ($0, Cue.metric(.valuation)) }
            + ["vermögen", "milliardär", "reichste", "nettozuflüsse", "zuflüsse", "abflüsse"].map { ($0, Cue.veto) },
        boundsBefore: [
            ("rund", .approx), ("etwa", .approx), ("ungefähr", .approx), ("circa", .approx), ("ca.", .approx),
            ("zirka", .approx), ("gut", .atLeast), ("knapp", .atMost), ("fast", .atMost), ("beinahe", .atMost),
            ("nahezu", .atMost), ("bis zu", .atMost), ("höchstens", .atMost), ("maximal", .atMost),
            ("weniger als", .atMost), ("unter", .atMost), ("über", .atLeast), ("mehr als", .atLeast),
            ("knackte", .atLeast), ("überschritt", .atLeast), ("übersprang", .atLeast),
            ("mindestens", .atLeast), ("wenigstens", .atLeast), ("oberhalb von", .atLeast),
        ],
        boundsAfter: [("und mehr", .atLeast)],
        thresholdsAfter: ["marke", "schwelle", "grenze"],
        changeGapFillers: ["um", "rund", "etwa", "knapp", "fast", "mehr als", "über", "gut", "zusammen"],
        gains: [
            "stieg", "steigt", "gestiegen", "steigerte", "kletterte", "sprang", "wuchs", "gewann", "gewinnt",
            "legte", "zulegte", "zugelegt", "erhöhte", "plus",
        ],
        losses: [
            "verlor", "verliert", "verloren", "fiel", "fällt", "gefallen", "sank", "sinkt", "gesunken", "büßte",
            "eingebüßt", "schrumpfte", "brach", "rutschte", "minus", "vernichtet", "vernichtete", "einbußen",
        ],
        // Perfect tense puts the participle last: "hat 50 Milliarden Euro an Wert verloren".
        gainsAfter: ["an wert gewonnen", "an wert zugelegt", "an börsenwert gewonnen", "an marktwert gewonnen"],
        lossesAfter: ["an wert verloren", "an wert eingebüßt", "an börsenwert verloren", "an marktwert verloren",
                      "an börsenwert eingebüßt", "an marktwert eingebüßt"],
        levelBounds: ["über", "unter"],
        crossings: ["überschritt", "übersprang", "knackte", "erreichte", "durchbrach"],
        valuedThings: [
            "deal", "geschäft", "transaktion", "paket", "anteil", "beteiligung", "auftrag", "aktien", "eigene aktien",
            "aktienpaket", "sparte", "geschäftsbereich", "segment",
        ],
        takeovers: ["übernahme", "übernahmeangebot", "kaufpreis", "fusion"],
        fundingThings: ["finanzierungsrunde", "kapitalspritze", "finanzspritze", "rettungspaket"],
        investmentReceived: ["runde", "finanzierungsrunde", "start-up", "startup", "beteiligt"],
        investorBefore: ["angeführt von", "unter führung von", "von", "mit", "investoren wie", "darunter"],
        possessives: ["'", "’"],
        rangeJoiners: ["bis", "und"],
        rangeOpeners: ["zwischen"],
        rangeJoinersNeedingOpener: ["und"],
        fromWords: ["von"],
        toWords: ["auf"],
        byWords: ["um"],
        ownerAfterCue: ["von", "der", "des"],
        yuanSignWords: ["china", "chinesisch", "chinesische", "chinesischen", "yuan", "renminbi", "peking", "shanghai", "shenzhen"],
        cueLinks: ["von", "bei", "auf", "mit", "ist", "liegt", "beträgt", "lag"],
        adjunctPrepositions: ["nach", "seit", "vor"],
        investeeBefore: ["in", "an"],
        copulas: ["mit", "ist", "bei"],
        forecastBefore: [
            "könnte", "könnten", "dürfte", "dürften", "soll", "sollen", "sollte", "solle", "würde", "würden",
            "plant", "planen", "plante", "erwartet", "erwarten", "rechnen", "rechnet", "gespräche", "verhandelt",
            "verhandlungen", "anstreben", "strebt", "angestrebt", "ziel", "wenn", "falls", "möglicherweise",
            "voraussichtlich", "prognostiziert", "prognose", "will", "wollen", "peilt", "erhofft", "wäre", "wären",
        ],
        pastBefore: ["höchststand von", "rekordwert von", "nach", "waren es noch", "waren es", "es waren noch"],
        pastInClause: ["vorjahr", "vor einem jahr", "zuvor", "damals", "einst", "vor zwei jahren"],
        baselineBefore: ["seit", "gegenüber"],
        articles: ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "eines"],
        respectively: ["jeweils", "beziehungsweise", "bzw."],
        multipliers: ["*fache", "*fachen", "verdoppelt", "verdreifacht", "doppelt"],
        gapWords: ["vorsprung", "abstand", "differenz"],
        conversions: ["umgerechnet", "oder umgerechnet", "oder rund", "oder etwa"],
        heldThings: ["beteiligung", "anteil", "anteile", "aktienpaket", "hält", "depot"],
        combinedWords: ["zusammen", "gemeinsam", "zusammengerechnet"],
        relativeOwners: ["dessen", "deren"],
        unitSuffixes: [
            "energy", "healthineers", "health", "bank", "financial services", "mobility", "logistics", "immobilien",
            "versicherung", "capital",
        ],
        subjectContinuers: ["und ist", "und war", "und hat", "und wird", "und kommt", "und bringt"],
        places: [
            "deutschland", "europa", "asien", "afrika", "amerika", "den usa", "usa", "china", "indien", "japan",
            "frankreich", "großbritannien", "italien", "spanien", "polen", "österreich", "der schweiz", "schweiz",
            "den niederlanden", "niederlande", "ungarn", "tschechien", "rumänien", "der türkei", "türkei", "kanada",
            "mexiko", "brasilien", "südkorea", "taiwan", "bayern", "baden-württemberg", "sachsen", "niedersachsen",
            "nordrhein-westfalen", "hessen", "berlin", "münchen", "hamburg", "texas", "kalifornien",
            "ostdeutschland", "dem ausland", "ausland",
        ],
        phrasePrepositions: ["in", "bei", "während", "vor", "nach", "durch"],
        pairJoiners: ["und"],
        latterWords: ["letztere", "letzterer", "letzteres", "letzteren"],
        formerWords: ["erstere", "ersterer", "ersteres", "ersteren"],
        amountingAfterNoun: ["über"],
        aggregateSubjects: ["deutsche start-ups", "europäische start-ups", "jungunternehmen", "gründer"],
        yearMarkers: ["im jahr", "im", "ende", "anfang"],
        presentMarkers: ["heute", "nun", "inzwischen", "mittlerweile", "derzeit", "aktuell", "jetzt"],
        restatementBefore: ["oder", "oder rund", "oder etwa"])
}
