import FigwatchConfig
import FigwatchCore
import FigwatchFetch
import Foundation

/// One attempt to hand a queued body to a notifier's receiver, in the request that receiver's API
/// expects; the token or password is added here, from the configuration, and scrubbed from any error.
struct Delivery: Sendable {
    struct Outcome: Sendable {
        /// Why the receiver did not accept it; `nil` when it did.
        var failure: String?
        /// A 429's or 503's `Retry-After`.
        var retryAfter: Duration?
        /// The receiver's answer: HTTP status and body, or the SMTP server's last reply.
        var answer: String
    }

    let notifier: Notifier
    let routes: DeliveryRoutes

    /// Sends `payload` (as `NotifierPayload` built it); `messageID` makes Matrix's transaction id, so
    /// a repeated attempt of one message is one event in the room.
    func send(_ payload: String, messageID: Int64) async -> Outcome {
        let secrets = [notifier.token?.reveal(), notifier.password?.reveal()].compactMap { $0 }
        var outcome: Outcome
        if notifier.kind == .email {
            outcome = await SMTPSender.send(payload, via: notifier)
        } else {
            let fetcher: CurlFetcher
            do {
                fetcher = try routes.fetcher(for: notifier)
            } catch {
                return Outcome(failure: "cannot set up libcurl: \(error)", answer: "")
            }
            var request = FetchRequest(url: url(messageID: messageID), postBody: Array(payload.utf8), contentType: "application/json")
            if let token = notifier.token?.reveal(), notifier.kind == .ntfy || notifier.kind == .matrix {
                request.headers.append("Authorization: Bearer \(token)")
            }
            // A `Content-Type` among the notifier's headers (a `body:` that is not JSON) replaces figwatch's.
            for header in notifier.headers {
                if header[0].lowercased() == "content-type" {
                    request.contentType = header[1]
                } else {
                    request.headers.append("\(header[0]): \(header[1])")
                }
            }
            if notifier.kind == .matrix { request.customMethod = "PUT" }
            outcome = await Self.send(request, with: fetcher, describing: "\(request.method) \(notifier.kind.rawValue) notifier \(notifier.id)")
        }
        for secret in secrets where !secret.isEmpty {
            outcome.failure = outcome.failure?.replacingOccurrences(of: secret, with: "<secret>")
            outcome.answer = outcome.answer.replacingOccurrences(of: secret, with: "<secret>")
        }
        return outcome
    }

    /// The endpoint: the webhook itself, ntfy's server root (the topic is in the JSON), Telegram's
    /// `sendMessage`, Matrix's room send with a transaction id.
    func url(messageID: Int64) -> String {
        let base = notifier.url.hasSuffix("/") ? String(notifier.url.dropLast()) : notifier.url
        switch notifier.kind {
        case .telegram:
            return "\(base)/bot\(notifier.token?.reveal() ?? "")/sendMessage"
        case .matrix:
            let room = (notifier.room ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return "\(base)/_matrix/client/v3/rooms/\(room)/send/m.room.message/figwatch-\(messageID)"
        case .ntfy:
            return base
        default:
            return notifier.url
        }
    }

    /// A rule's own `webhook:`: figwatch's JSON, POSTed.
    static func post(_ payload: String, to url: String, headers: [String], with fetcher: CurlFetcher) async -> Outcome {
        var request = FetchRequest(url: url, postBody: Array(payload.utf8), contentType: "application/json")
        request.headers = headers
        return await send(request, with: fetcher, describing: "POST \(url)")
    }

    static func send(_ request: FetchRequest, with fetcher: CurlFetcher, describing what: String) async -> Outcome {
        do {
            let response = try await fetcher.fetch(request)
            let answer = "HTTP \(response.status) " + String(decoding: response.body.prefix(2000), as: UTF8.self)
            guard (200..<300).contains(response.status) else {
                let retryAfter = response.status == 429 || response.status == 503 ? response.retryAfter : nil
                return Outcome(
                    failure: "\(what) returned HTTP \(response.status)" + (retryAfter.map { " (Retry-After \($0))" } ?? ""),
                    retryAfter: retryAfter, answer: answer)
            }
            return Outcome(failure: nil, answer: answer)
        } catch {
            // The URL may hold a token (Telegram's bot URL): the message names the notifier instead.
            let reason = "\(error)".replacingOccurrences(of: "\(request.method) \(request.url)", with: what)
                .replacingOccurrences(of: request.url, with: what)
            return Outcome(failure: reason, answer: reason)
        }
    }
}
