import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small SMTP server on 127.0.0.1 for tests: EHLO (offering AUTH PLAIN and LOGIN, no STARTTLS),
/// AUTH, MAIL FROM, RCPT TO, DATA, QUIT, one connection at a time on a thread of its own. It keeps
/// every message it accepted with its envelope and the login used.
public final class TestSMTPServer: Sendable {
    public struct Mail: Sendable {
        public var from: String
        public var recipients: [String]
        /// The DATA as received (CRLF line ends, dot-stuffing undone, without the final ".").
        public var data: String
        /// `user:password` from AUTH PLAIN or LOGIN, if any.
        public var login: String?

        /// The value of a header (unfolded), case-insensitively.
        public func header(_ name: String) -> String? {
            let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
            var unfolded: [String] = []
            for line in head.components(separatedBy: "\r\n") {
                if line.hasPrefix(" ") || line.hasPrefix("\t"), !unfolded.isEmpty {
                    unfolded[unfolded.count - 1] += line
                } else {
                    unfolded.append(line)
                }
            }
            let prefix = name.lowercased() + ":"
            return unfolded.first { $0.lowercased().hasPrefix(prefix) }.map {
                String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            }
        }

        public var body: String { data.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n") }
    }

    public let port: Int
    private let listener: Int32
    private let received = Mutex<[Mail]>([])

    public var mails: [Mail] { received.withLock { $0 } }

    public struct Failure: Error {}

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure() }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw Failure()
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// Stops accepting; the serving thread ends.
    public func shutdown() {
        Glibc.shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            serve(client)
            close(client)
        }
    }

    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        func send(_ line: String) { _ = Array((line + "\r\n").utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
        func readLine() -> String? {
            while true {
                if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(buffer[..<end])
                    buffer.removeSubrange(...end)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { return nil }
                buffer += chunk[..<n]
            }
        }
        func decode(_ base64: String) -> String { String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self) }
        send("220 figwatch-test ESMTP")
        var mail = Mail(from: "", recipients: [], data: "", login: nil)
        while let line = readLine() {
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                send("250-figwatch-test")
                send("250-AUTH PLAIN LOGIN")
                send("250 8BITMIME")
            } else if upper.hasPrefix("HELO") {
                send("250 figwatch-test")
            } else if upper.hasPrefix("AUTH PLAIN") {
                var token = String(line.dropFirst("AUTH PLAIN".count)).trimmingCharacters(in: .whitespaces)
                if token.isEmpty {
                    send("334 ")
                    token = readLine() ?? ""
                }
                let parts = decode(token).split(separator: "\0", omittingEmptySubsequences: false)
                mail.login = parts.count == 3 ? "\(parts[1]):\(parts[2])" : nil
                send("235 2.7.0 Authentication successful")
            } else if upper.hasPrefix("AUTH LOGIN") {
                send("334 VXNlcm5hbWU6")
                let user = decode(readLine() ?? "")
                send("334 UGFzc3dvcmQ6")
                let password = decode(readLine() ?? "")
                mail.login = "\(user):\(password)"
                send("235 2.7.0 Authentication successful")
            } else if upper.hasPrefix("MAIL FROM:") {
                mail.from = Self.address(line)
                send("250 2.1.0 Ok")
            } else if upper.hasPrefix("RCPT TO:") {
                mail.recipients.append(Self.address(line))
                send("250 2.1.5 Ok")
            } else if upper == "DATA" {
                send("354 End data with <CR><LF>.<CR><LF>")
                var lines: [String] = []
                while let dataLine = readLine(), dataLine != "." {
                    lines.append(dataLine.hasPrefix("..") ? String(dataLine.dropFirst()) : dataLine)
                }
                mail.data = lines.joined(separator: "\r\n")
                let accepted = mail
                received.withLock { $0.append(accepted) }
                mail = Mail(from: "", recipients: [], data: "", login: mail.login)
                send("250 2.0.0 Ok: queued as TEST\(mails.count)")
            } else if upper == "QUIT" {
                send("221 2.0.0 Bye")
                return
            } else if upper == "RSET" || upper == "NOOP" {
                send("250 Ok")
            } else {
                send("502 5.5.2 Error: command not recognized")
            }
        }
    }

    private static func address(_ line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">") else { return "" }
        return String(line[line.index(after: open)..<close])
    }
}
