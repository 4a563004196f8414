import FigwatchConfig
import Foundation

/// Which source runs are in flight, and whether another may start: at most `total` in all
/// and `perHost` to one host.
///
/// A run in flight is a task holding its async frames (several KB, more while it parses and
/// stores a page). Launched beyond what the fetcher can serve, a run only waits in the
/// fetcher's queue or at the `HostGate`, and its memory waits with it: launching every due
/// source at once kept about 1,000 tasks alive in a daemon watching 1,000 sources at 1 s
/// (9 MB of task frames, measured with heaptrack). Due sources that find no slot stay in
/// their schedule, a few bytes each, and start as runs finish.
///
/// The per-host bound keeps one busy host from taking every slot: with `per_host_delay`,
/// runs for one host pass the gate one at a time, and without a per-host bound a backlog of
/// one site's sources would hold up every other site's.
struct RunSlots {
    /// Twice what the fetcher runs at once: a run also parses and stores after its fetch, and
    /// the fetcher should find the next request already queued when a transfer ends.
    static let headroom = 2

    private(set) var total: Int
    private(set) var perHost: Int
    /// Source id to the host its run was counted against.
    private var running: [String: String] = [:]
    private var perHostRunning: [String: Int] = [:]

    init(concurrency: Int, perHostConcurrency: Int) {
        total = Self.headroom * max(1, concurrency)
        perHost = Self.headroom * max(1, perHostConcurrency)
    }

    init(_ fetch: Configuration.Fetch) {
        self.init(concurrency: fetch.concurrency, perHostConcurrency: fetch.perHostConcurrency)
    }

    /// New limits (on reload); runs in flight keep their slots, and no new run starts while
    /// more than the new limits are in flight.
    mutating func resize(concurrency: Int, perHostConcurrency: Int) {
        let resized = RunSlots(concurrency: concurrency, perHostConcurrency: perHostConcurrency)
        total = resized.total
        perHost = resized.perHost
    }

    var count: Int { running.count }
    var isEmpty: Bool { running.isEmpty }

    func contains(_ id: String) -> Bool { running[id] != nil }

    /// The sources whose runs are in flight (a shared store's leases are renewed for these).
    var ids: Dictionary<String, String>.Keys { running.keys }

    /// Whether a run for `host` may start now.
    func hasRoom(forHost host: String) -> Bool {
        running.count < total && perHostRunning[host, default: 0] < perHost
    }

    /// Counts `id`'s run as in flight; call only when `hasRoom(forHost:)` said so.
    mutating func take(_ id: String, host: String) {
        guard running[id] == nil else { return }
        running[id] = host
        perHostRunning[host, default: 0] += 1
    }

    /// Frees the slot of `id`'s run; harmless for a run not counted.
    mutating func release(_ id: String) {
        guard let host = running.removeValue(forKey: id) else { return }
        let left = perHostRunning[host, default: 1] - 1
        perHostRunning[host] = left > 0 ? left : nil
    }

    /// The key runs are counted under: the URL's host, lowercased (empty for `file://`).
    static func hostKey(of url: String) -> String {
        URLComponents(string: url)?.host?.lowercased() ?? ""
    }
}
