import FigwatchCore
import Yams

/// Reads one entry of `alerts:` into an `AlertRule`, checking that exactly one
/// condition is given and that every other key fits that condition.
struct AlertRuleReader {
    let path: String
    let item: Node
    let fields: [String: Node]
    let keyNodes: [String: Node]
    let parseThreshold: ConfigLoader.ThresholdParser

    init(path: String, item: Node, entries: [(key: String, keyNode: Node, value: Node)], parseThreshold: @escaping ConfigLoader.ThresholdParser) {
        self.path = path
        self.item = item
        self.fields = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        self.keyNodes = Dictionary(entries.map { ($0.key, $0.keyNode) }, uniquingKeysWith: { a, _ in a })
        self.parseThreshold = parseThreshold
    }

    /// The currency an amount without one is read in: the rule's `currency:`, else its entity's.
    /// Set by `build` before any threshold is read.
    private var impliedCurrency: (code: String, from: String)?
    private var entityID: String?

    /// A money threshold. One written without a currency (`"3 trillion"`) takes the rule's or its
    /// entity's; with neither it is refused, because it would be compared with figures in every
    /// currency (25 trillion TWD is "above 3 trillion" meant in dollars).
    private func threshold(_ key: String, reader: inout YAMLReader) -> AlertRule.Threshold? {
        guard let node = fields[key], let text = reader.string(node, at: "\(path).\(key)") else { return nil }
        guard var parsed = parseThreshold(text) else {
            reader.report(node, "\(path).\(key): unparsable amount '\(text)' (write it as a figure is written, e.g. \"4 trillion HKD\", \"4萬億港元\", \"$183bn\")")
            return nil
        }
        if let written = parsed.currency {
            if let implied = impliedCurrency, implied.from == "currency", implied.code != written {
                reader.report(node, "\(path).\(key): '\(text)' is in \(written), but the rule's currency is \(implied.code)")
                return nil
            }
        } else if let implied = impliedCurrency {
            parsed.currency = implied.code
        } else {
            let entityHint = entityID.map { " or give entity '\($0)' a currency:" } ?? ""
            reader.report(node, "\(path).\(key): '\(text)' has no currency: write one (\"\(text) USD\"), set currency: on the rule\(entityHint)")
            return nil
        }
        return parsed
    }

    /// Reports a key that has no meaning for the rule's condition.
    private func refuse(_ keys: [String], unlessCondition allowed: [String], condition: String, reader: inout YAMLReader) {
        for key in keys where fields[key] != nil && !allowed.contains(condition) {
            reader.report(keyNodes[key], "\(path).\(key) does not apply to a '\(condition)' rule")
        }
    }

