/// An alert rule as configured: what to watch, when it fires and when it resolves.
///
/// The configuration builds it, the alert state machines evaluate it and the store
/// keeps its state; it lives here so none of those stages has to import another.
public struct AlertRule: Sendable, Hashable {
    /// An amount of money with its currency, as a threshold (`"4 trillion HKD"`).
    public struct Threshold: Sendable, Hashable {
        public var value: ExactDecimal
        /// ISO 4217 code; `nil` compares with figures of any currency as written.
        public var currency: String?
        /// The threshold as the user wrote it, for messages.
        public var text: String

        public init(value: ExactDecimal, currency: String?, text: String) {
            self.value = value
            self.currency = currency
            self.text = text
        }
    }

    /// Which way a signed change must go for `changeAbove` to fire.
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        case up, down, any
    }

    /// The one condition a rule tests.
    public enum Condition: Sendable, Hashable {
        /// A level at or beyond the threshold; resolves once a level is back below `clear`.
        case above(Threshold, clear: Threshold)
        case below(Threshold, clear: Threshold)
        /// Consecutive levels differ by at least this many percent.
        case changePercent(ExactDecimal)
        /// A reported change of at least this magnitude.
        case changeAbove(Threshold, direction: Direction)
        case newHigh
        case newLow
        /// No new observation for this long.
        case staleAfter(Duration)
        /// The source failed this many times in a row.
        case sourceFailingAfter(Int)
    }

    public var id: String
    /// The watched entity, or `nil` to watch every entity.
    public var entity: String?
    public var metric: Metric
    /// The figure statuses the rule reads (config `status:`): statements of fact only unless the rule
    /// says otherwise, so "could reach $4 trillion" never fires an `above: 4 trillion` rule by default.
    public var statuses: Set<FigureStatus>
    /// For `sourceFailingAfter`: the source id, or `nil` for every source.
    public var source: String?
    public var condition: Condition
    /// Distinct sites that must report a value beyond the threshold within `window`.
    public var minSources: Int
    public var window: Duration
    /// Re-send a still-firing alert this often; `nil` for never.
    public var repeatInterval: Duration?
    /// argv of a command to run on each transition (no shell).
    public var exec: [String]?
    public var execTimeout: Duration
    public var webhook: String?
    public var webhookExpire: Duration
    /// Ids of the configured notifiers each transition goes to (`notify:`, else `defaults.notify`).
    public var notify: [String] = []
    /// How its transitions are gathered into messages per notifier (`group_by`, `group_wait`,
    /// `group_interval`; the rule's own, else `defaults:`, else Alertmanager-like defaults).
    public var grouping = AlertGrouping()

    public init(
        id: String, entity: String?, metric: Metric, statuses: Set<FigureStatus> = FigureStatus.defaultSelection,
        source: String? = nil, condition: Condition, minSources: Int = 1,
        window: Duration = .seconds(7 * 86_400), repeatInterval: Duration? = nil, exec: [String]? = nil,
        execTimeout: Duration = .seconds(30), webhook: String? = nil, webhookExpire: Duration = .seconds(86_400)
    ) {
        self.id = id
        self.entity = entity
        self.metric = metric
        self.statuses = statuses
        self.source = source
        self.condition = condition
        self.minSources = minSources
        self.window = window
        self.repeatInterval = repeatInterval
        self.exec = exec
        self.execTimeout = execTimeout
        self.webhook = webhook
        self.webhookExpire = webhookExpire
    }
}
