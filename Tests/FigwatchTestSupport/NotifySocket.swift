import Foundation

/// A real `NOTIFY_SOCKET`: the datagram socket systemd listens on for `sd_notify`, bound
/// by the test so it can see exactly what the daemon tells systemd.
public final class NotifySocket: Sendable {
    public let path: String
    private let fd: Int32
    private let messages = LockedBox<[String]>([])

    public init(directory: URL) throws {
        path = directory.appendingPathComponent("notify.sock").path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        let thread = Thread { [fd, messages] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return }
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                messages.withLock { $0.append(text) }
            }
        }
        thread.start()
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        unlink(path)
    }

    /// Every datagram received so far, in order.
    public var received: [String] { messages.withLock { $0 } }

    /// Every `KEY=value` assignment received so far, in order.
    public var assignments: [String] { received.flatMap { $0.split(separator: "\n").map(String.init) } }

    /// Waits until an assignment satisfying `predicate` arrives; `false` on timeout.
    public func wait(for timeout: Duration, _ predicate: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if assignments.contains(where: predicate) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return assignments.contains(where: predicate)
    }
}
