import FigwatchStore
import PostgresNIO

extension PostgresStore: StoreReadings {
    public func webhookQueueDepth(now: Int64) async throws -> Int {
        let logger = self.logger
        return try await read("count the queued webhooks") { connection in
            let rows = try await connection.query(
                "SELECT count(*) FROM webhook_outbox WHERE delivered_at IS NULL AND expires_at > \(now)", logger: logger)
            for try await row in rows { return Int(try row.decode(Int64.self)) }
            return 0
        }
    }

    public func sizeBytes() async throws -> Int64 {
        let logger = self.logger
        return try await read("read the database size") { connection in
            let rows = try await connection.query("SELECT pg_database_size(current_database())", logger: logger)
            for try await row in rows { return try row.decode(Int64.self) }
            return 0
        }
    }

    public func leasesHeld(now: Int64) async throws -> [String: Int] {
        let logger = self.logger
        return try await read("count the source leases") { connection in
            let rows = try await connection.query("""
                SELECT lease_owner, count(*) FROM sources
                WHERE lease_owner IS NOT NULL AND lease_until > \(now) GROUP BY lease_owner
                """, logger: logger)
            var held: [String: Int] = [:]
            for try await row in rows {
                let (owner, count) = try row.decode((String, Int64).self)
                held[owner] = Int(count)
            }
            return held
        }
    }
}
