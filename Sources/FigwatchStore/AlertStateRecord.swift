import FigwatchCore

/// The persisted state of one alert rule for one entity, so a restart neither re-fires nor forgets.
///
/// The store does not interpret `state` (the alert state machine owns its names, e.g. `firing`);
/// `details` is free JSON for whatever else the state machine needs to resume.
public struct AlertStateRecord: Sendable, Hashable {
    public var rule: String
    public var entity: String
    public var state: String
    /// When the rule entered `state`, UTC epoch milliseconds.
    public var since: Int64
    public var lastValue: ExactDecimal?
    public var lastCurrency: String?
    public var lastNotifiedAt: Int64?
    public var details: String?

    public init(
        rule: String, entity: String, state: String, since: Int64, lastValue: ExactDecimal? = nil,
        lastCurrency: String? = nil, lastNotifiedAt: Int64? = nil, details: String? = nil
    ) {
        self.rule = rule
        self.entity = entity
        self.state = state
        self.since = since
        self.lastValue = lastValue
        self.lastCurrency = lastCurrency
        self.lastNotifiedAt = lastNotifiedAt
        self.details = details
    }
}
