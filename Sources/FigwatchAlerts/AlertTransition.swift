import FigwatchCore

/// A rule firing or resolving for an entity: one log record, and one exec and webhook
/// delivery when the rule has them.
public struct AlertTransition: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case firing, resolved
    }

    public var rule: String
    /// The entity id (or the source id, for `source_failing_after`).
    public var entity: String
    public var state: State
    public var at: Int64
    public var metric: Metric?
    public var value: ExactDecimal?
    public var currency: String?
    public var bound: Bound?
    /// The threshold as configured, e.g. `4 trillion HKD`, or the condition in words.
    public var threshold: String?
    /// `>=`, `<=`, `changed by`, ...: how value and threshold relate, for the message.
    public var relation: String
    public var sourceURL: String?
    public var sentence: String?
    public var observationID: Int64?
    /// True when this is a `repeat:` reminder of an alert still firing.
    public var reminder = false
    /// The exchange rate used to compare, when the currencies differed.
    public var rate: String?
    /// The silence that muted its deliveries, set by the daemon's alert pass when it recorded it; nil when
    /// they were queued (and always in `check-alert`, which applies no silences).
    public var mutedBy: Int64?
    /// How many sites (hosts) reported the figure: for `above`/`below`, those that reported a value
    /// beyond the threshold within the rule's window (what `min_sources` counts); 1 for a firing of the
    /// other figure rules; `nil` when no figure caused it (resolutions, `stale_after`, source failures).
    public var sites: Int?

    /// `ALERT firing alibaba-above-4t: Alibaba Group market_cap 4.2 trillion HKD >= 4 trillion HKD (https://...)`
    public func text(entityName: String) -> String {
        var line = "ALERT \(state.rawValue)\(reminder ? " (reminder)" : "") \(rule): \(entityName)"
        if let metric { line += " \(metric.rawValue)" }
        if let value {
            line += " " + AmountWords.describe(value, currency: currency)
            if let bound, bound != .exact { line += " (\(bound.rawValue))" }
        }
        line += " \(relation)"
        if let threshold { line += " \(threshold)" }
        if let rate { line += " [\(rate)]" }
        if let sourceURL { line += " (\(sourceURL))" }
        return line
    }
}

extension AlertTransition {
    /// A transition built outside the evaluator (a sample for `figwatch notify test`, a test's).
    public init(
        rule: String, entity: String, state: State, at: Int64, metric: Metric? = nil, value: ExactDecimal? = nil,
        currency: String? = nil, threshold: String? = nil, relation: String = ">=", sourceURL: String? = nil,
        sentence: String? = nil
    ) {
        self.init(
            rule: rule, entity: entity, state: state, at: at, metric: metric, value: value, currency: currency, bound: nil,
            threshold: threshold, relation: relation, sourceURL: sourceURL, sentence: sentence, observationID: nil)
    }
}
