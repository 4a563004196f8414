import Foundation

/// Watches the folders of the configuration files with inotify and reports changes.
///
/// Folders, not files: editors save by writing a new file and renaming it over the
/// old one, which a watch on the file itself would miss. Events for other files in
/// the folders are ignored. (Foundation's file-system DispatchSource does not exist on
/// Linux.) A dedicated thread blocks in `poll`; a pipe wakes it to stop.
public final class ConfigWatcher: Sendable {
    private let inotifyFD: Int32
    private let wakePipe: (read: Int32, write: Int32)
    public let changes: AsyncStream<Void>

    /// - Parameter files: the configuration files (main and included) to watch.
    public init?(files: [String]) {
        let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { return nil }
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            close(fd)
            return nil
        }
        // Alert commands are started from this process: they must not inherit these.
        _ = fcntl(pipeFDs[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeFDs[1], F_SETFD, FD_CLOEXEC)
        let absolute = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var names = Set<String>()
        var directories = Set<String>()
        for file in absolute {
            names.insert((file as NSString).lastPathComponent)
            directories.insert((file as NSString).deletingLastPathComponent)
        }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB)
        for directory in directories {
            _ = inotify_add_watch(fd, directory, mask)
        }
        inotifyFD = fd
        wakePipe = (pipeFDs[0], pipeFDs[1])
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        changes = stream
        let thread = Thread { [fd, wakeFD = pipeFDs[0], names] in
            Self.loop(fd: fd, wakeFD: wakeFD, names: names, continuation: continuation)
        }
        thread.name = "figwatch-config-watcher"
        thread.start()
    }

    /// Stops the thread; `changes` then finishes.
    public func stop() {
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    deinit {
        stop()
    }

    private static func loop(fd: Int32, wakeFD: Int32, names: Set<String>, continuation: AsyncStream<Void>.Continuation) {
        defer {
            continuation.finish()
            close(fd)
            close(wakeFD)
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0, fds[1].revents == 0 else { return }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var relevant = false
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (length, name) = buffer.withUnsafeBytes { raw -> (Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let bytes = raw[start..<min(start + Int(event.len), count)].prefix { $0 != 0 }
                    return (Int(event.len), String(decoding: bytes, as: UTF8.self))
                }
                if names.contains(name) { relevant = true }
                offset += MemoryLayout<inotify_event>.size + length
            }
            if relevant { continuation.yield() }
        }
    }
}
