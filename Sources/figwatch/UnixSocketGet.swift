import Foundation

/// One HTTP GET (`Connection: close`, read to the end) over a Unix domain socket, for `figwatch health` against `http.listen: /path`
/// (the fetcher speaks TCP only).
enum UnixSocketGet {
    static func get(socket path: String, path request: String, credentials: (String, String)?, timeout: Int) throws
        -> (Int, String)
    {
        let fd = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CLIError.runtime("cannot create a socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw CLIError.usage("\(path): a Unix socket path must be shorter than 108 bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            throw CLIError.runtime("cannot connect to \(path): \(String(cString: strerror(errno)))")
        }
        var head = "GET \(request) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nUser-Agent: figwatch-health\r\n"
        if let (user, password) = credentials {
            head += "Authorization: Basic \(Data("\(user):\(password)".utf8).base64EncodedString())\r\n"
        }
        let message = Array((head + "\r\n").utf8)
        guard message.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == message.count else {
            throw CLIError.runtime("cannot write to \(path): \(String(cString: strerror(errno)))")
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while response.count < 1 << 20 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = parts.first?.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        guard let status else { throw CLIError.runtime("\(path): no HTTP answer") }
        return (status, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
