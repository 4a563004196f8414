import FigwatchCore
import FigwatchStore
import Logging

/// Pages fetched while the shared database is away, kept in memory until it returns.
///
/// A daemon keeps fetching the sources it holds when the database goes away (a restart, a failover); the
/// pages it could not commit wait here, at most `capacity` of them: beyond that the oldest is dropped and
/// counted in the log (its source is fetched again in a later interval, so a drop delays a figure, it
/// does not lose a page for good). `flush` commits them in order once the database answers. `append` is
/// idempotent (a page with the same content hash adds nothing, a figure already stored that day is merged),
/// so a page both buffered here and fetched again by another daemon is stored once.
actor PendingResults {
    struct Entry: Sendable {
        var page: PageRecord
        var figures: [Figure]
        var sourceID: String
        var attempts = 0
    }

    let capacity: Int
    private var entries: [Entry] = []
    private(set) var dropped = 0
    private let logger: Logger

    /// An entry that still fails this often while the database answers other calls is given up.
    static let maxAttempts = 20

    init(capacity: Int, logger: Logger) {
        self.capacity = max(1, capacity)
        self.logger = logger
    }

    var count: Int { entries.count }

    func add(page: PageRecord, figures: [Figure], sourceID: String) {
        if entries.count >= capacity {
            entries.removeFirst()
            dropped += 1
            if dropped == 1 || dropped.isMultiple(of: 100) {
                logger.warning("The database is still away: dropping the oldest pages waiting to be stored.", metadata: [
                    "event": "pending_dropped", "dropped": "\(dropped)", "capacity": "\(capacity)",
                ])
            }
        }
        entries.append(Entry(page: page, figures: figures, sourceID: sourceID))
        if entries.count == 1 {
            logger.warning("The database is away: keeping fetched pages in memory until it returns.", metadata: [
                "event": "pending_started", "capacity": "\(capacity)",
            ])
        }
    }

    /// Commits the waiting pages in order until one fails; returns how many were committed.
    func flush(to store: any FigureWriter) async -> Int {
        var committed = 0
        while let entry = entries.first {
            do {
                _ = try await store.append(page: entry.page, figures: entry.figures, sourceID: entry.sourceID)
                entries.removeFirst()
                committed += 1
            } catch {
                if entries.first?.page == entry.page {
                    entries[0].attempts += 1
                    if entries[0].attempts >= Self.maxAttempts {
                        logger.error("Giving up a page that cannot be stored: \(error)", metadata: [
                            "source": "\(entry.sourceID)", "url": "\(entry.page.url)",
                        ])
                        entries.removeFirst()
                        continue
                    }
                }
                break
            }
        }
        if committed > 0 {
            logger.notice("The database is back: stored the pages fetched while it was away.", metadata: [
                "event": "pending_flushed", "pages": "\(committed)", "dropped": "\(dropped)", "waiting": "\(entries.count)",
            ])
            if entries.isEmpty { dropped = 0 }
        }
        return committed
    }
}
