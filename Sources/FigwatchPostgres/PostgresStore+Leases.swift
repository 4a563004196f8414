import FigwatchStore
import PostgresNIO

/// Sharing the sources between daemons: each claims the due ones in small batches with a lease that
/// it renews while fetching; a daemon that dies stops renewing, its leases expire, and the others
/// claim those sources on their next pass.
extension PostgresStore: SharedSourceStore {
    public func registerSources(_ sources: [SourceState]) async throws {
        guard !sources.isEmpty else { return }
        let ids = sources.map(\.id), urls = sources.map(\.url), due = sources.map { $0.nextDueAt ?? 0 }
        let logger = self.logger
        try await write("register \(sources.count) sources") { connection in
            _ = try await connection.query("""
                INSERT INTO sources (id, url, next_due_at)
                SELECT * FROM unnest(\(ids)::text[], \(urls)::text[], \(due)::bigint[])
                ON CONFLICT (id) DO NOTHING
                """, logger: logger)
        }
    }

    public func completeSource(_ state: SourceState, owner: String) async throws -> Bool {
        let logger = self.logger
        let status = state.lastStatus.map(Int64.init)
        let failures = Int64(state.consecutiveFailures)
        return try await write("complete the fetch of source \(state.id)") { connection in
            try await connection.query("""
                UPDATE sources SET url = \(state.url), etag = \(state.etag), last_modified = \(state.lastModified),
                    last_status = \(status), last_error = \(state.lastError), consecutive_failures = \(failures),
                    last_fetched_at = \(state.lastFetchedAt), next_due_at = \(state.nextDueAt), lease_until = NULL
                WHERE id = \(state.id) AND lease_owner = \(owner)
                RETURNING id
                """, logger: logger).collect().count == 1
        }
    }

    /// Claims up to `limit` sources that are due at `now` and not leased by anyone (or whose lease has
    /// expired), leasing them to `owner` for `leaseFor` milliseconds; oldest due first.
    ///
    /// `FOR UPDATE SKIP LOCKED` lets daemons claiming at the same moment take disjoint batches without
    /// waiting for each other: a row another claim has locked is simply passed over.
    public func claimDueSources(owner: String, now: Int64, limit: Int, leaseFor: Int64) async throws -> [SourceState] {
        let until = now + leaseFor
        let logger = self.logger
        let query = PostgresQuery(unsafeSQL: """
            WITH due AS (
                SELECT id FROM sources
                WHERE (next_due_at IS NULL OR next_due_at <= $1)
                    AND (lease_owner IS NULL OR lease_until IS NULL OR lease_until <= $1)
                ORDER BY next_due_at NULLS FIRST, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            UPDATE sources s SET lease_owner = $3, lease_until = $4
            FROM due WHERE s.id = due.id
            RETURNING s.id, s.url, s.etag, s.last_modified, s.last_status, s.last_error, s.consecutive_failures,
                s.last_fetched_at, s.next_due_at, s.lease_owner, s.lease_until
            """, binds: Self.bindings(now, Int64(limit), owner, until))
        let claimed = try await write("claim due sources for \(owner)") { connection in
            try await Self.sourceStates(connection.query(query, logger: logger))
        }
        return claimed.sorted { ($0.nextDueAt ?? .min, $0.id) < ($1.nextDueAt ?? .min, $1.id) }
    }

    /// Extends `owner`'s leases of `sourceIDs` to `until`; returns the ids it still held (a lease that
    /// expired and was claimed by another daemon is not renewed: that source is no longer ours).
    public func renewLeases(owner: String, sourceIDs: [String], until: Int64) async throws -> Set<String> {
        let logger = self.logger
        return try await write("renew the leases of \(owner)") { connection in
            var renewed = Set<String>()
            for try await id in try await connection.query("""
                UPDATE sources SET lease_until = \(until) WHERE lease_owner = \(owner) AND id = ANY(\(sourceIDs))
                RETURNING id
                """, logger: logger).decode(String.self) {
                renewed.insert(id)
            }
            return renewed
        }
    }

    /// Gives up `owner`'s leases of `sourceIDs` (after their fetch is stored), so they are free at once.
    public func releaseLeases(owner: String, sourceIDs: [String]) async throws {
        let logger = self.logger
        try await write("release the leases of \(owner)") { connection in
            _ = try await connection.query("""
                UPDATE sources SET lease_owner = NULL, lease_until = NULL
                WHERE lease_owner = \(owner) AND id = ANY(\(sourceIDs))
                """, logger: logger)
        }
    }

    private static func bindings(_ now: Int64, _ limit: Int64, _ owner: String, _ until: Int64) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(now)
        bindings.append(limit)
        bindings.append(owner)
        bindings.append(until)
        return bindings
    }
}
