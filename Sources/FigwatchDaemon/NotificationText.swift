import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import Foundation

/// The words a person reads: an alert transition through a notifier's template (`templates.firing`,
/// `templates.resolved`) or the default one.
///
/// A template is text with `{placeholders}`: `state`, `STATE`, `rule`, `entity`, `entity_name`, `metric`,
/// `metric_name`, `value`, `value_words`, `currency`, `relation`, `threshold`, `sentence`, `source`, `at`.
/// A line whose placeholders are all empty is left out, so "“{sentence}”" disappears for a rule that reads
/// no sentence. Page text (the sentence) goes in as it is, in UTF-8: Chinese stays Chinese.
struct NotificationText: Sendable {
    static let defaultTemplates = [
        "firing": """
            {STATE} {entity_name}: {metric_name} {value_words} ({value} {currency}) {relation} {threshold}
            “{sentence}”
            {source}
            rule {rule}, {at}
            """,
        "resolved": """
            {STATE} {entity_name}: {metric_name} {value_words} ({value} {currency}), back past {threshold}
            “{sentence}”
            {source}
            rule {rule}, {at}
            """,
    ]

    let fields: [String: String]

    init(_ t: AlertTransition, entityName: String) {
        var fields: [String: String] = [
            "state": t.state.rawValue + (t.reminder ? " (reminder)" : ""),
            "STATE": t.state == .firing ? (t.reminder ? "STILL FIRING" : "FIRING") : "RESOLVED",
            "rule": t.rule, "entity": t.entity, "entity_name": entityName, "relation": t.relation,
            "at": Timestamp.iso8601(t.at),
        ]
        if let metric = t.metric {
            fields["metric"] = metric.rawValue
            fields["metric_name"] = metric.rawValue.replacingOccurrences(of: "_", with: " ")
        }
        if let value = t.value {
            fields["value"] = value.description
            fields["value_words"] = AmountWords.describe(value, currency: t.currency)
        }
        fields["currency"] = t.currency
        fields["threshold"] = t.threshold
        fields["sentence"] = t.sentence
        fields["source"] = t.sourceURL
        self.fields = fields
    }

    /// The message body for a notifier.
    func body(_ notifier: Notifier?, state: String) -> String {
        let template = notifier?.templates[state] ?? Self.defaultTemplates[state] ?? Self.defaultTemplates["firing"]!
        return render(template)
    }

    /// A one-line title (mail subject, ntfy title).
    var title: String {
        render("[figwatch] {STATE}: {entity_name} {metric_name} {value_words} {relation} {threshold}")
            .split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    func render(_ template: String) -> String {
        var lines: [String] = []
        for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
            var out = ""
            var used = 0, filled = 0
            var rest = Substring(line)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                out += rest[..<open]
                let name = String(rest[rest.index(after: open)..<close])
                if let value = fields[name] {
                    used += 1
                    if !value.isEmpty { filled += 1 }
                    out += value
                } else if Self.placeholders.contains(name) {
                    used += 1
                } else {
                    out += rest[open...close]
                }
                rest = rest[rest.index(after: close)...]
            }
            out += rest
            if used > 0 && filled == 0 { continue }
            // Empty placeholders leave doubled spaces and empty brackets behind.
            out = out.replacingOccurrences(of: "( )", with: "").replacingOccurrences(of: "()", with: "")
            while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
            lines.append(out.trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let placeholders: Set<String> = [
        "state", "STATE", "rule", "entity", "entity_name", "metric", "metric_name", "value", "value_words", "currency",
        "relation", "threshold", "sentence", "source", "at",
    ]
}
