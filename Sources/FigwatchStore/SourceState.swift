/// A configured source and the state of fetching it: what the scheduler and `figwatch sources` read.
///
/// Times are UTC epoch milliseconds. `leaseOwner`/`leaseUntil` let several daemons share one store
/// backend later (each source fetched by one daemon at a time); the SQLite store has a single writer,
/// but keeps the columns so the protocol is the same.
public struct SourceState: Sendable, Hashable, Codable {
    public var id: String
    public var url: String
    public var etag: String?
    public var lastModified: String?
    /// HTTP status of the last fetch, when one completed.
    public var lastStatus: Int?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var lastFetchedAt: Int64?
    public var nextDueAt: Int64?
    public var leaseOwner: String?
    public var leaseUntil: Int64?

    public init(
        id: String, url: String, etag: String? = nil, lastModified: String? = nil, lastStatus: Int? = nil,
        lastError: String? = nil, consecutiveFailures: Int = 0, lastFetchedAt: Int64? = nil,
        nextDueAt: Int64? = nil, leaseOwner: String? = nil, leaseUntil: Int64? = nil
    ) {
        self.id = id
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.lastFetchedAt = lastFetchedAt
        self.nextDueAt = nextDueAt
        self.leaseOwner = leaseOwner
        self.leaseUntil = leaseUntil
    }

    enum CodingKeys: String, CodingKey {
        case id, url, etag
        case lastModified = "last_modified"
        case lastStatus = "last_status"
        case lastError = "last_error"
        case consecutiveFailures = "consecutive_failures"
        case lastFetchedAt = "last_fetched_at"
        case nextDueAt = "next_due_at"
        case leaseOwner = "lease_owner"
        case leaseUntil = "lease_until"
    }
}
