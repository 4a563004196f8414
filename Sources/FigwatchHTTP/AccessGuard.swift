import FigwatchConfig
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import NIOCore
import Synchronization

/// Who may read: clients outside `http.allowed_networks` get 403, and with `http.users_file` every
/// request needs HTTP basic auth with a bcrypt-checked password (401 otherwise). Every response gets
/// the security headers the dashboard relies on (strict CSP, no sniffing, no referrer).
struct AccessGuard: RouterMiddleware {
    typealias Context = ListenerContext
    let access: ListenerAccess

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        let settings = access.settings
        if let peer = context.remoteAddress?.ipAddress,
            !settings.allowedNetworks.contains(where: { $0.contains(peer) })
        {
            response = Self.plain(.forbidden, "forbidden: \(peer) is not in http.allowed_networks\n")
        } else if !settings.users.isEmpty && !access.authorized(request.headers[.authorization], users: settings.users) {
            response = Self.plain(.unauthorized, "unauthorized\n")
            response.headers[.wwwAuthenticate] = "Basic realm=\"figwatch\", charset=\"UTF-8\""
        } else {
            response = try await next(request, context)
        }
        response.headers[.figwatchCSP] = Self.contentSecurityPolicy
        response.headers[.figwatchContentTypeOptions] = "nosniff"
        response.headers[.figwatchReferrerPolicy] = "no-referrer"
        response.headers[.figwatchFrameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The access settings in force (replaced on reload without rebinding) and the credentials already
/// verified: bcrypt costs tens of milliseconds by design, too much for every scrape.
final class ListenerAccess: Sendable {
    struct Settings: Sendable, Equatable {
        var users: [String: String]
        var allowedNetworks: [NetworkRange]
    }

    private let current: Mutex<Settings>
    /// `Authorization` header values that verified against the current users (at most 64).
    private let verified = Mutex<Set<String>>([])

    init(_ http: Configuration.HTTP) {
        current = Mutex(Settings(users: http.users, allowedNetworks: http.allowedNetworks))
    }

    var settings: Settings { current.withLock { $0 } }

    func update(_ http: Configuration.HTTP) {
        let new = Settings(users: http.users, allowedNetworks: http.allowedNetworks)
        let changed = current.withLock { old -> Bool in
            defer { old = new }
            return old != new
        }
        if changed { verified.withLock { $0.removeAll() } }
    }

    func authorized(_ header: String?, users: [String: String]) -> Bool {
        guard let header, header.count < 1024 else { return false }
        if verified.withLock({ $0.contains(header) }) { return true }
        guard header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: data, encoding: .utf8), let colon = pair.firstIndex(of: ":"),
            let hash = users[String(pair[..<colon])]
        else { return false }
        guard Bcrypt.verify(String(pair[pair.index(after: colon)...]), hash: hash) else { return false }
        verified.withLock { set in
            if set.count >= 64 { set.removeAll() }
            set.insert(header)
        }
        return true
    }
}

extension HTTPField.Name {
    static let figwatchCSP = Self("Content-Security-Policy")!
    static let figwatchContentTypeOptions = Self("X-Content-Type-Options")!
    static let figwatchReferrerPolicy = Self("Referrer-Policy")!
    static let figwatchFrameOptions = Self("X-Frame-Options")!
}
