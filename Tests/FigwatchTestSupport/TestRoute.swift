import NIOCore

/// What the loopback test server does for one path: a plain response, or a fault on demand.
///
/// Routes are values; build them with the static functions and hand them to `TestHTTPServer.route`.
/// ```swift
/// server.route("/slow", .drip(Array(repeating: 65, count: 1000), chunk: 10, every: .milliseconds(50)))
/// server.route("/gone", .status(410))
/// ```
public struct TestRoute: Sendable {
    indirect enum Behavior: Sendable {
        case respond(status: Int, headers: [(String, String)], body: ByteBuffer)
        case drip(headers: [(String, String)], body: ByteBuffer, chunk: Int, every: Duration)
        case cut(headers: [(String, String)], body: ByteBuffer, after: Int, reset: Bool)
        case stallAfterHeaders(contentLength: Int)
        case endless(chunk: Int)
        case unsized(headers: [(String, String)], body: ByteBuffer)
        case dynamic(@Sendable (TestRequest) -> TestRoute)
        case delayed(Duration, Behavior)
    }

    let behavior: Behavior

    /// Any status, headers and body; `Content-Length` is added unless the status has no body.
    public static func respond(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) -> TestRoute {
        TestRoute(behavior: .respond(status: status, headers: headers, body: ByteBuffer(bytes: body)))
    }

    /// A text body (HTML by default) with its `Content-Type`.
    public static func text(
        _ text: String, status: Int = 200, contentType: String = "text/html; charset=utf-8",
        headers: [(String, String)] = []
    ) -> TestRoute {
        respond(status: status, headers: [("Content-Type", contentType)] + headers, body: Array(text.utf8))
    }

    /// A status with an empty body, e.g. `.status(503, headers: [("Retry-After", "120")])`.
    public static func status(_ status: Int, headers: [(String, String)] = []) -> TestRoute {
        respond(status: status, headers: headers)
    }

    /// `count` bytes of a fixed pattern (`TestRoute.pattern(count:)`), for size and throughput tests.
    public static func bytes(count: Int, contentType: String = "text/html") -> TestRoute {
        respond(headers: [("Content-Type", contentType)], body: pattern(count: count))
    }

    /// The bytes `.bytes(count:)` serves: printable ASCII lines, so they compress like text.
    public static func pattern(count: Int) -> [UInt8] {
        (0..<count).map { (index: Int) -> UInt8 in
            if index % 64 == 63 { return 0x0A }
            let offset: Int = (index * 7 + index / 64) % 90
            return UInt8(0x21 + offset)
        }
    }

    /// A redirect to `location` (absolute or relative).
    public static func redirect(to location: String, status: Int = 302) -> TestRoute {
        respond(status: status, headers: [("Location", location)])
    }

    /// The body in `chunk`-byte pieces, one every `every`, with its full `Content-Length` announced.
    public static func drip(_ body: [UInt8], chunk: Int, every: Duration) -> TestRoute {
        TestRoute(behavior: .drip(headers: [], body: ByteBuffer(bytes: body), chunk: max(1, chunk), every: every))
    }

    /// Announces `body.count` bytes, sends `after` of them, then closes the connection (FIN).
    public static func truncated(_ body: [UInt8], after: Int) -> TestRoute {
        TestRoute(behavior: .cut(headers: [], body: ByteBuffer(bytes: body), after: after, reset: false))
    }

    /// Announces `body.count` bytes, sends `after` of them, then resets the connection (RST).
    public static func reset(_ body: [UInt8], after: Int) -> TestRoute {
        TestRoute(behavior: .cut(headers: [], body: ByteBuffer(bytes: body), after: after, reset: true))
    }

    /// Sends the headers, announcing `contentLength` bytes, then nothing until the client gives up.
    public static func stallAfterHeaders(contentLength: Int = 1000) -> TestRoute {
        TestRoute(behavior: .stallAfterHeaders(contentLength: contentLength))
    }

    /// A body without `Content-Length` (chunked) that never ends: `chunk` bytes at a time, as fast as
    /// the client reads.
    public static func endless(chunk: Int = 64 * 1024) -> TestRoute {
        TestRoute(behavior: .endless(chunk: max(1, chunk)))
    }

    /// The whole body without `Content-Length` (chunked), so a client learns its size only by reading it.
    public static func unsized(_ body: [UInt8], contentType: String = "text/html") -> TestRoute {
        TestRoute(behavior: .unsized(headers: [("Content-Type", contentType)], body: ByteBuffer(bytes: body)))
    }

    /// `body` gzip-compressed, sent with `Content-Encoding: gzip`.
    public static func gzip(_ body: [UInt8], contentType: String = "text/html; charset=utf-8") throws -> TestRoute {
        respond(headers: [("Content-Type", contentType), ("Content-Encoding", "gzip")],
                body: try TestGzip.compress(body))
    }

    /// A small gzip body that inflates to `inflatedBytes` zero bytes, far past any sane cap.
    public static func gzipBomb(inflatedBytes: Int) throws -> TestRoute {
        respond(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                body: try TestGzip.zeros(count: inflatedBytes))
    }

    /// `Content-Encoding: gzip` on bytes that are not gzip.
    public static func invalidGzip() -> TestRoute {
        respond(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                body: [0x1F, 0x8B, 0x08, 0x00] + Array("this is not deflate data at all".utf8))
    }

    /// `200` with `ETag` and `Last-Modified`, or `304` when the request's `If-None-Match` or
    /// `If-Modified-Since` matches them.
    public static func conditional(etag: String, lastModified: String, body: [UInt8]) -> TestRoute {
        dynamic { request in
            let validators = [("ETag", etag), ("Last-Modified", lastModified)]
            if request.header("If-None-Match") == etag || request.header("If-Modified-Since") == lastModified {
                return .respond(status: 304, headers: validators)
            }
            return .respond(headers: [("Content-Type", "text/html")] + validators, body: body)
        }
    }

    /// Decides per request, e.g. from its headers.
    public static func dynamic(_ respond: @escaping @Sendable (TestRequest) -> TestRoute) -> TestRoute {
        TestRoute(behavior: .dynamic(respond))
    }

    /// This route, answered only after `delay` (the request counts as in flight meanwhile).
    public func delayed(by delay: Duration) -> TestRoute {
        TestRoute(behavior: .delayed(delay, behavior))
    }
}

/// A request as the test server received it.
public struct TestRequest: Sendable {
    public let method: String
    /// The request target as sent, query included.
    public let uri: String
    public let headers: [(String, String)]
    /// The request body (a POST's), as received.
    public let body: [UInt8]

    public init(method: String, uri: String, headers: [(String, String)], body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// The path without the query: what routes are keyed on.
    public var path: String { String(uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]) }

    /// The first value of a header, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
