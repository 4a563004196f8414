/// One stored observation of a series: a figure as the store keeps it, with its time and sources.
///
/// The store produces these (`series(...)`) and the report renders them, so the type lives here
/// rather than in any one of those stages. A point stands for every outlet that reported the same
/// figure on the same UTC day: `sourceCount` is the number of distinct hosts, and `firstSourceURL`
/// the page it was first read from. How that page put it (`provenance`) is read only when asked
/// for: a table or a chart of 100,000 points has no use for 100,000 sentences.
///
/// Not a `Sighting` (one outlet's report of the same observation, what alert rules read): a point
/// counts the outlets instead of naming one, carries its words only on request, and is `Codable`.
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
    /// Whether the figure was stated as fact, as an older value, or as an expectation: part of the
    /// point's identity (the same amount as a forecast and as a fact are two points).
    public var status: FigureStatus
    /// Whether the currency was not written next to the amount but settled from the page's context
    /// (`Figure.currencyInferred`); a chart marks such points. Declared here, after the one-byte
    /// fields, where it takes no room of its own.
    public var currencyInferred: Bool
    /// The point's time in UTC epoch milliseconds: the article's publication time when known,
    /// else the fetch time.
    public var time: Int64
    /// Number of distinct hosts (outlets) that reported this figure for the same UTC day.
    public var sourceCount: Int
    public var firstSourceURL: String
    /// The first report's words and times; nil when the query left them out (a series read for a
    /// table or a chart).
    public var provenance: Provenance? {
        get { provenanceBox?.provenance }
        set { provenanceBox = newValue.map(ProvenanceBox.init) }
    }
    /// Boxed, so that a point is 128 bytes rather than 176 (the provenance is 56 inline): a 100,000-point
    /// series is a block of memory the kernel hands out a page at a time, and those page faults cost as
    /// much as decoding.
    @usableFromInline var provenanceBox: ProvenanceBox?

    /// How the first page that reported a point put it.
    public struct Provenance: Sendable, Hashable {
        /// Other readings of the amount, when it was ambiguous.
        public var alternates: [Alternate]
        /// Publication time of the first page that reported it, when the page stated one.
        public var publishedAt: Int64?
        /// When the first page that reported it was fetched.
        public var observedAt: Int64
        /// The sentence of the first report, and the UTF-8 offset of the amount in that page's text.
        public var sentence: String
        public var offset: Int

        @inlinable
        public init(alternates: [Alternate] = [], publishedAt: Int64?, observedAt: Int64, sentence: String, offset: Int) {
            self.alternates = alternates
            self.publishedAt = publishedAt
            self.observedAt = observedAt
            self.sentence = sentence
            self.offset = offset
        }
    }

    /// Inlinable: the store builds a point per row of a series, and an out-of-module call copied every
    /// field a second time.
    @inlinable
    public init(
        id: Int64, entity: String?, metric: Metric, kind: FigureKind, value: ExactDecimal,
        currency: String?, currencyInferred: Bool = false, bound: Bound, status: FigureStatus = .current, time: Int64,
        sourceCount: Int, firstSourceURL: String, provenance: Provenance?
    ) {
        self.id = id
        self.entity = entity
        self.metric = metric
        self.kind = kind
        self.value = value
        self.currency = currency
        self.currencyInferred = currencyInferred
        self.bound = bound
        self.status = status
        self.time = time
        self.sourceCount = sourceCount
        self.firstSourceURL = firstSourceURL
        self.provenanceBox = provenance.map(ProvenanceBox.init)
    }

    public static func == (a: SeriesPoint, b: SeriesPoint) -> Bool {
        a.id == b.id && a.entity == b.entity && a.metric == b.metric && a.kind == b.kind && a.value == b.value
            && a.currency == b.currency && a.currencyInferred == b.currencyInferred && a.bound == b.bound && a.status == b.status && a.time == b.time && a.sourceCount == b.sourceCount
            && a.firstSourceURL == b.firstSourceURL && a.provenance == b.provenance
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(entity)
        hasher.combine(metric)
        hasher.combine(kind)
        hasher.combine(value)
        hasher.combine(currency)
        hasher.combine(currencyInferred)
        hasher.combine(bound)
        hasher.combine(status)
        hasher.combine(time)
        hasher.combine(sourceCount)
        hasher.combine(firstSourceURL)
        hasher.combine(provenance)
    }

    // The JSON form is flat, as `figwatch series --format json` has always printed it: the provenance's
    // keys sit beside the others, and are absent when it was not read. Times are read as epoch
    // milliseconds or as RFC 3339 text (what `series --format json` prints).
    public enum CodingKeys: String, CodingKey {
        case id, entity, metric, kind, value, currency, bound, status, time
        case currencyInferred = "currency_inferred"
        case sourceCount = "source_count"
        case firstSourceURL = "first_source_url"
        case alternates
        case publishedAt = "published_at"
        case observedAt = "observed_at"
        case sentence, offset
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        entity = try c.decodeIfPresent(String.self, forKey: .entity)
        metric = try c.decode(Metric.self, forKey: .metric)
        kind = try c.decode(FigureKind.self, forKey: .kind)
        value = try c.decode(ExactDecimal.self, forKey: .value)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        // Absent in what figwatch printed before it was read with the series.
        currencyInferred = try c.decodeIfPresent(Bool.self, forKey: .currencyInferred) ?? false
        bound = try c.decode(Bound.self, forKey: .bound)
        // Absent in what figwatch printed before statuses: those were all statements of fact.
        status = try c.decodeIfPresent(FigureStatus.self, forKey: .status) ?? .current
        time = try Self.time(c, .time)
        sourceCount = try c.decode(Int.self, forKey: .sourceCount)
        firstSourceURL = try c.decode(String.self, forKey: .firstSourceURL)
        if c.contains(.sentence) {
            var published: Int64?
            if c.contains(.publishedAt), try !c.decodeNil(forKey: .publishedAt) { published = try Self.time(c, .publishedAt) }
            provenance = Provenance(
                alternates: try c.decodeIfPresent([Alternate].self, forKey: .alternates) ?? [],
                publishedAt: published,
                observedAt: try Self.time(c, .observedAt),
                sentence: try c.decode(String.self, forKey: .sentence), offset: try c.decode(Int.self, forKey: .offset))
        }
    }

    private static func time(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int64 {
        if let milliseconds = try? c.decode(Int64.self, forKey: key) { return milliseconds }
        let text = try c.decode(String.self, forKey: key)
        guard let parsed = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(text)' is not an RFC 3339 time")
        }
        return parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(entity, forKey: .entity)
        try c.encode(metric, forKey: .metric)
        try c.encode(kind, forKey: .kind)
        try c.encode(value, forKey: .value)
        try c.encodeIfPresent(currency, forKey: .currency)
        try c.encode(currencyInferred, forKey: .currencyInferred)
        try c.encode(bound, forKey: .bound)
        try c.encode(status, forKey: .status)
        try c.encode(time, forKey: .time)
        try c.encode(sourceCount, forKey: .sourceCount)
        try c.encode(firstSourceURL, forKey: .firstSourceURL)
        if let provenance {
            try c.encode(provenance.alternates, forKey: .alternates)
            try c.encodeIfPresent(provenance.publishedAt, forKey: .publishedAt)
            try c.encode(provenance.observedAt, forKey: .observedAt)
            try c.encode(provenance.sentence, forKey: .sentence)
            try c.encode(provenance.offset, forKey: .offset)
        }
    }
}

/// A point's provenance on the heap; never changed once made (a point given another provenance gets
/// another box), so points that share one still behave as values.
@usableFromInline
final class ProvenanceBox: Sendable {
    @usableFromInline let provenance: SeriesPoint.Provenance

    @inlinable
    init(_ provenance: SeriesPoint.Provenance) {
        self.provenance = provenance
    }
}
