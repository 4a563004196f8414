import Foundation

/// A Unix datagram socket bound by a test, collecting what a process sends to it:
/// systemd's `NOTIFY_SOCKET`, or the journal's native socket.
public final class DatagramListener: Sendable {
    public let path: String
    private let fd: Int32
    private let datagrams = LockedBox<[(at: ContinuousClock.Instant, bytes: [UInt8])]>([])

    public init(path: String) throws {
        self.path = path
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
        guard bound == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        let collected = datagrams
        let thread = Thread { [fd] in
            var buffer = [UInt8](repeating: 0, count: 256 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return }
                // Stamped here, on this thread: a starved test task must not skew the time.
                let datagram = (at: ContinuousClock.now, bytes: Array(buffer[0..<count]))
                collected.withLock { $0.append(datagram) }
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
    public var received: [[UInt8]] { datagrams.withLock { $0.map(\.bytes) } }

    /// Every datagram with the moment it arrived.
    public var stamped: [(at: ContinuousClock.Instant, bytes: [UInt8])] { datagrams.withLock { $0 } }
}

/// A real `NOTIFY_SOCKET`: what the daemon tells systemd, as `KEY=value` assignments.
public final class NotifySocket: Sendable {
    private let listener: DatagramListener
    public var path: String { listener.path }

    public init(directory: URL) throws {
        listener = try DatagramListener(path: directory.appendingPathComponent("notify.sock").path)
    }

    /// Every `KEY=value` assignment received so far, in order.
    public var assignments: [String] {
        listener.received.flatMap { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init) }
    }

    /// When an assignment satisfying `predicate` first arrived.
    public func arrival(of predicate: (String) -> Bool) -> ContinuousClock.Instant? {
        listener.stamped.first { datagram in
            String(decoding: datagram.bytes, as: UTF8.self).split(separator: "\n").contains { predicate(String($0)) }
        }?.at
    }

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

/// Entries of the journal's native protocol: `FIELD=value` lines, or, for values with
/// newlines, `FIELD\n` + 64-bit little-endian length + bytes + `\n`.
public enum JournalEntry {
    public static func parse(_ datagram: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        var i = 0
        while i < datagram.count {
            guard let end = datagram[i...].firstIndex(where: { $0 == 10 || $0 == 61 }) else { break }
            let name = String(decoding: datagram[i..<end], as: UTF8.self)
            if datagram[end] == 61 {  // '='
                let lineEnd = datagram[(end + 1)...].firstIndex(of: 10) ?? datagram.count
                fields[name] = String(decoding: datagram[(end + 1)..<lineEnd], as: UTF8.self)
                i = lineEnd + 1
            } else {
                guard end + 9 <= datagram.count else { break }
                var length = 0
                for k in 0..<8 { length |= Int(datagram[end + 1 + k]) << (8 * k) }
                let start = end + 9
                guard start + length <= datagram.count else { break }
                fields[name] = String(decoding: datagram[start..<(start + length)], as: UTF8.self)
                i = start + length + 1
            }
        }
        return fields
    }
}
