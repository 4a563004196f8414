/// One stored observation of a series: a figure as the store keeps it, with its time and provenance.
///
/// The store produces these (`series(...)`), the alerts evaluate them and the report renders them, so
/// the type lives here rather than in any one of those stages. A point stands for every outlet that
/// reported the same figure on the same UTC day: `sourceCount` is the number of distinct hosts, and
/// `firstSourceURL` the page it was first read from.
public struct SeriesPoint: Sendable, Hashable, Codable {
    /// The store's id of the observation; stable for the life of the store.
    public var id: Int64
    public var entity: String?
    public var metric: Metric
    public var kind: FigureKind
    /// Exact value in units of `currency`; signed when `kind == .change`.
    public var value: ExactDecimal
    public var currency: String?
    public var bound: Bound
    public var alternates: [Alternate]
    /// The point's time in UTC epoch milliseconds: the article's publication time when known,
    /// else the fetch time.
    public var time: Int64
    /// Publication time of the first page that reported it, when the page stated one.
    public var publishedAt: Int64?
    /// When the first page that reported it was fetched.
    public var observedAt: Int64
    /// Number of distinct hosts (outlets) that reported this figure for the same UTC day.
    public var sourceCount: Int
    public var firstSourceURL: String
    /// The sentence of the first report, and the UTF-8 offset of the amount in that page's text.
    public var sentence: String
    public var offset: Int

    /// Inlinable: the store builds a point per row of a series, and an out-of-module call copied every
    /// field a second time.
    @inlinable
    public init(
        id: Int64, entity: String?, metric: Metric, kind: FigureKind, value: ExactDecimal,
        currency: String?, bound: Bound, alternates: [Alternate] = [], time: Int64, publishedAt: Int64?,
        observedAt: Int64, sourceCount: Int, firstSourceURL: String, sentence: String, offset: Int
    ) {
        self.id = id
        self.entity = entity
        self.metric = metric
        self.kind = kind
        self.value = value
        self.currency = currency
        self.bound = bound
        self.alternates = alternates
        self.time = time
        self.publishedAt = publishedAt
        self.observedAt = observedAt
        self.sourceCount = sourceCount
        self.firstSourceURL = firstSourceURL
        self.sentence = sentence
        self.offset = offset
    }

    enum CodingKeys: String, CodingKey {
        case id, entity, metric, kind, value, currency, bound, alternates, time
        case publishedAt = "published_at"
        case observedAt = "observed_at"
        case sourceCount = "source_count"
        case firstSourceURL = "first_source_url"
        case sentence, offset
    }
}
