import FigwatchCore

/// A stored observation as the alert rules see it.
public struct AlertObservation: Sendable, Hashable {
    /// The store's id: observations are applied in id order, and each rule state remembers
    /// the last id it applied, so after a crash nothing is applied twice or skipped.
    public var id: Int64
    public var entity: String
    public var metric: Metric
    public var kind: FigureKind
    public var value: ExactDecimal
    public var currency: String?
    public var bound: Bound
    /// Rules read only the statuses they name (`AlertRule.statuses`).
    public var status: FigureStatus
    /// The point's time (publication, else fetch), UTC epoch milliseconds.
    public var time: Int64
    /// The outlet that reported it (for `min_sources`).
    public var host: String
    public var sourceURL: String?
    public var sentence: String?

    public init(
        id: Int64, entity: String, metric: Metric, kind: FigureKind, value: ExactDecimal, currency: String?,
        bound: Bound = .exact, status: FigureStatus = .current, time: Int64, host: String, sourceURL: String? = nil, sentence: String? = nil
    ) {
        self.id = id
        self.entity = entity
        self.metric = metric
        self.kind = kind
        self.value = value
        self.currency = currency
        self.bound = bound
        self.status = status
        self.time = time
        self.host = host
        self.sourceURL = sourceURL
        self.sentence = sentence
    }
}
