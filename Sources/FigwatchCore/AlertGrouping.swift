/// How a rule's transitions are gathered into messages, per notifier (`group_by`, `group_wait`,
/// `group_interval`), in the manner of Alertmanager's grouping.
///
/// Transitions whose `group_by` fields agree form one group of each notifier. The first transition of
/// a group that has been quiet waits `wait` before its message goes, so that the figures of one story
/// crossing together (five entities in one article) arrive as one message listing them; a group that
/// was sent a message less than `interval` ago gets its next one no sooner than `interval` after it.
public struct AlertGrouping: Sendable, Hashable {
    /// A property of a transition that can split groups.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// The rule's id.
        case rule
        /// The entity (or, for `source_failing_after`, the source id).
        case entity
        /// `market_cap`, `valuation`, `funding`.
        case metric
        /// The site (host) of the page the figure came from.
        case source
    }

    /// The fields a group is keyed by, in the order written; empty: one group per notifier.
    public var by: [Field]
    /// How long a new group's first transition waits for others before its message goes.
    public var wait: Duration
    /// How long after a group's message its next one may go, at the earliest.
    public var interval: Duration

    public init(by: [Field] = [.rule, .entity], wait: Duration = .seconds(30), interval: Duration = .seconds(300)) {
        self.by = by
        self.wait = wait
        self.interval = interval
    }

    /// The group a transition belongs to: `rule=alibaba-above-4t entity=alibaba`, `""` for one group.
    /// Ids, metric names and hosts hold no spaces, so the key reads back unambiguously.
    public func key(rule: String, entity: String, metric: Metric?, sourceURL: String?) -> String {
        by.map { field -> String in
            switch field {
            case .rule: return "rule=\(rule)"
            case .entity: return "entity=\(entity)"
            case .metric: return "metric=\(metric?.rawValue ?? "")"
            case .source: return "source=\(Self.host(of: sourceURL ?? ""))"
            }
        }.joined(separator: " ")
    }

    /// The host of an http(s) URL, lower-cased, without port or credentials; "" when there is none.
    static func host(of url: String) -> String {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return "" }
        var rest = url[url.index(colon, offsetBy: 3)...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { return String(rest[...close]).lowercased() }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        return rest.lowercased()
    }
}
