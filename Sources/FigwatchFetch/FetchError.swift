/// Why a fetch produced no response. HTTP error statuses are not `FetchError`s: they come back as a
/// `FetchResponse` for the caller to judge.
///
/// `code` is a small fixed set, safe as a log field and for deciding on a retry; `message` names the
/// method, the URL and what failed: `GET https://x/a: timed out after 30 s`.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// The URL does not parse as an absolute URL.
        case invalidURL
        /// The URL's scheme is not `http`/`https` (or `file` while not allowed).
        case schemeRefused
        /// A redirect pointed to a scheme other than `http`/`https`.
        case redirectRefused
        /// More than `FetchOptions.maxRedirects` redirects.
        case tooManyRedirects
        /// The address connected to is in the refused ranges while `blockPrivateAddresses` is on.
        case addressBlocked
        /// The host name did not resolve.
        case resolveFailed
        /// No connection could be made (refused, unreachable, TLS handshake failed).
        case connectFailed
        /// The connect timeout, the total timeout or the low-speed limit was hit.
        case timedOut
        /// The decompressed body grew past `FetchOptions.maxBodyBytes`.
        case bodyTooLarge
        /// The body did not decode with its `Content-Encoding` (corrupt gzip, say).
        case badContentEncoding
        /// The transfer broke off for another reason (connection reset, truncated body, bad TLS ...).
        case transferFailed
        /// The calling task was cancelled; the transfer was aborted.
        case cancelled
        /// The fetcher was shut down before the fetch finished.
        case shutDown
        /// libcurl refused to set up the transfer (an option it does not support, out of memory).
        case setupFailed
    }

    public let code: Code
    /// The URL that was asked for (not a redirect hop's).
    public let url: String
    /// One sentence for a log line, starting `GET <url>: `.
    public private(set) var message: String
    /// libcurl's `CURLcode`, when the failure came from libcurl.
    public let curlCode: Int?

    public init(_ code: Code, url: String, _ what: String, curlCode: Int? = nil) {
        self.code = code
        self.url = url
        self.message = "GET \(url): \(what)"
        self.curlCode = curlCode
    }

    /// A failure of the fetcher itself rather than of one fetch (`url` is empty).
    init(setup what: String) {
        code = .setupFailed
        url = ""
        message = "fetcher setup: \(what)"
        curlCode = nil
    }

    public var description: String { message }

    /// The same error for a request made with another method (`POST https://...: ...`).
    func with(method: String) -> FetchError {
        guard method != "GET" else { return self }
        var copy = self
        copy.message = method + message.dropFirst(3)
        return copy
    }
}

/// `8 MiB`, `512 KiB`, `1000 bytes`: byte counts as error messages state them.
func byteCountText(_ count: Int) -> String {
    if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
    if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
    return "\(count) bytes"
}
