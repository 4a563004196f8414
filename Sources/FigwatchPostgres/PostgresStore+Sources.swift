import FigwatchCore
import FigwatchStore
import PostgresNIO

extension PostgresStore {
    static let sourceColumns = """
        id, url, etag, last_modified, last_status, last_error, consecutive_failures, last_fetched_at,
        next_due_at, lease_owner, lease_until
        """

    public func sources() async throws -> [SourceState] {
        let logger = self.logger
        return try await read("list sources") { connection in
            try await Self.sourceStates(
                connection.query(PostgresQuery(unsafeSQL: "SELECT \(Self.sourceColumns) FROM sources ORDER BY id"),
                                 logger: logger))
        }
    }

    public func source(id: String) async throws -> SourceState? {
        let logger = self.logger
        return try await read("read source \(id)") { connection in
            var bindings = PostgresBindings()
            bindings.append(id)
            return try await Self.sourceStates(connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.sourceColumns) FROM sources WHERE id = $1", binds: bindings),
                logger: logger)).first
        }
    }

    public func updateSourceState(_ state: SourceState) async throws {
        let logger = self.logger
        let status = state.lastStatus.map(Int64.init)
        let failures = Int64(state.consecutiveFailures)
        try await write("update the state of source \(state.id)") { connection in
            _ = try await connection.query("""
                INSERT INTO sources (id, url, etag, last_modified, last_status, last_error, consecutive_failures,
                    last_fetched_at, next_due_at)
                VALUES (\(state.id), \(state.url), \(state.etag), \(state.lastModified), \(status), \(state.lastError),
                    \(failures), \(state.lastFetchedAt), \(state.nextDueAt))
                ON CONFLICT (id) DO UPDATE SET url = excluded.url, etag = excluded.etag,
                    last_modified = excluded.last_modified, last_status = excluded.last_status,
                    last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
                    last_fetched_at = excluded.last_fetched_at, next_due_at = excluded.next_due_at
                """, logger: logger)
        }
    }

    public func removeSources(notIn ids: Set<String>) async throws {
        let keep = ids.sorted()
        let logger = self.logger
        try await write("remove unconfigured sources") { connection in
            try await connection.query("DELETE FROM sources WHERE NOT (id = ANY(\(keep)))", logger: logger)
            try await connection.query("DELETE FROM followed_links WHERE NOT (source_id = ANY(\(keep)))", logger: logger)
        }
    }

    public func acquireLease(sourceID: String, owner: String, until: Int64, now: Int64) async throws -> Bool {
        let logger = self.logger
        return try await write("take the lease of source \(sourceID)") { connection in
            try await connection.query("""
                UPDATE sources SET lease_owner = \(owner), lease_until = \(until)
                WHERE id = \(sourceID) AND (lease_owner IS NULL OR lease_owner = \(owner) OR lease_until IS NULL
                    OR lease_until <= \(now))
                RETURNING id
                """, logger: logger).collect().count == 1
        }
    }

    public func newLinks(sourceID: String, among urls: [String]) async throws -> [String] {
        var given = Set<String>()
        let candidates = urls.filter { given.insert($0).inserted }
        guard !candidates.isEmpty else { return [] }
        let logger = self.logger
        return try await read("look up followed links of source \(sourceID)") { connection in
            var seen = Set<String>()
            for try await url in try await connection.query("""
                SELECT url FROM followed_links WHERE source_id = \(sourceID) AND url = ANY(\(candidates))
                """, logger: logger).decode(String.self) {
                seen.insert(url)
            }
            return candidates.filter { !seen.contains($0) }
        }
    }

    public func markFollowed(sourceID: String, urls: [String], at time: Int64) async throws {
        guard !urls.isEmpty else { return }
        let logger = self.logger
        try await write("record followed links of source \(sourceID)") { connection in
            _ = try await connection.query("""
                INSERT INTO followed_links (source_id, url, first_seen_at)
                SELECT \(sourceID), url, \(time) FROM unnest(\(urls)) AS given(url)
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    static func sourceStates(_ rows: PostgresRowSequence) async throws -> [SourceState] {
        var states: [SourceState] = []
        for try await row in rows {
            let (id, url, etag, lastModified, lastStatus, lastError, failures, lastFetchedAt, nextDueAt, owner, until) =
                try row.decode(
                    (String, String, String?, String?, Int?, String?, Int, Int64?, Int64?, String?, Int64?).self)
            states.append(SourceState(
                id: id, url: url, etag: etag, lastModified: lastModified, lastStatus: lastStatus, lastError: lastError,
                consecutiveFailures: failures, lastFetchedAt: lastFetchedAt, nextDueAt: nextDueAt, leaseOwner: owner,
                leaseUntil: until))
        }
        return states
    }
}
