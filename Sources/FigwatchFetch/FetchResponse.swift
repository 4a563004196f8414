/// What a fetch got back: any HTTP status, including 304 and errors such as 404 or 503.
///
/// Non-2xx statuses are responses, not errors: the caller decides what a 429 or a 410 means for the
/// source. `FetchError` is reserved for fetches that produced no usable response at all.
public struct FetchResponse: Sendable {
    /// The URL that was asked for.
    public var requestedURL: String
    /// The URL of the last hop, after every redirect.
    public var effectiveURL: String
    /// The HTTP status of the last hop; `200` for a `file://` URL that was read.
    public var status: Int
    /// The header fields of the last hop, in the order received.
    public var headers: FetchHeaders
    /// The body, decompressed, at most `FetchOptions.maxBodyBytes` long.
    public var body: [UInt8]
    /// Redirects followed to get here.
    public var redirectCount: Int
    /// Time from the transfer's start (not its wait in the queue) to its end, redirects included.
    public var elapsed: Duration

    public init(
        requestedURL: String, effectiveURL: String, status: Int, headers: FetchHeaders, body: [UInt8],
        redirectCount: Int = 0, elapsed: Duration = .zero
    ) {
        self.requestedURL = requestedURL
        self.effectiveURL = effectiveURL
        self.status = status
        self.headers = headers
        self.body = body
        self.redirectCount = redirectCount
        self.elapsed = elapsed
    }

    /// The `Content-Type` header as sent, e.g. `text/html; charset=big5`.
    public var contentType: String? { headers["Content-Type"] }
    /// The `charset` parameter of `Content-Type`, lowercased; a hint that may lie (see STYLE.md trap 3).
    public var charset: String? { contentType.flatMap(HTTPHeaderValues.charset(inContentType:)) }
    /// The validator to send back as `FetchRequest.etag` next time.
    public var etag: String? { headers["ETag"] }
    /// The validator to send back as `FetchRequest.lastModified` next time.
    public var lastModified: String? { headers["Last-Modified"] }
    /// `304 Not Modified`: the caller's copy is current. A normal outcome, not an error.
    public var isNotModified: Bool { status == 304 }
    /// How long the server asks us to wait (`Retry-After`, delta-seconds or an HTTP date), if it says.
    /// A date is measured from the response's `Date` header when present, so clock skew does not count.
    public var retryAfter: Duration? {
        headers["Retry-After"].flatMap { HTTPHeaderValues.retryAfter($0, responseDate: headers["Date"]) }
    }
    /// `Cache-Control: max-age`, if the server sends one.
    public var maxAge: Duration? { headers["Cache-Control"].flatMap(HTTPHeaderValues.maxAge(inCacheControl:)) }
}
