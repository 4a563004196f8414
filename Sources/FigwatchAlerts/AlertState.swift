import FigwatchCore

/// The state of one rule for one entity (or source), persisted with every change so a
/// restart neither fires again what already fired nor loses what should fire.
public struct AlertState: Sendable, Hashable, Codable {
    public enum Phase: String, Sendable, Hashable, Codable {
        /// Never fired.
        case inactive
        case firing
        /// Fired, then came back.
        case resolved
    }

    /// A value at a time, as a rule remembers it.
    public struct Point: Sendable, Hashable, Codable {
        public var value: ExactDecimal
        public var currency: String?
        public var time: Int64
    }

    public var phase: Phase = .inactive
    /// When `phase` began, UTC epoch milliseconds.
    public var since: Int64 = 0
    /// The id of the last observation applied: observations are applied in id order,
    /// each exactly once.
    public var cursor: Int64 = 0
    /// When the last firing (or reminder) was sent.
    public var lastNotifiedAt: Int64?
    /// The latest level by publication time (for `change_pct`).
    public var lastLevel: Point?
    /// The highest or lowest level so far (for `new_high` / `new_low`).
    public var extreme: Point?
    /// Host -> latest time it reported a value beyond the threshold (for `min_sources`).
    public var beyond: [String: Int64] = [:]
    /// The latest observation's time (for `stale_after`).
    public var lastObservationAt: Int64?
    /// What the last firing said, for `repeat:` reminders.
    public var firedValue: Point?
    public var firedSourceURL: String?

    public init() {}
}
