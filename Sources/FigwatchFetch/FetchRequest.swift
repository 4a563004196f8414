/// One request: a page to fetch, with the validators remembered from the last fetch of
/// it, or (for webhooks) a body to POST.
public struct FetchRequest: Sendable, Hashable {
    /// An absolute `http`, `https` (or, when allowed, `file`) URL.
    public var url: String
    /// The `ETag` of the copy the caller holds; sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the copy the caller holds; sent as `If-Modified-Since`.
    public var lastModified: String?
    /// `GET`, or `POST` when `body` is set.
    public var method: String { customMethod ?? (body == nil ? "GET" : "POST") }
    /// A method other than GET and POST (`PUT` for a Matrix message), sent with the body as a POST's.
    public var customMethod: String?
    /// Further request header lines (`Authorization: Bearer ...`), sent as given: the caller keeps
    /// them free of line breaks.
    public var headers: [String] = []
    /// A request body, sent with POST (webhook deliveries).
    public var body: [UInt8]?
    /// The body's `Content-Type`.
    public var contentType: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }

    /// A POST of `body`.
    public init(url: String, postBody body: [UInt8], contentType: String) {
        self.url = url
        self.body = body
        self.contentType = contentType
    }
}
