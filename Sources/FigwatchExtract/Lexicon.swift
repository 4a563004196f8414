import FigwatchCore

/// The words the extractor knows, one table per role, each a `PhraseMatcher`.
///
/// Entries are written once, in whichever script is natural; folding makes them match
/// both Chinese scripts and any Latin case. Extensions hold currencies and cue words.
enum Lexicon {
    /// English and European scale words and suffixes: (power of ten, single-letter suffix).
    static let scaleWords = PhraseMatcher<(Int, Bool)>([
        ("thousand", (3, false)), ("thousands", (3, false)), ("k", (3, true)),
        ("million", (6, false)), ("millions", (6, false)), ("mn", (6, false)), ("mln", (6, false)),
        ("m", (6, true)), ("mm", (6, false)),
        ("billion", (9, false)), ("billions", (9, false)), ("bn", (9, false)), ("bln", (9, false)),
        ("b", (9, true)),
        ("trillion", (12, false)), ("trillions", (12, false)), ("tn", (12, false)), ("trn", (12, false)),
        ("tln", (12, false)), ("t", (12, true)),
        // German, French, Spanish, Polish.
        ("milliarde", (9, false)), ("milliarden", (9, false)), ("mrd", (9, false)),
        ("million", (6, false)), ("millionen", (6, false)), ("mio", (6, false)),
        ("billionen", (12, false)),
        ("milliard", (9, false)), ("milliards", (9, false)),
        ("millones", (6, false)), ("mil millones", (9, false)), ("millón", (6, false)),
        ("mld", (9, false)), ("tys", (3, false)),
    ])

    /// Words before an amount that qualify it.
    static let boundsBefore = PhraseMatcher<Bound>([
        ("约", .approx), ("大约", .approx), ("约为", .approx), ("大概", .approx), ("约合", .approx),
        ("折合", .approx), ("相当于", .approx), ("约达", .approx),
        ("近", .atMost), ("将近", .atMost), ("接近", .atMost), ("近乎", .atMost), ("不到", .atMost),
        ("不足", .atMost), ("不超过", .atMost), ("最多", .atMost), ("至多", .atMost), ("逼近", .atMost),
        ("低于", .atMost),
        ("逾", .atLeast), ("超", .atLeast), ("超过", .atLeast), ("超出", .atLeast), ("多于", .atLeast),
        ("至少", .atLeast), ("突破", .atLeast), ("站上", .atLeast), ("跌破", .atMost), ("高于", .atLeast), ("不低于", .atLeast),
        ("about", .approx), ("around", .approx), ("roughly", .approx), ("approximately", .approx),
        ("approx.", .approx), ("some", .approx), ("an estimated", .approx), ("estimated", .approx),
        ("~", .approx), ("≈", .approx), ("c.", .approx), ("circa", .approx),
        ("nearly", .atMost), ("almost", .atMost), ("close to", .atMost), ("just under", .atMost),
        ("under", .atMost), ("less than", .atMost), ("up to", .atMost), ("as much as", .atMost),
        ("below", .atMost), ("just shy of", .atMost),
        ("more than", .atLeast), ("over", .atLeast), ("at least", .atLeast), ("upwards of", .atLeast),
        ("north of", .atLeast), ("in excess of", .atLeast), ("exceeding", .atLeast), ("topped", .atLeast),
        ("tops", .atLeast), ("topping", .atLeast), ("surpassed", .atLeast), ("above", .atLeast),
        ("just over", .atLeast), ("well over", .atLeast),
        ("rund", .approx), ("etwa", .approx), ("knapp", .atMost), ("fast", .atMost), ("über", .atLeast),
        ("mehr als", .atLeast), ("más de", .atLeast), ("casi", .atMost), ("cerca de", .approx),
        ("unos", .approx), ("environ", .approx), ("plus de", .atLeast), ("près de", .atMost),
        ("ponad", .atLeast), ("blisko", .atMost), ("około", .approx),
    ])

    /// Words after an amount that qualify it.
    static let boundsAfter = PhraseMatcher<Bound>([
        ("左右", .approx), ("上下", .approx), ("以上", .atLeast), ("之多", .atLeast),
        ("有余", .atLeast), ("or more", .atLeast), ("or so", .approx), ("-plus", .atLeast),
        ("plus", .atLeast), ("+", .atLeast), ("and up", .atLeast), ("or less", .atMost),
    ])

    /// After an amount: the amount is a mark to reach, not a value ("挑戰2兆元大關").
    static let thresholdsAfter = PhraseMatcher<Bool>([
        ("大关", true), ("关口", true), ("整数关口", true), ("门槛", true),
        ("mark", true), ("milestone", true), ("threshold", true), ("barrier", true), ("club", true),
    ])

    /// Words that may sit between a change verb and its amount without making it a level.
    static let changeGapFillers = PhraseMatcher<Bool>([
        ("了", true), ("已", true), ("已经", true), ("一度", true), ("就", true), ("又", true), ("再", true),
        ("共", true), ("累计", true), ("逾", true), ("超", true), ("超过", true), ("近", true), ("约", true),
        ("by", true), ("another", true), ("an additional", true), ("a further", true), ("a combined", true),
        ("a record", true), ("a", true), ("an", true), ("some", true), ("about", true), ("nearly", true),
        ("almost", true), ("more than", true), ("over", true), ("roughly", true), ("around", true),
        ("近乎", true), ("将近", true), ("接近", true), ("逼近", true), ("高达", true), ("多达", true),
        ("up", true), ("down", true),
    ])

    /// Chinese units that, directly after a number, make it a count or measure, not money.
    static let notMoneyAfter: Set<UInt32> = Set("次个個家人名股只隻项項件台辆輛部张張条條位款卡户戶份篇倍吨噸平公米年岁歲天亩畝克斤艘架头頭座所间間套笔筆例票字行册冊本期届屆号號层層岁级級".unicodeScalars.map(\.value))
}
