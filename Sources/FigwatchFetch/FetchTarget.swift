import CCurl

/// A URL checked before any transfer starts: it parses, its scheme is allowed, and the host it names
/// is known, because the per-host concurrency limit is keyed on it.
struct FetchTarget: Sendable {
    /// Lowercased: `http`, `https` or `file`.
    let scheme: String
    /// `scheme://host:port`, lowercased, with the default port filled in: the per-host queue key.
    let hostKey: String

    init(url: String, allowFileURLs: Bool) throws(FetchError) {
        guard let parts = FetchTarget.parse(url) else {
            throw FetchError(.invalidURL, url: url, "not an absolute URL")
        }
        let allowed = allowFileURLs ? ["http", "https", "file"] : ["http", "https"]
        guard allowed.contains(parts.scheme) else {
            let hint = parts.scheme == "file" ? " (allow_file_urls is off)" : ""
            throw FetchError(.schemeRefused, url: url, "scheme \(parts.scheme) refused\(hint)")
        }
        if parts.scheme != "file", parts.host.isEmpty {
            throw FetchError(.invalidURL, url: url, "no host in URL")
        }
        scheme = parts.scheme
        hostKey = "\(parts.scheme)://\(parts.host):\(parts.port)"
    }

    /// The lowercased scheme of `url`, or nil when it is not an absolute URL.
    static func scheme(of url: String) -> String? { parse(url)?.scheme }

    /// Parsed with libcurl's own URL parser, so we judge the URL exactly as libcurl will fetch it.
    private static func parse(_ url: String) -> (scheme: String, host: String, port: String)? {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        // Any scheme parses, so that a refused one is reported as refused rather than as unparsable.
        guard curl_url_set(handle, CURLUPART_URL, url, UInt32(CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK,
              let scheme = part(handle, CURLUPART_SCHEME)
        else { return nil }
        let host = part(handle, CURLUPART_HOST) ?? ""
        let port = part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)) ?? ""
        return (scheme.lowercased(), host.lowercased(), port)
    }

    private static func part(_ handle: OpaquePointer, _ which: CURLUPart, flags: UInt32 = 0) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
