import GRDB

extension SQLiteStore {
    public func prune(olderThan cutoff: Int64) async throws -> PruneResult {
        let result = try await write("delete what is older than \(cutoff)") { db in
            var result = PruneResult()
            // sightings go with their observation (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM observations WHERE time < ?", arguments: [cutoff])
            result.observations = db.changesCount
            // A page stays while an observation cites it, as its first page or a further one. `NOT IN`
            // reads observations' pages once into a temporary index (they have no index by page).
            try db.execute(
                sql: """
                    DELETE FROM pages WHERE fetched_at < ?
                        AND id NOT IN (SELECT page_id FROM observations)
                        AND NOT EXISTS (SELECT 1 FROM sightings s WHERE s.page_id = pages.id)
                    """,
                arguments: [cutoff])
            result.pages = db.changesCount
            try db.execute(sql: "DELETE FROM followed_links WHERE first_seen_at < ?", arguments: [cutoff])
            result.followedLinks = db.changesCount
            try db.execute(sql: "DELETE FROM alert_history WHERE at < ?", arguments: [cutoff])
            result.alertEvents = db.changesCount
            try db.execute(
                sql: "DELETE FROM webhook_outbox WHERE (delivered_at IS NOT NULL AND delivered_at < ?) OR expires_at < ?",
                arguments: [cutoff, cutoff])
            result.webhooks = db.changesCount
            // What a silence muted is history older than its end, gone with it.
            try db.execute(sql: "DELETE FROM silences WHERE ends_at < ? OR expired_at < ?", arguments: [cutoff, cutoff])
            result.silences = db.changesCount
            return result
        }
        try await releaseFreePages()
        return result
    }

    /// Applies `options.maxAge` at `now`; does nothing when the store keeps everything.
    public func applyRetention(now: Int64) async throws -> PruneResult {
        guard let maxAge = options.maxAge else { return PruneResult() }
        return try await prune(olderThan: now - maxAge)
    }

    /// Hands the pages freed by deletions back to the file system (auto_vacuum = INCREMENTAL), so the
    /// file shrinks without a VACUUM (which would rewrite the whole file and block the writer).
    /// Pages freed but not released are reused by later inserts anyway: the file stays steady either way.
    func releaseFreePages() async throws {
        guard options.access == .readWrite else { return }
        do {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA incremental_vacuum")
            }
        } catch {
            throw StoreError(.database, "cannot release free pages of store \(path)", underlying: error)
        }
    }

    /// Size facts of the main file, for tests and diagnostics (e.g. to show steady size under churn).
    public func fileStatistics() async throws -> StoreFileStatistics {
        try await read("read file statistics") { db in
            StoreFileStatistics(
                pageCount: try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                freePages: try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0,
                pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                incrementalVacuum: try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") == 2)
        }
    }
}

/// The main file's size in SQLite pages, and whether freed pages can be handed back without VACUUM.
public struct StoreFileStatistics: Sendable, Hashable {
    public var pageCount: Int
    /// Pages on the free list: reused by later inserts, released by `PRAGMA incremental_vacuum`.
    public var freePages: Int
    public var pageSize: Int
    /// `auto_vacuum = INCREMENTAL`, which must be chosen before the first table is created.
    public var incrementalVacuum: Bool

    public var bytes: Int { pageCount * pageSize }
}
