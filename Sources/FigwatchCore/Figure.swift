/// What a figure measures. See docs/FIGURES.md for the wording each one is read from.
public enum Metric: String, Sendable, Hashable, Codable, CaseIterable {
    case marketCap = "market_cap"
    case valuation
    case funding
    /// Any other amount of money (prices, revenue, spending ...): reported only on request.
    case other
}

/// A level is the value itself; a change is a signed move of it.
public enum FigureKind: String, Sendable, Hashable, Codable, CaseIterable {
    case level
    case change
}

/// How the text qualifies the amount: "about", "more than", "nearly" ...
public enum Bound: String, Sendable, Hashable, Codable, CaseIterable {
    case exact
    case approx
    case atLeast = "at_least"
    case atMost = "at_most"
}

/// Whether a figure states what is true now, an older value quoted beside a newer one, or an
/// expectation. Series, charts and alert rules use `current` figures unless asked otherwise.
public enum FigureStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Stated as fact: "is worth", "raised", "市值回升至".
    case current
    /// An older value quoted beside a newer one: "from $1.1tn", "a peak of", "較年初的".
    case past
    /// Targets, talks, conditions and projections: "could reach", "in talks to raise", 有望, 見込み, könnte.
    case forecast
}

extension FigureStatus {
    /// What series, charts and alert rules read unless asked otherwise: statements of fact only.
    public static let defaultSelection: Set<FigureStatus> = [.current]

    /// Reads `current`, `past`, `forecast` or `all`, one or several, comma-separated or as a list
    /// (`--status past,current`, a rule's `status: [current, forecast]`); a failure names the word that
    /// is none of them. An empty list fails too: a selection of nothing would silently show nothing.
    public static func selection(_ words: [String]) -> Result<Set<FigureStatus>, SelectionError> {
        var selected: Set<FigureStatus> = []
        for word in words.flatMap({ $0.split(separator: ",") }) {
            let trimmed = String(word.filter { $0 != " " }).lowercased()
            if trimmed == "all" {
                selected.formUnion(allCases)
            } else if let status = FigureStatus(rawValue: trimmed) {
                selected.insert(status)
            } else {
                return .failure(SelectionError(word: String(word)))
            }
        }
        return selected.isEmpty ? .failure(SelectionError(word: "")) : .success(selected)
    }

    /// A word of a status selection that is no status.
    public struct SelectionError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The word that is no status; empty when no word was given.
        public var word: String

        public init(word: String) {
            self.word = word
        }

        public var description: String {
            let allowed = "current, past, forecast or all"
            return word.isEmpty ? "no status given (\(allowed))" : "'\(word)' is not a status (\(allowed))"
        }
    }

    /// The selection in a fixed order, for messages and for the words a command line repeats.
    public static func names(_ selection: Set<FigureStatus>) -> String {
        selection == Set(allCases) ? "all" : allCases.filter(selection.contains).map(\.rawValue).joined(separator: ",")
    }
}

/// The same amount stated again in another currency, usually in parentheses.
public struct Alternate: Sendable, Hashable, Codable {
    public var value: ExactDecimal
    public var currency: String?
    public var bound: Bound

    public init(value: ExactDecimal, currency: String?, bound: Bound) {
        self.value = value
        self.currency = currency
        self.bound = bound
    }
}

/// One amount of money that states what a company is worth or how that worth moved.
///
/// This is the extractor's output and the unit the store and the alerts work with.
/// Its JSON form (snake_case keys) is the contract of `figwatch extract --format json`.
public struct Figure: Sendable, Hashable, Codable {
    /// Watchlist entity id, when the figure was attributed to a watched entity.
    public var entity: String?
    /// The mention as written, when one was found.
    public var entityText: String?
    public var metric: Metric
    public var kind: FigureKind
    /// Exact value in units of `currency`; negative for losses when `kind == .change`.
    public var value: ExactDecimal
    /// ISO 4217 code, or `nil` when the text does not say.
    public var currency: String?
    /// True when `currency` was inferred from elsewhere in the document.
    public var currencyInferred: Bool
    public var bound: Bound
    public var alternates: [Alternate]
    /// The amount as written, e.g. `1830億美元`.
    public var text: String
    /// The sentence the amount stands in.
    public var sentence: String
    /// UTF-8 byte offset of `text` in the document text.
    public var offset: Int
    /// Language of the sentence: `zh-Hant`, `zh-Hans`, `en`, `ja`, `de`.
    public var lang: String
    /// Fact, older value or expectation (docs/FIGURES.md, "Status"); part of an observation's identity.
    public var status: FigureStatus

    public init(
        entity: String? = nil, entityText: String? = nil, metric: Metric, kind: FigureKind,
        value: ExactDecimal, currency: String?, currencyInferred: Bool = false, bound: Bound = .exact,
        alternates: [Alternate] = [], text: String, sentence: String, offset: Int, lang: String,
        status: FigureStatus = .current
    ) {
        self.entity = entity
        self.entityText = entityText
        self.metric = metric
        self.kind = kind
        self.value = value
        self.currency = currency
        self.currencyInferred = currencyInferred
        self.bound = bound
        self.alternates = alternates
        self.text = text
        self.sentence = sentence
        self.offset = offset
        self.lang = lang
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case entity
        case entityText = "entity_text"
        case metric, kind, value, currency
        case currencyInferred = "currency_inferred"
        case bound, alternates, text, sentence, offset, lang, status
    }
}
