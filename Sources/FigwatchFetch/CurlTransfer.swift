import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One fetch: its libcurl easy handle, the bytes and headers received, and the continuation waiting
/// for it.
///
/// Thread confinement, not locks, keeps this safe: the caller's task fills `continuation` and hands
/// the transfer to `CurlMultiLoop.submit`, whose lock publishes it; from then on only the loop thread
/// touches it (libcurl's callbacks run there, inside `curl_multi_perform`). `cancelRequested` is the
/// one field shared afterwards, and it is guarded by the loop's lock.
final class CurlTransfer: @unchecked Sendable {
    /// What a finished hop leads to.
    enum Outcome {
        case redirect(to: String)
        case finished(Result<FetchResponse, FetchError>)
    }

    let request: FetchRequest
    let target: FetchTarget
    let options: FetchOptions
    var continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>?
    /// Guarded by `CurlMultiLoop`'s lock.
    var cancelRequested = false

    private(set) var easy: UnsafeMutableRawPointer?
    private var currentURL: String
    private(set) var redirectCount = 0
    private var body: [UInt8] = []
    private var headers = FetchHeaders()
    private var bodyTooLarge = false
    private var blockedAddress: IPAddress?
    private var startedAt: ContinuousClock.Instant?
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))

    /// libcurl's receive buffer per running transfer (`CURLOPT_BUFFERSIZE`).
    static let receiveBufferBytes = 32 * 1024

    init(request: FetchRequest, target: FetchTarget, options: FetchOptions) {
        self.request = request
        self.target = target
        self.options = options
        self.currentURL = request.url
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        if let easy { curl_easy_cleanup(easy) }
        if let requestHeaders { curl_slist_free_all(requestHeaders) }
        errorBuffer.deallocate()
    }

    // MARK: Setting up

    /// Creates the easy handle and sets every option for the first hop. Loop thread only.
    func begin() throws(FetchError) {
        startedAt = .now
        guard let handle = curl_easy_init() else {
            throw FetchError(.setupFailed, url: request.url, "libcurl could not create a transfer")
        }
        easy = handle
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(fw_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL")
        try check(fw_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        try check(fw_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0), "CURLOPT_FOLLOWLOCATION")
        // Redirects are followed here, hop by hop, so each target's scheme is judged and named in the
        // error; libcurl's own list is set too, as a second line of defence.
        try check(fw_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
                  "CURLOPT_REDIR_PROTOCOLS_STR")
        try check(fw_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "CURLOPT_ACCEPT_ENCODING")
        // Twice the library's 16 KiB receive buffer: a typical page arrives in a few reads and write
        // callbacks instead of dozens. The buffer lives as long as the transfer, one per running
        // transfer: the curl tool's 100 KiB made 1.6 MiB of the daemon's private memory at a
        // concurrency of 16 (heaptrack, `figwatch-bench daemon`), for no gain `figwatch-bench fetch`
        // could see.
        try check(fw_easy_setopt_long(handle, CURLOPT_BUFFERSIZE, Self.receiveBufferBytes), "CURLOPT_BUFFERSIZE")
        try check(fw_easy_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent), "CURLOPT_USERAGENT")
        try check(fw_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.curlMilliseconds),
                  "CURLOPT_CONNECTTIMEOUT_MS")
        try check(fw_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, max(1, options.lowSpeedLimit)),
                  "CURLOPT_LOW_SPEED_LIMIT")
        try check(fw_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, options.lowSpeedTime.curlSeconds),
                  "CURLOPT_LOW_SPEED_TIME")
        // Only a hint for bodies with a Content-Length; the write callback enforces the cap (trap 4).
        try check(fw_easy_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes)),
                  "CURLOPT_MAXFILESIZE_LARGE")
        try check(fw_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().receiveBody(data, size * count)
        }, "CURLOPT_WRITEFUNCTION")
        try check(fw_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, me), "CURLOPT_WRITEDATA")
        try check(fw_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().receiveHeader(data, size * count)
        }, "CURLOPT_HEADERFUNCTION")
        try check(fw_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, me), "CURLOPT_HEADERDATA")
        try check(fw_easy_setopt_opensocket_callback(handle) { context, _, address in
            guard let context, let address else { return fw_socket_bad() }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().openSocket(address)
        }, "CURLOPT_OPENSOCKETFUNCTION")
        try check(fw_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, me), "CURLOPT_OPENSOCKETDATA")

        var list: UnsafeMutablePointer<curl_slist>?
        if let etag = request.etag { list = curl_slist_append(list, "If-None-Match: \(etag)") }
        if let lastModified = request.lastModified {
            list = curl_slist_append(list, "If-Modified-Since: \(lastModified)")
        }
        if let body = request.body {
            // COPYPOSTFIELDS copies the bytes at once, so the buffer need not outlive this call.
            try check(fw_easy_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "CURLOPT_POSTFIELDSIZE_LARGE")
            let copied = body.withUnsafeBytes { raw in
                fw_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            }
            try check(copied, "CURLOPT_COPYPOSTFIELDS")
            list = curl_slist_append(list, "Content-Type: \(request.contentType ?? "application/octet-stream")")
        }
        if let method = request.customMethod {
            try check(fw_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method), "CURLOPT_CUSTOMREQUEST")
        }
        for line in request.headers { list = curl_slist_append(list, line) }
        requestHeaders = list
        if let list { try check(fw_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list), "CURLOPT_HTTPHEADER") }
        try configureHop(url: request.url)
    }

    /// Points the handle at `url` with what remains of the total timeout, forgetting the last hop.
    private func configureHop(url: String) throws(FetchError) {
        guard let easy, let startedAt else { return }
        let remaining = options.timeout - (ContinuousClock.now - startedAt)
        guard remaining > .zero else {
            throw FetchError(.timedOut, url: request.url, "timed out after \(options.timeout.messageText)")
        }
        let protocols = redirectCount == 0 && options.allowFileURLs ? "http,https,file" : "http,https"
        try check(fw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, protocols), "CURLOPT_PROTOCOLS_STR")
        try check(fw_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, remaining.curlMilliseconds), "CURLOPT_TIMEOUT_MS")
        try check(fw_easy_setopt_string(easy, CURLOPT_URL, url), "CURLOPT_URL")
        currentURL = url
        body.removeAll(keepingCapacity: true)
        headers.removeAll()
        blockedAddress = nil
        errorBuffer[0] = 0
    }

    /// Moves to the redirect target, after judging its scheme and counting the hop.
    func followRedirect(to url: String) throws(FetchError) {
        guard let scheme = FetchTarget.scheme(of: url), scheme == "http" || scheme == "https" else {
            throw FetchError(.redirectRefused, url: request.url, "redirect to \(url) refused")
        }
        guard redirectCount < options.maxRedirects else {
            throw FetchError(.tooManyRedirects, url: request.url,
                             "more than \(options.maxRedirects) redirects (the last to \(url))")
        }
        redirectCount += 1
        try configureHop(url: url)
    }

    private func check(_ code: CURLcode, _ option: String) throws(FetchError) {
        guard code != CURLE_OK else { return }
        throw FetchError(.setupFailed, url: request.url,
                         "libcurl refused \(option): \(String(cString: curl_easy_strerror(code)))",
                         curlCode: Int(code.rawValue))
    }

    // MARK: Callbacks (loop thread, inside curl_multi_perform)

    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0, let data else { return count }
        if body.isEmpty, let easy {
            // Size the buffer once from Content-Length (the compressed size when encoded: still a floor).
            var announced: curl_off_t = -1
            if fw_easy_getinfo_off(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK, announced > 0 {
                body.reserveCapacity(min(Int(announced), options.maxBodyBytes))
            }
        }
        guard body.count + count <= options.maxBodyBytes else {
            bodyTooLarge = true
            return 0  // anything but `count` makes libcurl abort with CURLE_WRITE_ERROR
        }
        body.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self),
                                                     count: count))
        return count
    }

    /// One header line, `Name: value\r\n`, read from libcurl's bytes without a detour through `String`.
    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data else { return count }
        let line = UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
        if line.starts(with: "HTTP/".utf8) {
            headers.removeAll()  // a new response (after `100 Continue`, say): its fields start here
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            func text(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: part.trimmingHTTPWhitespace()), as: UTF8.self)
            }
            headers.append(name: text(line[..<colon]), value: text(line[(colon + 1)...]))
        }
        return count
    }

    private func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        if options.blockPrivateAddresses {
            let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr)!
            let raw = UnsafeRawPointer(address).advanced(by: offset)
            // libcurl stores the whole sockaddr_in6 there, past the declared `struct sockaddr`.
            let ip = IPAddress(socketAddress: raw.assumingMemoryBound(to: sockaddr.self))
            if let ip, options.addressPolicy.refuses(ip) {
                blockedAddress = ip
                return fw_socket_bad()
            }
        }
        // Close-on-exec, so alert commands the daemon runs never inherit a fetch's socket.
        return socket(address.pointee.family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue),
                      address.pointee.protocol)
    }

    // MARK: Finishing

    /// Judges a finished hop: a redirect to follow, a response, or an error.
    func outcome(of code: CURLcode) -> Outcome {
        guard let easy else { return .finished(.failure(FetchError(.setupFailed, url: request.url, "no transfer"))) }
        guard code == CURLE_OK else { return .finished(.failure(error(for: code))) }
        var status = 0
        _ = fw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        if (300..<400).contains(status), status != 304 {
            var location: UnsafeMutablePointer<CChar>?
            if fw_easy_getinfo_string(easy, CURLINFO_REDIRECT_URL, &location) == CURLE_OK, let location {
                return .redirect(to: String(cString: location))
            }
        }
        var effective: UnsafeMutablePointer<CChar>?
        _ = fw_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective)
        let response = FetchResponse(
            requestedURL: request.url,
            effectiveURL: effective.map { String(cString: $0) } ?? currentURL,
            status: status == 0 && target.scheme == "file" ? 200 : status,
            headers: headers, body: body, redirectCount: redirectCount,
            elapsed: startedAt.map { ContinuousClock.now - $0 } ?? .zero)
        return .finished(.success(response))
    }

    /// The `FetchError` for a failed hop, naming what actually happened rather than libcurl's code.
    private func error(for code: CURLcode) -> FetchError {
        let url = request.url
        let curlCode = Int(code.rawValue)
        let hop = redirectCount > 0 ? " (redirected to \(currentURL))" : ""
        // A refused address makes libcurl report that it could not connect; say why instead.
        if let blockedAddress, code == CURLE_COULDNT_CONNECT {
            return FetchError(.addressBlocked, url: url,
                              "address \(blockedAddress) is private and block_private_addresses is on\(hop)",
                              curlCode: curlCode)
        }
        if bodyTooLarge || code == CURLE_FILESIZE_EXCEEDED {
            return FetchError(.bodyTooLarge, url: url, "body larger than \(byteCountText(options.maxBodyBytes))",
                              curlCode: curlCode)
        }
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(.timedOut, url: url, timeoutText(), curlCode: curlCode)
        case CURLE_COULDNT_RESOLVE_HOST:
            return FetchError(.resolveFailed, url: url, "could not resolve host (\(detail))\(hop)", curlCode: curlCode)
        case CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION:
            return FetchError(.connectFailed, url: url, "could not connect (\(detail))\(hop)", curlCode: curlCode)
        case CURLE_BAD_CONTENT_ENCODING:
            return FetchError(.badContentEncoding, url: url, "body does not decode (\(detail))", curlCode: curlCode)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return FetchError(.schemeRefused, url: url, "scheme refused (\(detail))\(hop)", curlCode: curlCode)
        default:
            return FetchError(.transferFailed, url: url, "transfer failed (\(detail))\(hop)", curlCode: curlCode)
        }
    }

    /// Which of the three limits fired: the total timeout, the connect timeout, or the low-speed limit.
    private func timeoutText() -> String {
        let elapsed = startedAt.map { ContinuousClock.now - $0 } ?? .zero
        if elapsed >= options.timeout - .milliseconds(50) {
            return "timed out after \(options.timeout.messageText)"
        }
        // The pre-transfer timer starts when the request goes out, on a new or a reused connection
        // alike: still zero means the connect (or TLS handshake) never finished.
        var pretransfer: curl_off_t = 0
        if let easy { _ = fw_easy_getinfo_off(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) }
        if pretransfer == 0 {
            return "connect timed out after \(options.connectTimeout.messageText)"
        }
        return "stalled: under \(max(1, options.lowSpeedLimit)) bytes/s for \(options.lowSpeedTime.messageText)"
    }

    /// Hands the result to the waiting task, exactly once, and frees the easy handle.
    func complete(_ result: Result<FetchResponse, FetchError>) {
        if let easy {
            curl_easy_cleanup(easy)
            self.easy = nil
        }
        continuation?.resume(returning: result)
        continuation = nil
    }
}
