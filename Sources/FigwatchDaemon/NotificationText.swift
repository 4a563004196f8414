import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import Foundation

/// The words a person reads: an alert transition through a notifier's template (`templates.firing`,
/// `templates.resolved`) or the default one.
///
/// A template is text with `{placeholders}` (`NotifierTemplate.placeholders`): `state`, `STATE`, `rule`,
/// `entity`, `entity_name`, `metric`, `metric_name`, `value`, `value_words`, `currency`, `relation`,
/// `threshold`, `sentence`, `source`, `at`, `sites`, `sites_text`.
/// A line whose placeholders are all empty is left out, so "“{sentence}”" disappears for a rule that reads
/// no sentence. Page text (the sentence) goes in as it is, in UTF-8: Chinese stays Chinese.
struct NotificationText: Sendable {
    static let defaultTemplates = [
        "firing": """
            {STATE} {entity_name}: {metric_name} {value_words} ({value} {currency}) {relation} {threshold}
            reported by {sites_text}
            “{sentence}”
            {source}
            rule {rule}, {at}
            """,
        "resolved": """
            {STATE} {entity_name}: {metric_name} {value_words} ({value} {currency}), back past {threshold}
            reported by {sites_text}
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
        if let sites = t.sites {
            fields["sites"] = "\(sites)"
            fields["sites_text"] = sites == 1 ? "1 site" : "\(sites) sites"
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
            let (filledIn, used, filled) = NotifierTemplate.fill(line) { name in
                fields[name] ?? (NotifierTemplate.placeholders.contains(name) ? "" : nil)
            }
            if used > 0 && filled == 0 { continue }
            // Empty placeholders leave doubled spaces and empty brackets behind.
            var out = filledIn.replacingOccurrences(of: "( )", with: "").replacingOccurrences(of: "()", with: "")
            while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
            lines.append(out.trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Several transitions of one group (`group_by`) in one message: a line that counts them, then each
/// through its state's template, in the order they happened.
struct GroupedNotificationText: Sendable {
    let items: [(transition: AlertTransition, entityName: String)]
    /// The group's key (`rule=... entity=...`), `""` for one group of everything.
    let group: String

    var firing: Int { items.filter { $0.transition.state == .firing }.count }
    var resolved: Int { items.count - firing }

    /// `5 alerts: 4 firing, 1 resolved (rule=big-caps)`.
    var summary: String {
        var counts: [String] = []
        if firing > 0 { counts.append("\(firing) firing") }
        if resolved > 0 { counts.append("\(resolved) resolved") }
        return "\(items.count) alerts: \(counts.joined(separator: ", ")) (\(group.isEmpty ? "all rules" : group))"
    }

    /// Each item's first line after "• ", its further lines indented, one blank line between items.
    func body(_ notifier: Notifier?) -> String {
        var out = summary.prefix(1).uppercased() + summary.dropFirst()
        for item in items {
            let text = NotificationText(item.transition, entityName: item.entityName).body(notifier, state: item.transition.state.rawValue)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            out += "\n\n• " + (lines.first.map(String.init) ?? "")
            for line in lines.dropFirst() { out += "\n  " + line }
        }
        return out
    }

    /// `[figwatch] 5 alerts: 4 FIRING, 1 RESOLVED (rule=big-caps)`.
    var title: String {
        var counts: [String] = []
        if firing > 0 { counts.append("\(firing) FIRING") }
        if resolved > 0 { counts.append("\(resolved) RESOLVED") }
        return "[figwatch] \(items.count) alerts: \(counts.joined(separator: ", ")) (\(group.isEmpty ? "all rules" : group))"
    }
}
