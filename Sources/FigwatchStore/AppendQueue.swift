import Synchronization

/// Group commit for `SQLiteStore.append`: pages handed in while the writer is busy wait here, and the
/// next write transaction takes all of them (up to a limit) at once, then those that arrive while it
/// writes them (`takeMore`), and commits when none is left waiting.
///
/// Each page still commits atomically, and `append` returns only after the transaction holding it has
/// committed, so "every page whose append returned is in the store" holds as before. What changes is
/// the cost: the index pages a page's figures touch (the series index has one insertion point per
/// entity) are written to the WAL once per transaction, not once per page, which was most of the
/// append time when every page had its own commit.
final class AppendQueue: Sendable {
    /// Limits for one transaction, so a backlog is committed in steps that each hold the writer briefly.
    static let maxPages = 256
    static let maxFigures = 8_192

    private let waiting = Mutex<[PendingAppend]>([])
    private let committed = Atomic<Int>(0)

    func add(_ job: PendingAppend) {
        waiting.withLock { $0.append(job) }
    }

    /// The oldest waiting pages, within the limits, when `job` is still among them; none when an
    /// earlier transaction has taken it.
    ///
    /// Each append queues one writer block, in arrival order. Were every block to take whatever waits,
    /// the blocks of pages an earlier transaction took would each commit the one or two pages that
    /// arrived meanwhile; leaving those blocks empty lets the pages gather until the block of the first
    /// page not yet taken comes up, so a transaction holds everything that arrived during the one before.
    func take(for job: PendingAppend) -> [PendingAppend] {
        waiting.withLock { waiting in
            guard waiting.contains(where: { $0 === job }) else { return [] }
            return Self.takeOldest(from: &waiting, pages: 0, figures: 0)
        }
    }

    /// The pages that arrived while a transaction already holding `pages` pages and `figures` figures
    /// was writing its own, as many as fit within the limits.
    func takeMore(pages: Int, figures: Int) -> [PendingAppend] {
        waiting.withLock { Self.takeOldest(from: &$0, pages: pages, figures: figures) }
    }

    private static func takeOldest(from waiting: inout [PendingAppend], pages: Int, figures: Int) -> [PendingAppend] {
        var pages = pages, figures = figures, count = 0
        for job in waiting {
            if pages > 0, pages == maxPages || figures + job.figures.count > maxFigures { break }
            pages += 1
            figures += job.figures.count
            count += 1
        }
        let taken = Array(waiting.prefix(count))
        waiting.removeFirst(count)
        return taken
    }

    /// Pages waiting for a transaction (for tests).
    var waitingCount: Int { waiting.withLock { $0.count } }

    func countTransaction() {
        committed.add(1, ordering: .relaxed)
    }

    /// Write transactions that held appended pages, since the store was opened.
    var transactions: Int { committed.load(ordering: .relaxed) }
}

/// One page on its way into the store, and the outcome of the transaction that took it.
final class PendingAppend: Sendable {
    let page: PageRecord
    let figures: StoredFigures
    let sourceID: String?
    /// `page.host`, worked out by the appending task (it parses the URL), not by the writer.
    let host: String
    private let state = Mutex<(outcome: Result<AppendResult, any Error>?, waiters: [CheckedContinuation<Void, Never>])>(
        (nil, []))

    init(page: PageRecord, figures: StoredFigures, sourceID: String?) {
        self.page = page
        self.figures = figures
        self.sourceID = sourceID
        host = page.host
    }

    func finish(_ outcome: Result<AppendResult, any Error>) {
        let waiters = state.withLock { state in
            state.outcome = outcome
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until a transaction has taken this page and ended.
    func outcome() async -> Result<AppendResult, any Error> {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.outcome != nil { return true }
                state.waiters.append(waiter)
                return false
            }
            if ready { waiter.resume() }
        }
        return state.withLock { $0.outcome! }
    }
}
