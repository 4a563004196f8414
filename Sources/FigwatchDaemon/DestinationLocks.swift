import Synchronization

/// The destinations senders are working, so that overlapping `deliverDue` calls never work one twice at
/// once, and never send from a reading of the queue taken before another call's last marks on it. One
/// call at a time reads the queue: should the store hang, calls do not pile up on it (each would hold a
/// database connection the alert pass and the sources need).
final class DestinationLocks: Sendable {
    private struct State {
        var epoch: UInt64 = 0
        var busy: Set<String> = []
        var reading = false
        /// The epoch at which each destination was last released.
        var released: [String: UInt64] = [:]
    }

    private let state = Mutex(State())

    /// Before reading the queue: the current epoch and the destinations being worked; `nil` while
    /// another call reads it. `endReading()` follows once the reading is done.
    func beginReading() -> (epoch: UInt64, busy: Set<String>)? {
        state.withLock {
            guard !$0.reading else { return nil }
            $0.reading = true
            return ($0.epoch, $0.busy)
        }
    }

    func endReading() {
        state.withLock { $0.reading = false }
    }

    /// Takes `destination` for a call whose reading of the queue began at `epoch`; false when another
    /// call works it, or released it after that reading began (the reading may predate its marks).
    func claim(_ destination: String, readAt epoch: UInt64) -> Bool {
        state.withLock {
            guard !$0.busy.contains(destination), ($0.released[destination] ?? 0) <= epoch else { return false }
            $0.busy.insert(destination)
            return true
        }
    }

    func release(_ destination: String) {
        state.withLock {
            $0.epoch += 1
            $0.released[destination] = $0.epoch
            $0.busy.remove(destination)
        }
    }

    /// How many destinations are being worked.
    var count: Int { state.withLock { $0.busy.count } }
}
