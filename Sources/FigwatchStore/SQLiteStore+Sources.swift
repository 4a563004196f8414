import FigwatchCore
import GRDB

extension SQLiteStore {
    private static let sourceColumns = """
        id, url, etag, last_modified, last_status, last_error, consecutive_failures, last_fetched_at,
        next_due_at, lease_owner, lease_until
        """

    public func sources() async throws -> [SourceState] {
        try await read("list sources") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.sourceColumns) FROM sources ORDER BY id").map(Self.sourceState)
        }
    }

    public func source(id: String) async throws -> SourceState? {
        try await read("read source \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.sourceColumns) FROM sources WHERE id = ?", arguments: [id])
                .map(Self.sourceState)
        }
    }

    public func updateSourceState(_ state: SourceState) async throws {
        try await write("update the state of source \(state.id)") { db in
            // Cached: the daemon runs this after every fetch.
            try db.cachedStatement(sql: """
                INSERT INTO sources (id, url, etag, last_modified, last_status, last_error,
                    consecutive_failures, last_fetched_at, next_due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET url = excluded.url, etag = excluded.etag,
                    last_modified = excluded.last_modified, last_status = excluded.last_status,
                    last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
                    last_fetched_at = excluded.last_fetched_at, next_due_at = excluded.next_due_at
                """).execute(arguments: [
                state.id, state.url, state.etag, state.lastModified, state.lastStatus, state.lastError,
                state.consecutiveFailures, state.lastFetchedAt, state.nextDueAt,
            ])
        }
    }

    public func removeSources(notIn ids: Set<String>) async throws {
        let keep = Array(ids)
        try await write("remove unconfigured sources") { db in
            let list = keep.isEmpty ? "" : Array(repeating: "?", count: keep.count).joined(separator: ",")
            let arguments = StatementArguments(keep)
            try db.execute(sql: "DELETE FROM sources WHERE id NOT IN (\(list))", arguments: arguments)
            try db.execute(sql: "DELETE FROM followed_links WHERE source_id NOT IN (\(list))", arguments: arguments)
        }
    }

    public func acquireLease(sourceID: String, owner: String, until: Int64, now: Int64) async throws -> Bool {
        try await write("take the lease of source \(sourceID)") { db in
            try db.execute(
                sql: """
                    UPDATE sources SET lease_owner = ?, lease_until = ?
                    WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until IS NULL OR lease_until <= ?)
                    """,
                arguments: [owner, until, sourceID, owner, now])
            return db.changesCount == 1
        }
    }

    public func newLinks(sourceID: String, among urls: [String]) async throws -> [String] {
        try await read("look up followed links of source \(sourceID)") { db in
            let seen = try db.cachedStatement(
                sql: "SELECT EXISTS (SELECT 1 FROM followed_links WHERE source_id = ? AND url = ?)")
            var result: [String] = []
            var given = Set<String>()
            for url in urls where given.insert(url).inserted {
                if try Bool.fetchOne(seen, arguments: [sourceID, url]) != true {
                    result.append(url)
                }
            }
            return result
        }
    }

    public func markFollowed(sourceID: String, urls: [String], at time: Int64) async throws {
        try await write("record followed links of source \(sourceID)") { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO followed_links (source_id, url, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
                """)
            for url in urls {
                try insert.execute(arguments: [sourceID, url, time])
            }
        }
    }

    private static func sourceState(_ row: Row) -> SourceState {
        SourceState(
            id: row["id"], url: row["url"], etag: row["etag"], lastModified: row["last_modified"],
            lastStatus: row["last_status"], lastError: row["last_error"],
            consecutiveFailures: row["consecutive_failures"], lastFetchedAt: row["last_fetched_at"],
            nextDueAt: row["next_due_at"], leaseOwner: row["lease_owner"], leaseUntil: row["lease_until"])
    }
}
