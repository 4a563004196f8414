/// How a `CurlFetcher` fetches: limits, timeouts and what it refuses.
///
/// The defaults suit a crawler that politely watches news pages; every field maps to one key of the
/// `fetch:` section of the configuration (see INTERFACE.md).
///
/// ```swift
/// var options = FetchOptions(userAgent: "figwatch/0.1 (+https://example.org/crawler)")
/// options.blockPrivateAddresses = true
/// let fetcher = try CurlFetcher(options: options)
/// ```
public struct FetchOptions: Sendable {
    /// Sent as `User-Agent` on every request and redirect hop.
    public var userAgent: String
    /// Longest wait for a TCP (and TLS) connection to one address.
    public var connectTimeout: Duration
    /// Longest time for a whole fetch, redirects included.
    public var timeout: Duration
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` is abandoned as stalled.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Duration
    /// The largest body accepted, counted after decompression, so a gzip bomb stops here.
    public var maxBodyBytes: Int
    /// Redirects followed before the fetch fails with `tooManyRedirects`.
    public var maxRedirects: Int
    /// Transfers in flight at once; the excess waits in a queue.
    public var concurrency: Int
    /// Transfers in flight at once to one host (scheme, host and port of the requested URL).
    public var perHostConcurrency: Int
    /// Whether `file://` URLs may be requested. Redirects to `file://` are refused regardless.
    public var allowFileURLs: Bool
    /// Whether to refuse connecting to the addresses in `addressPolicy`, checked on the address actually
    /// connected to, for the first request and every redirect hop (so DNS tricks do not get around it).
    public var blockPrivateAddresses: Bool
    /// The ranges refused when `blockPrivateAddresses` is on: loopback, private, link-local, CGNAT and
    /// their IPv6 equivalents. Package-visible so tests can refuse a narrower range (one loopback
    /// address) while still serving the first hop from another.
    package var addressPolicy: AddressPolicy

    public init(
        userAgent: String = "figwatch/0.1",
        connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(30),
        lowSpeedLimit: Int = 1,
        lowSpeedTime: Duration = .seconds(30),
        maxBodyBytes: Int = 8 << 20,
        maxRedirects: Int = 5,
        concurrency: Int = 16,
        perHostConcurrency: Int = 2,
        allowFileURLs: Bool = false,
        blockPrivateAddresses: Bool = false
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.concurrency = concurrency
        self.perHostConcurrency = perHostConcurrency
        self.allowFileURLs = allowFileURLs
        self.blockPrivateAddresses = blockPrivateAddresses
        self.addressPolicy = .privateNetworks
    }
}
