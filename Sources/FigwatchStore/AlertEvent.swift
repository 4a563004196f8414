import FigwatchCore

/// One alert transition in the history (`figwatch alerts`): the rule fired or resolved for an entity.
public struct AlertEvent: Sendable, Hashable {
    /// The store's id; ignored when recording, set when read back.
    public var id: Int64
    public var rule: String
    public var entity: String
    /// `firing` or `resolved`.
    public var state: String
    /// UTC epoch milliseconds.
    public var at: Int64
    public var metric: Metric?
    public var value: ExactDecimal?
    public var currency: String?
    /// The threshold as configured, e.g. `4 trillion HKD`.
    public var threshold: String?
    public var sourceURL: String?
    public var sentence: String?
    /// The observation that triggered it, when there is one.
    public var observationID: Int64?
    /// The silence that muted its deliveries (`Silence`); nil when they were queued.
    public var silenceID: Int64?

    public init(
        id: Int64 = 0, rule: String, entity: String, state: String, at: Int64, metric: Metric? = nil,
        value: ExactDecimal? = nil, currency: String? = nil, threshold: String? = nil,
        sourceURL: String? = nil, sentence: String? = nil, observationID: Int64? = nil,
        silenceID: Int64? = nil
    ) {
        self.id = id
        self.rule = rule
        self.entity = entity
        self.state = state
        self.at = at
        self.metric = metric
        self.value = value
        self.currency = currency
        self.threshold = threshold
        self.sourceURL = sourceURL
        self.sentence = sentence
        self.observationID = observationID
        self.silenceID = silenceID
    }
}
