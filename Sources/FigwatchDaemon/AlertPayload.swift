import FigwatchAlerts
import FigwatchCore
import Foundation

/// The JSON form of an alert transition: the webhook body and the exec command's stdin.
public enum AlertPayload {
    public static func json(_ t: AlertTransition, entityName: String) -> String {
        var object = JSONObject()
        object.add("event", "alert")
        object.add("state", t.state.rawValue)
        object.add("reminder", t.reminder)
        object.add("rule", t.rule)
        object.add("entity", t.entity)
        object.add("entity_name", entityName)
        object.add("metric", t.metric?.rawValue)
        object.add("value", t.value?.description)
        object.add("value_words", t.value.map { AmountWords.describe($0, currency: t.currency) })
        object.add("currency", t.currency)
        object.add("bound", t.bound?.rawValue)
        object.add("threshold", t.threshold)
        object.add("relation", t.relation)
        object.add("rate", t.rate)
        object.add("sites", t.sites)
        object.add("source", t.sourceURL)
        object.add("sentence", t.sentence)
        object.add("at", Timestamp.iso8601(t.at))
        object.add("message", t.text(entityName: entityName))
        return object.description
    }

    /// A transition back from its JSON (as the outbox keeps it beside a message, to list it in a grouped
    /// one), with its entity's name; `nil` for a text that is not such an object.
    static func transition(fromJSON text: String) -> (transition: AlertTransition, entityName: String)? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
            let rule = object["rule"] as? String, let entity = object["entity"] as? String,
            let state = (object["state"] as? String).flatMap(AlertTransition.State.init(rawValue:)),
            let at = (object["at"] as? String).flatMap(Timestamp.parse)
        else { return nil }
        var t = AlertTransition(
            rule: rule, entity: entity, state: state, at: at, metric: (object["metric"] as? String).flatMap(Metric.init(rawValue:)),
            value: (object["value"] as? String).flatMap { ExactDecimal($0) }, currency: object["currency"] as? String,
            threshold: object["threshold"] as? String, relation: object["relation"] as? String ?? "",
            sourceURL: object["source"] as? String, sentence: object["sentence"] as? String)
        t.bound = (object["bound"] as? String).flatMap(Bound.init(rawValue:))
        t.reminder = (object["reminder"] as? Bool) ?? (object["reminder"] as? NSNumber)?.boolValue ?? false
        t.rate = object["rate"] as? String
        t.sites = (object["sites"] as? Int) ?? (object["sites"] as? NSNumber)?.intValue
        return (t, object["entity_name"] as? String ?? entity)
    }

    /// `FIGWATCH_*` variables for an exec command. Page-derived text reaches the
    /// command only here and on stdin, never in its argv, and never through a shell.
    static func environment(_ t: AlertTransition, entityName: String) -> [String: String] {
        var env: [String: String] = [
            "FIGWATCH_EVENT": "alert",
            "FIGWATCH_STATE": t.state.rawValue,
            "FIGWATCH_RULE": t.rule,
            "FIGWATCH_ENTITY": t.entity,
            "FIGWATCH_ENTITY_NAME": entityName,
            "FIGWATCH_AT": Timestamp.iso8601(t.at),
            "FIGWATCH_MESSAGE": t.text(entityName: entityName),
        ]
        if t.reminder { env["FIGWATCH_REMINDER"] = "1" }
        if let metric = t.metric { env["FIGWATCH_METRIC"] = metric.rawValue }
        if let value = t.value { env["FIGWATCH_VALUE"] = value.description }
        if let currency = t.currency { env["FIGWATCH_CURRENCY"] = currency }
        if let bound = t.bound { env["FIGWATCH_BOUND"] = bound.rawValue }
        if let threshold = t.threshold { env["FIGWATCH_THRESHOLD"] = threshold }
        if let sites = t.sites { env["FIGWATCH_SITES"] = "\(sites)" }
        if let source = t.sourceURL { env["FIGWATCH_SOURCE"] = source }
        if let sentence = t.sentence { env["FIGWATCH_SENTENCE"] = sentence }
        // An environment string cannot hold NUL; a page could put one in a sentence.
        return env.mapValues { $0.replacingOccurrences(of: "\0", with: "") }
    }

    /// A fixed journal MESSAGE_ID per rule type, so `journalctl MESSAGE_ID=...` finds
    /// every alert of a kind.
    static func messageID(_ condition: AlertRule.Condition) -> String {
        switch condition {
        case .above: return "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a01"
        case .below: return "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a02"
        case .changePercent: return "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a03"
        case .changeAbove: return "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a04"
        case .newHigh: return "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a05"
        case .newLow: return "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a06"
        case .staleAfter: return "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a07"
        case .sourceFailingAfter: return "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a08"
        }
    }
}
