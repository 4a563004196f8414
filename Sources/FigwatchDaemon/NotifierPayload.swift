import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import Foundation

/// What goes to a notifier for one message: the body in the receiver's own shape. A message carries one
/// transition or, grouped (`group_by`), several of one group. Secrets are not in it: tokens and
/// passwords are added when it is sent, from the configuration.
enum NotifierPayload {
    typealias Item = (transition: AlertTransition, entityName: String)

    /// One transition's body: what the outbox keeps with it, sent as it is when its message carries it alone.
    static func body(for notifier: Notifier, transition t: AlertTransition, entityName: String) -> String {
        body(for: notifier, items: [(t, entityName)], group: nil)
    }

    /// The body of a message carrying `items` (in the order they happened) of group `group`.
    static func body(for notifier: Notifier, items: [Item], group: String?) -> String {
        precondition(!items.isEmpty, "a message carries at least one transition")
        let first = items[0].transition
        let single = items.count == 1 ? NotificationText(first, entityName: items[0].entityName) : nil
        let grouped = GroupedNotificationText(items: items, group: group ?? "")
        let message = single?.body(notifier, state: first.state.rawValue) ?? grouped.body(notifier)
        let title = single?.title ?? grouped.title
        let anyFiring = items.contains { $0.transition.state == .firing }
        var object = JSONObject()
        switch notifier.kind {
        case .slack:
            object.add("text", message)
        case .discord:
            // Discord refuses content over 2,000 characters.
            object.add("content", message.count > 2000 ? String(message.prefix(1999)) + "…" : message)
        case .ntfy:
            object.add("topic", notifier.topic)
            object.add("title", title)
            object.add("message", message)
            object.add("tags", raw: JSONObject.array([anyFiring ? "\"warning\"" : "\"white_check_mark\""]))
            object.add("priority", anyFiring ? 4 : 3)
            if let source = first.sourceURL { object.add("click", source) }
        case .telegram:
            object.add("chat_id", notifier.chatID)
            object.add("text", message.count > 4096 ? String(message.prefix(4095)) + "…" : message)
            object.add("disable_web_page_preview", true)
        case .matrix:
            object.add("msgtype", "m.text")
            object.add("body", message)
        case .webhook, .exec:
            let json = items.count == 1 ? AlertPayload.json(first, entityName: items[0].entityName) : groupJSON(items, group: grouped)
            guard let template = notifier.body else { return json }
            return webhookBody(template, items: items, json: json, text: message, title: title, group: group ?? "")
        case .email:
            let last = items[items.count - 1].transition
            return MailMessage(
                from: notifier.from ?? "", to: notifier.to, subject: title, body: message, date: last.at,
                messageID: "<\(first.rule).\(first.entity).\(first.at)\(items.count > 1 ? ".\(items.count)" : "").\(notifier.id)@figwatch>"
            ).rendered
        }
        return object.description
    }

    /// A grouped webhook message: `{"event":"alert_group", ..., "alerts":[each transition's own JSON]}`.
    static func groupJSON(_ items: [Item], group: GroupedNotificationText) -> String {
        var object = JSONObject()
        object.add("event", "alert_group")
        object.add("group", group.group)
        object.add("count", items.count)
        object.add("firing", group.firing)
        object.add("resolved", group.resolved)
        object.add("alerts", raw: JSONObject.array(items.map { AlertPayload.json($0.transition, entityName: $0.entityName) }))
        object.add("message", group.summary)
        return object.description
    }

    /// A webhook's `body:` filled in. Every field goes in JSON-escaped (the inside of a string, so the
    /// template writes `"{entity_name}"`); `{json}` and `{alerts}` go in as JSON. With several
    /// transitions, the one-transition fields are the first one's.
    static func webhookBody(_ template: String, items: [Item], json: String, text: String, title: String, group: String) -> String {
        let fields = NotificationText(items[0].transition, entityName: items[0].entityName).fields
        let alerts = JSONObject.array(items.map { AlertPayload.json($0.transition, entityName: $0.entityName) })
        return NotifierTemplate.fill(Substring(template)) { name in
            switch name {
            case "json": return json
            case "alerts": return alerts
            default: break
            }
            let value: String?
            switch name {
            case "text": value = text
            case "title": value = title
            case "count": value = "\(items.count)"
            case "group": value = group
            default: value = fields[name] ?? (NotifierTemplate.placeholders.contains(name) ? "" : nil)
            }
            guard let value else { return nil }
            var quoted = ""
            JSONObject.appendString(value, to: &quoted)
            return String(quoted.dropFirst().dropLast())
        }.text
    }
}
