/// One outlet's page reporting one observation: the stream alert rules read, the store writing it and
/// the rules (in the daemon and `figwatch check-alert`) reading it as this one type.
///
/// The same figure reported by two sites is one observation but two sightings, which is
/// what lets `min_sources` count corroborating sites. A `SeriesPoint` is the other view of the same
/// observation, and stays a type of its own: it stands for every outlet at once (a count of them and
/// the first one's page), its sentence is read only on request, and it is what reports encode.
public struct Sighting: Sendable, Hashable {
    /// The store's id: sightings are applied in id order, and each rule state remembers the last id it
    /// applied, so after a crash nothing is applied twice or skipped.
    public var id: Int64
    public var observationID: Int64
    /// `nil` for a figure of no watched entity, which no rule reads.
    public var entity: String?
    public var metric: Metric
    public var kind: FigureKind
    public var value: ExactDecimal
    public var currency: String?
    public var bound: Bound
    /// Rules read only the statuses they name (`AlertRule.statuses`).
    public var status: FigureStatus
    /// The observation's time (publication, else fetch), UTC epoch milliseconds.
    public var time: Int64
    /// The outlet that reported it (for `min_sources`).
    public var host: String
    /// The reporting page.
    public var url: String
    public var sentence: String

    public init(
        id: Int64, observationID: Int64 = 0, entity: String?, metric: Metric, kind: FigureKind, value: ExactDecimal,
        currency: String?, bound: Bound = .exact, status: FigureStatus = .current, time: Int64, host: String, url: String = "",
        sentence: String = ""
    ) {
        self.id = id
        self.observationID = observationID
        self.entity = entity
        self.metric = metric
        self.kind = kind
        self.value = value
        self.currency = currency
        self.bound = bound
        self.status = status
        self.time = time
        self.host = host
        self.url = url
        self.sentence = sentence
    }
}
