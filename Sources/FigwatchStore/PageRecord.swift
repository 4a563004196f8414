import Foundation

/// A fetched page as the store keeps it: where it came from, what it said it was, when.
///
/// Pages are identified by `url`. `contentHash` is whatever stable digest the fetcher computes over the
/// body (hex SHA-256 for instance); the store only compares it for equality, so that a page fetched
/// again unchanged is recognised before it is parsed (`pageUnchanged(url:contentHash:)`) and adds nothing.
public struct PageRecord: Sendable, Hashable {
    public var url: String
    /// `<link rel="canonical">` or `og:url`; decides the outlet (host) when present.
    public var canonicalURL: String?
    public var contentHash: String
    public var title: String?
    public var language: String?
    /// Publication time in UTC epoch milliseconds, when the page states it.
    public var publishedAt: Int64?
    /// Fetch time in UTC epoch milliseconds.
    public var fetchedAt: Int64

    public init(
        url: String, canonicalURL: String? = nil, contentHash: String, title: String? = nil,
        language: String? = nil, publishedAt: Int64? = nil, fetchedAt: Int64
    ) {
        self.url = url
        self.canonicalURL = canonicalURL
        self.contentHash = contentHash
        self.title = title
        self.language = language
        self.publishedAt = publishedAt
        self.fetchedAt = fetchedAt
    }

    /// The time of the page's figures: publication when known, else fetch.
    public var pointTime: Int64 { publishedAt ?? fetchedAt }

    /// The outlet that published the page: the lower-cased host of the canonical URL (else of `url`),
    /// without a leading `www.`, so `www.reuters.com` and `reuters.com` count as one source.
    public var host: String {
        let host = (canonicalURL.flatMap { URLComponents(string: $0)?.host }
            ?? URLComponents(string: url)?.host ?? url).lowercased()
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