    /// - Parameter entities: each entity's id and its `currency:`, if it has one.
    mutating func build(id: String?, entities: [String: String?], sources: Set<String>, reader: inout YAMLReader) -> AlertRule? {
        let before = reader.diagnostics.count
        let given = ConfigSchema.conditions.filter { fields[$0] != nil }
        guard given.count == 1, let conditionKey = given.first else {
            if given.isEmpty {
                reader.report(item, "\(path) has no condition (one of \(ConfigSchema.conditions.joined(separator: ", ")))")
            } else {
                reader.report(keyNodes[given[1]], "\(path) has several conditions (\(given.joined(separator: ", "))): give one per rule")
            }
            return nil
        }

        var entity: String?
        if let node = fields["entity"], let text = reader.string(node, at: "\(path).entity") {
            if entities[text] != nil {
                entity = text
            } else {
                var message = "\(path).entity: unknown entity '\(text)'"
                if let suggestion = YAMLReader.suggestion(for: text, among: Array(entities.keys)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                reader.report(node, message)
            }
        }
        var source: String?
        if let node = fields["source"], let text = reader.string(node, at: "\(path).source") {
            if conditionKey != "source_failing_after" {
                reader.report(keyNodes["source"], "\(path).source only applies to a 'source_failing_after' rule")
            } else if sources.contains(text) {
                source = text
            } else {
                reader.report(node, "\(path).source: unknown source '\(text)'")
            }
        }

        var metric = Metric.marketCap
        if let node = fields["metric"], let text = reader.string(node, at: "\(path).metric") {
            if let parsed = Metric(rawValue: text), parsed != .other {
                metric = parsed
            } else {
                reader.report(node, "\(path).metric must be market_cap, valuation or funding, not '\(text)'")
            }
        } else if conditionKey != "source_failing_after" {
            reader.report(item, "\(path) has no metric (market_cap, valuation or funding)")
        }

        var statuses = FigureStatus.defaultSelection
        if let node = fields["status"] {
            if conditionKey == "source_failing_after" {
                reader.report(keyNodes["status"], "\(path).status does not apply to a 'source_failing_after' rule (it reads no figures)")
            } else if let read = readStatuses(node, reader: &reader) {
                statuses = read
            }
        }

        entityID = entity
        if let node = fields["currency"], let code = reader.currency(node, at: "\(path).currency") {
            impliedCurrency = (code, "currency")
        } else if let entity, let code = entities[entity] ?? nil {
            impliedCurrency = (code, "entity")
        }
        refuse(["currency"], unlessCondition: ["above", "below", "change_above"], condition: conditionKey, reader: &reader)
        refuse(["clear_below"], unlessCondition: ["above"], condition: conditionKey, reader: &reader)
        refuse(["clear_above"], unlessCondition: ["below"], condition: conditionKey, reader: &reader)
        refuse(["direction"], unlessCondition: ["change_above"], condition: conditionKey, reader: &reader)
        refuse(["min_sources", "window"], unlessCondition: ["above", "below"], condition: conditionKey, reader: &reader)

        let condition = readCondition(conditionKey, reader: &reader)
        let minSources = fields["min_sources"].flatMap { reader.int($0, at: "\(path).min_sources", in: 1...100) } ?? 1
        let window = fields["window"].flatMap { reader.duration($0, at: "\(path).window") } ?? .seconds(7 * 86_400)
        let repeatInterval = fields["repeat"].flatMap { reader.duration($0, at: "\(path).repeat") }
        let execTimeout = fields["exec_timeout"].flatMap { reader.duration($0, at: "\(path).exec_timeout") } ?? .seconds(30)
        let webhookExpire = fields["webhook_expire"].flatMap { reader.duration($0, at: "\(path).webhook_expire") } ?? .seconds(86_400)
        var exec: [String]?
        if let node = fields["exec"], let argv = reader.stringList(node, at: "\(path).exec") {
            if argv.isEmpty {
                reader.report(node, "\(path).exec must name a command: [/path/to/program, arg, ...]")
            } else if !argv[0].hasPrefix("/") {
                reader.report(node, "\(path).exec: the command '\(argv[0])' must be an absolute path (no shell, no PATH search)")
            } else {
                exec = argv
            }
        }
        var webhook: String?
        if let node = fields["webhook"], let url = reader.string(node, at: "\(path).webhook") {
            if let problem = URLCheck.problem(url, allowFile: false) {
                reader.report(node, "\(path).webhook: \(problem)")
            } else {
                webhook = url
            }
        }
        guard reader.diagnostics.count == before, let id, let condition else { return nil }
        return AlertRule(
            id: id, entity: entity, metric: metric, statuses: statuses, source: source, condition: condition, minSources: minSources,
            window: window, repeatInterval: repeatInterval, exec: exec, execTimeout: execTimeout, webhook: webhook,
            webhookExpire: webhookExpire)
    }

    /// `status:` as one word (`forecast`, `all`, `current, forecast`) or a list of words; nil after
    /// reporting a word that is no status.
    private func readStatuses(_ node: Node, reader: inout YAMLReader) -> Set<FigureStatus>? {
        let words: [String]
        if case .sequence = node {
            guard let list = reader.stringList(node, at: "\(path).status") else { return nil }
            words = list
        } else {
            guard let word = reader.string(node, at: "\(path).status") else { return nil }
            words = [word]
        }
        switch FigureStatus.selection(words) {
        case .success(let selected):
            return selected
        case .failure(let error):
            reader.report(node, "\(path).status: \(error)")
            return nil
        }
    }

    private func readCondition(_ key: String, reader: inout YAMLReader) -> AlertRule.Condition? {
        let node = fields[key]!
        switch key {
        case "above", "below":
            guard let limit = threshold(key, reader: &reader) else { return nil }
            let clearKey = key == "above" ? "clear_below" : "clear_above"
            var clear = limit
            if fields[clearKey] != nil {
                guard let parsed = threshold(clearKey, reader: &reader) else { return nil }
                let wrongSide = key == "above" ? parsed.value > limit.value : parsed.value < limit.value
                if parsed.currency == limit.currency && wrongSide {
                    reader.report(fields[clearKey], "\(path).\(clearKey) must be on the other side of \(key) (\(limit.text))")
                    return nil
                }
                clear = parsed
            }
            return key == "above" ? .above(limit, clear: clear) : .below(limit, clear: clear)
        case "change_pct":
            guard let text = reader.string(node, at: "\(path).change_pct") else { return nil }
            let digits = text.hasSuffix("%") ? String(text.dropLast()) : text
            guard let value = ExactDecimal(digits), value > .zero else {
                reader.report(node, "\(path).change_pct must be a positive percentage, e.g. 10 or 12.5%")
                return nil
            }
            return .changePercent(value)
        case "change_above":
            guard let limit = threshold(key, reader: &reader) else { return nil }
            var direction = AlertRule.Direction.any
            if let dirNode = fields["direction"], let text = reader.string(dirNode, at: "\(path).direction") {
                guard let parsed = AlertRule.Direction(rawValue: text) else {
                    reader.report(dirNode, "\(path).direction must be up, down or any, not '\(text)'")
                    return nil
                }
                direction = parsed
            }
            return .changeAbove(AlertRule.Threshold(value: limit.value.magnitude, currency: limit.currency, text: limit.text), direction: direction)
        case "new_high", "new_low":
            guard let flag = reader.bool(node, at: "\(path).\(key)") else { return nil }
            guard flag else {
                reader.report(node, "\(path).\(key): false turns nothing on; remove the rule instead")
                return nil
            }
            return key == "new_high" ? .newHigh : .newLow
        case "stale_after":
            return reader.duration(node, at: "\(path).stale_after").map { .staleAfter($0) }
        case "source_failing_after":
            return reader.int(node, at: "\(path).source_failing_after", in: 1...1000).map { .sourceFailingAfter($0) }
        default:
            return nil
        }
    }
}
