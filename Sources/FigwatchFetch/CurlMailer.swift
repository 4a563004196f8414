import CCurl
import Foundation

/// Sends one mail through libcurl's SMTP support (`smtp://` with STARTTLS, `smtps://` with TLS from the
/// start), on a thread of its own: `curl_easy_perform` blocks, and must not hold a cooperative thread.
public enum CurlMailer {
    /// What the server said: its last reply code (250 when the message was queued).
    public struct Reply: Sendable {
        public var code: Int
    }

    public struct Envelope: Sendable {
        public var url: String
        public var from: String
        public var to: [String]
        public var username: String?
        public var password: String?
        public var timeout: Duration

        public init(url: String, from: String, to: [String], username: String?, password: String?, timeout: Duration) {
            self.url = url
            self.from = from
            self.to = to
            self.username = username
            self.password = password
            self.timeout = timeout
        }
    }

    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Sends `message` (RFC 5322, CRLF line ends) to every recipient of `envelope`.
    /// - Throws: `FetchError` with the server's or libcurl's reason; the password never appears in it.
    public static func send(_ message: [UInt8], envelope: Envelope) async throws(FetchError) -> Reply {
        let result: Result<Reply, FetchError> = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: perform(message, envelope)) }
            thread.name = "figwatch-smtp"
            thread.start()
        }
        return try result.get()
    }

    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    private static func perform(_ message: [UInt8], _ envelope: Envelope) -> Result<Reply, FetchError> {
        _ = globalInit
        let url = envelope.url
        guard let easy = curl_easy_init() else {
            return .failure(FetchError(.setupFailed, url: url, "curl_easy_init failed"))
        }
        defer { curl_easy_cleanup(easy) }
        let upload = Upload(message)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var recipients: UnsafeMutablePointer<curl_slist>?
        for address in envelope.to { recipients = curl_slist_append(recipients, "<\(address)>") }
        defer { curl_slist_free_all(recipients) }
        let host = URLComponents(string: url)?.host ?? ""
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"
        let timeout = max(Int(envelope.timeout.components.seconds * 1000), 1)
        var codes: [(CURLcode, String)] = [
            (fw_easy_setopt_string(easy, CURLOPT_URL, url), "CURLOPT_URL"),
            (fw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps"), "CURLOPT_PROTOCOLS_STR"),
            (fw_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL"),
            (fw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER"),
            (fw_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeout), "CURLOPT_TIMEOUT_MS"),
            (fw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, min(timeout, 10_000)), "CURLOPT_CONNECTTIMEOUT_MS"),
            (fw_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(envelope.from)>"), "CURLOPT_MAIL_FROM"),
            (fw_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, recipients), "CURLOPT_MAIL_RCPT"),
            (fw_easy_setopt_long(easy, CURLOPT_UPLOAD, 1), "CURLOPT_UPLOAD"),
            (fw_easy_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)), "CURLOPT_INFILESIZE_LARGE"),
            // smtp:// must upgrade with STARTTLS, except on loopback (a local relay, or a test's server).
            (fw_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(loopback ? CURLUSESSL_TRY.rawValue : CURLUSESSL_ALL.rawValue)), "CURLOPT_USE_SSL"),
            (fw_easy_setopt_pointer(easy, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque()), "CURLOPT_READDATA"),
            (fw_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
                let n = min(size * count, upload.bytes.count - upload.offset)
                upload.bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + upload.offset, byteCount: n)
                }
                upload.offset += n
                return n
            }, "CURLOPT_READFUNCTION"),
        ]
        if let username = envelope.username {
            codes.append((fw_easy_setopt_string(easy, CURLOPT_USERNAME, username), "CURLOPT_USERNAME"))
            codes.append((fw_easy_setopt_string(easy, CURLOPT_PASSWORD, envelope.password ?? ""), "CURLOPT_PASSWORD"))
        }
        for (code, option) in codes where code != CURLE_OK {
            return .failure(FetchError(.setupFailed, url: url, "libcurl refused \(option): \(String(cString: curl_easy_strerror(code)))",
                                       curlCode: Int(code.rawValue)))
        }
        let code = withExtendedLifetime(upload) { curl_easy_perform(easy) }
        var reply = 0
        _ = fw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &reply)
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let kind: FetchError.Code = code == CURLE_OPERATION_TIMEDOUT ? .timedOut : .transferFailed
            return .failure(FetchError(kind, url: url, "SMTP: \(reason)" + (reply > 0 ? " (last reply \(reply))" : ""),
                                       curlCode: Int(code.rawValue)))
        }
        return .success(Reply(code: reply))
    }
}
