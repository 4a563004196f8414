import FigwatchCore

/// One outlet's page reporting one observation: the stream alert rules read.
///
/// The same figure reported by two sites is one observation but two sightings, which is
/// what lets `min_sources` count corroborating sites.
public struct Sighting: Sendable, Hashable {
    public var id: Int64
    public var observationID: Int64
    public var entity: String?
    public var metric: Metric
    public var kind: FigureKind
    public var value: ExactDecimal
    public var currency: String?
    public var bound: Bound
    public var status: FigureStatus
    /// The observation's time (publication, else fetch), UTC epoch milliseconds.
    public var time: Int64
    public var host: String
    /// The reporting page.
    public var url: String
    public var sentence: String

    public init(
        id: Int64, observationID: Int64, entity: String?, metric: Metric, kind: FigureKind, value: ExactDecimal,
        currency: String?, bound: Bound, status: FigureStatus = .current, time: Int64, host: String, url: String, sentence: String
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
