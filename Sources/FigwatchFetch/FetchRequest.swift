/// One page to fetch, with the validators remembered from the last fetch of it.
public struct FetchRequest: Sendable, Hashable {
    /// An absolute `http`, `https` (or, when allowed, `file`) URL.
    public var url: String
    /// The `ETag` of the copy the caller holds; sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the copy the caller holds; sent as `If-Modified-Since`.
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}
