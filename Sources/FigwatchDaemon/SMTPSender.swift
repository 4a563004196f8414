import FigwatchConfig
import FigwatchFetch

/// An `email` notifier's delivery: the queued RFC 5322 message through `CurlMailer`.
enum SMTPSender {
    static func send(_ message: String, via notifier: Notifier) async -> Delivery.Outcome {
        let envelope = CurlMailer.Envelope(
            url: notifier.url, from: notifier.from ?? "", to: notifier.to, username: notifier.username,
            password: notifier.password?.reveal(), timeout: notifier.timeout)
        do {
            let reply = try await CurlMailer.send(Array(message.utf8), envelope: envelope)
            return Delivery.Outcome(failure: nil, answer: "SMTP \(reply.code): message accepted for \(notifier.to.joined(separator: ", "))")
        } catch {
            let reason = error.message.hasPrefix("GET ") ? "SMTP " + error.message.dropFirst(4) : error.message
            return Delivery.Outcome(failure: reason, answer: reason)
        }
    }
}
