/// The ISO codes the configuration accepts for a currency (ISO 4217) and a region (ISO 3166-1
/// alpha-2), so that a typo (`currency: HKS`, `region: tw`) is a configuration error rather than a
/// hint that silently settles nothing.
public enum ISOCodes {
    /// The currencies figwatch reads in news text: the codes the extractor's currency words name. A
    /// currency the extractor cannot read would settle nothing as a hint; a new currency in the
    /// extractor's lexicon adds its code here (`ConfigHintsTests` checks that the extractor reads each).
    public static let currencies: Set<String> = [
        "AUD", "BRL", "CAD", "CHF", "CNY", "EUR", "GBP", "HKD", "INR", "JPY", "KRW", "NZD", "PLN", "RUB", "SGD",
        "TWD", "USD",
    ]

    /// Every officially assigned ISO 3166-1 alpha-2 country code.
    public static let regions: Set<String> = Set("""
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
        BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
        FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
        IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
        MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
        PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
        SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE
        YT ZA ZM ZW
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
