import FigwatchCore

/// An amount of money found in a sentence, before it is classified.
///
/// Indices are scalar positions in the document's scalar array.
struct AmountMention {
    /// The amount as written: from a currency prefix or the first digit to the end of
    /// the scale or currency word ("US$3.5 trillion", "1830億美元").
    var start: Int
    var end: Int
    /// Widened by qualifying words ("超", "more than") and a parenthesised conversion.
    var contextStart: Int
    var contextEnd: Int
    var value: ExactDecimal
    /// Power of ten of the scale written (億 = 8, billion = 9), 0 when none.
    var scaleExponent: Int
    /// The currency as written; `currency` is set from it once the sentence's context is known.
    var currencyWord: CurrencyWord?
    /// ISO code when resolved.
    var currency: String?
    /// The code came from context (元 in Taiwanese text), not from the words themselves.
    var currencyInferred: Bool
    /// Some currency word or symbol was written next to the amount.
    var currencyWritten: Bool
    var bound: Bound
    var alternate: Alternate?
    var alternateWord: CurrencyWord?
    /// Followed by 大關, "mark" ...: a level to reach, not a value.
    var isThreshold: Bool
    /// The high end of a range whose low end is the amount before it.
    var isRangeHigh = false
}

extension AmountMention {
    /// Settles `$`, `¥` and `元` with what the sentence and document say.
    mutating func resolveCurrency(_ context: CurrencyContext) {
        if let word = currencyWord {
            (currency, currencyInferred) = context.resolve(word)
        }
        if let word = alternateWord {
            alternate?.currency = context.resolve(word).code
        }
    }
}

/// How context settles the ambiguous currency signs of one sentence.
struct CurrencyContext {
    /// 元 means this code (CNY on the mainland, TWD in Taiwanese text), or nil when unknown.
    var yuan: String?
    /// Whether the TWD reading of 元 came from context, not the text.
    var yuanInferred: Bool
    /// `¥` means CNY (a sentence about China) rather than JPY.
    var yenSignIsYuan: Bool

    func resolve(_ word: CurrencyWord) -> (code: String?, inferred: Bool) {
        switch word {
        case .code(let code): return (code, false)
        case .dollar: return ("USD", false)
        case .yenSign: return (yenSignIsYuan ? "CNY" : "JPY", false)
        case .yuan: return (yuan, yuan != nil && yuanInferred)
        }
    }
}
