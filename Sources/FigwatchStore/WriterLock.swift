#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock of a store: an exclusive `flock` on `<store>.lock`, held while the store lives.
///
/// SQLite itself would let two daemons write the same file, interleaving their transactions and
/// double-counting every figure. `flock` locks belong to the open file description, so the kernel drops
/// the lock when the process dies, even by `kill -9`: a crashed daemon never leaves a stale lock behind.
/// The holder's pid is written into the file only to name it in the error a second writer gets.
final class WriterLock: Sendable {
    let path: String
    private let descriptor: Int32

    /// Takes the lock or throws `StoreError.locked` at once; never waits.
    init(path: String, storePath: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError(.openFailed, "cannot open the lock file \(path) of store \(storePath): \(reason)")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let holder = WriterLock.holderPID(fd)
            close(fd)
            if failure == EWOULDBLOCK {
                let who = holder.map { "process \($0)" } ?? "another process"
                throw StoreError(
                    .locked,
                    "store \(storePath) is already open for writing by \(who) (lock \(path)); "
                        + "only one figwatch daemon may write a store, open it read-only to query it")
            }
            throw StoreError(.openFailed, "cannot lock \(path) of store \(storePath): \(String(cString: strerror(failure)))")
        }
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 {
            _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        self.path = path
        self.descriptor = fd
    }

    deinit {
        // Closing the descriptor releases the lock; the file stays so its inode is stable for the next holder.
        close(descriptor)
    }

    private static func holderPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let digits = buffer[0..<count].filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return Int32(String(decoding: digits, as: UTF8.self))
    }
}
