import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import Foundation

/// What goes into the outbox for one (transition, notifier): the body in the receiver's own shape.
/// Secrets are not in it: tokens and passwords are added when it is sent, from the configuration.
enum NotifierPayload {
    static func body(for notifier: Notifier, transition t: AlertTransition, entityName: String) -> String {
        let text = NotificationText(t, entityName: entityName)
        let message = text.body(notifier, state: t.state.rawValue)
        var object = JSONObject()
        switch notifier.kind {
        case .slack:
            object.add("text", message)
        case .discord:
            // Discord refuses content over 2,000 characters.
            object.add("content", message.count > 2000 ? String(message.prefix(1999)) + "…" : message)
        case .ntfy:
            object.add("topic", notifier.topic)
            object.add("title", text.title)
            object.add("message", message)
            object.add("tags", raw: JSONObject.array([t.state == .firing ? "\"warning\"" : "\"white_check_mark\""]))
            object.add("priority", t.state == .firing ? 4 : 3)
            if let source = t.sourceURL { object.add("click", source) }
        case .telegram:
            object.add("chat_id", notifier.chatID)
            object.add("text", message.count > 4096 ? String(message.prefix(4095)) + "…" : message)
            object.add("disable_web_page_preview", true)
        case .matrix:
            object.add("msgtype", "m.text")
            object.add("body", message)
        case .webhook, .exec:
            return AlertPayload.json(t, entityName: entityName)
        case .email:
            return MailMessage(
                from: notifier.from ?? "", to: notifier.to, subject: text.title, body: message, date: t.at,
                messageID: "<\(t.rule).\(t.entity).\(t.at).\(notifier.id)@figwatch>"
            ).rendered
        }
        return object.description
    }
}
