extension LexiconWords {
    /// Japanese: "時価総額は1兆2000億円増えた", "評価額は約3000億円", "資金調達額は最大1000億円の見込み".
    /// Verbs and particles follow the amount, so moves, bounds and expectations are read after it.
    static let japanese = LexiconWords(
        code: "ja",
        capitalisedNames: true,
        verbFinal: true,
        currencyAfter: [
            ("円", .code("JPY")), ("億円", .code("JPY")), ("ドル", .dollar), ("米ドル", .code("USD")),
            ("ユーロ", .code("EUR")), ("ポンド", .code("GBP")), ("人民元", .code("CNY")), ("元", .code("CNY")),
            ("香港ドル", .code("HKD")), ("台湾ドル", .code("TWD")), ("ウォン", .code("KRW")),
        ],
        cues: [
            "時価総額", "株式時価総額", "時価", "市場価値",
        ].map { ($0, Cue.metric(.marketCap)) }
            + ["企業価値", "評価額", "企業評価額", "バリュエーション", "評価"].map { ($0, Cue.metric(.valuation)) }
            + ["資金調達", "調達", "調達額", "増資", "第三者割当増資", "上場", "新規株式公開", "ipo", "資金を集め",
               "シリーズ"].map { ($0, Cue.metric(.funding)) }
            + [("出資", Cue.invest), ("投資", Cue.invest)]
            + ["企業", "会社"].map { ($0, Cue.companyNoun(.marketCap)) }
            + ["新興企業", "スタートアップ", "ユニコーン"].map { ($0, Cue.companyNoun(.valuation)) }
            + ["投資家", "出資者"].map { ($0, Cue.neutral) }
            + [
                "売上高", "売上", "営業利益", "純利益", "最終利益", "利益", "収益", "株価", "買収", "自社株買い",
                "配当", "設備投資", "負債", "社債", "借入", "融資", "ファンド", "資産", "純資産", "総資産",
                "予算", "費用", "コスト", "罰金", "制裁金", "報酬", "価格", "受注", "契約", "現金", "赤字", "損失",
                "投資額", "投資計画", "目標株価",
            ].map { ($0, Cue.metric(.other)) }
            + ["資産家", "富豪", "個人資産", "純流入", "純流出", "信用取引", "買い越し", "売り越し"].map { ($0, Cue.veto) },
        boundsBefore: [
            ("約", .approx), ("およそ", .approx), ("ほぼ", .approx), ("最大", .atMost), ("最大で", .atMost),
            ("最高", .atMost), ("少なくとも", .atLeast), ("最低", .atLeast), ("超", .atLeast),
        ],
        boundsAfter: [
            ("程度", .approx), ("前後", .approx), ("ほど", .approx), ("規模", .approx), ("超", .atLeast),
            ("以上", .atLeast), ("強", .atLeast), ("余り", .atLeast), ("あまり", .atLeast), ("を超え", .atLeast),
            ("を上回", .atLeast), ("弱", .atMost), ("近く", .atMost), ("未満", .atMost), ("以下", .atMost),
            ("足らず", .atMost), ("を下回", .atMost), ("に迫", .atMost), ("に届かず", .atMost), ("を突破", .atLeast),
            ("台", .atLeast), ("台に乗せ", .atLeast), ("台に乗", .atLeast), ("台を回復", .atLeast), ("台を割り込", .atMost),
            ("台を割", .atMost), ("台を下回", .atMost),
            ("の大台を回復", .atLeast), ("の大台を突破", .atLeast), ("の大台を超え", .atLeast), ("の大台に乗せ", .atLeast),
            ("の大台を割り込", .atMost), ("の大台を割", .atMost), ("の大台を下回", .atMost),
        ],
        thresholdsAfter: ["の大台", "大台", "の節目", "節目"],
        changeGapFillers: [],
        gainsAfter: ["増", "増え", "増加", "上昇", "拡大", "膨らん", "膨らみ", "伸び", "押し上げ", "積み増"],
        lossesAfter: ["減", "減少", "減っ", "減り", "失っ", "失い", "失われ", "吹き飛", "消失", "目減り", "縮小", "下落", "蒸発"],
        levelBounds: ["を超え", "を上回", "を下回", "を突破"],
        crossings: ["突破", "超え", "上回", "回復", "達し", "乗せ", "割り込", "下回"],
        valuedThings: ["取引", "案件", "資産", "株式", "持ち株"],
        investmentReceived: ["受け", "から", "調達", "ラウンド", "シリーズ", "を出資", "に出資", "への出資"],
        investorAfter: ["が主導", "主導", "などが出資", "が出資", "から出資", "などから"],
        possessives: ["の"],
        rangeJoiners: ["から", "～", "〜"],
        toParticlesAfter: ["に", "へ"],
        cueLinks: ["は", "が", "で", "も"],
        copulas: ["は", "が", "も"],
        forecastAfter: [
            "見込み", "見込ま", "見通し", "予定", "計画", "方針", "可能性", "目指", "予想", "検討", "交渉", "協議",
            "調整", "想定", "狙", "視野", "へ", "構え", "試算",
        ],
        pastBefore: ["ピーク時の", "前回の", "以前の", "かつての", "昨年の", "前年の", "年初の"],
        pastAfter: ["から"],
        pastInClause: ["前年", "昨年", "かつて", "以前", "前回", "年初", "当時", "ピーク時"],
        baselineAfter: ["から", "以来", "比", "末比", "末から", "来"],
        respectively: ["それぞれ"],
        adjunctAfter: ["時", "後", "前", "以降", "以前"],
        multipliers: ["倍"],
        gapWords: ["差は", "の差"],
        conversions: ["日本円で", "円換算で", "換算で"],
        heldThings: ["保有", "持ち株", "保有株"],
        combinedWords: ["合計", "合わせて", "合算"],
        unitSuffixes: ["自動織機", "フィナンシャル", "銀行", "証券", "保険", "不動産", "エナジー", "ヘルスケア"],
        subjectContinuers: ["を抜き、", "を抜いて"],
        pairJoiners: ["と"],
        latterWords: ["後者"],
        formerWords: ["前者"],
        investeeAfterName: ["に", "へ"],
        aggregateSubjects: ["スタートアップの", "新興企業の", "企業の資金調達額"],
        presentMarkers: ["現在", "足元", "いま", "今では"],
        counters: "人件社台個回株年歳日倍店")
}
