import FigwatchStore
import Logging
import PostgresNIO

extension PostgresStore {
    private static let silenceColumns =
        "id, rule, entity, starts_at, ends_at, comment, created_by, created_at, expired_at"

    public func addSilence(_ silence: Silence) async throws -> Silence {
        let logger = self.logger
        return try await write("add a silence of alert rule \(silence.rule)") { connection in
            let rows = try await connection.query("""
                INSERT INTO silences (rule, entity, starts_at, ends_at, comment, created_by, created_at, expired_at)
                VALUES (\(silence.rule), \(silence.entity), \(silence.startsAt), \(silence.endsAt), \(silence.comment),
                    \(silence.createdBy), \(silence.createdAt), \(silence.expiredAt))
                RETURNING id
                """, logger: logger)
            var added = silence
            for try await id in rows.decode(Int64.self) { added.id = id }
            return added
        }
    }

    public func silences() async throws -> [Silence] {
        let logger = self.logger
        return try await read("read silences") { connection in
            try await Self.silences(connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.silenceColumns) FROM silences ORDER BY id"), logger: logger))
        }
    }

    public func expireSilence(id: Int64, at time: Int64) async throws -> Silence? {
        let logger = self.logger
        return try await write("expire silence \(id)") { connection in
            try await connection.query(
                "UPDATE silences SET expired_at = \(time) WHERE id = \(id) AND expired_at IS NULL", logger: logger)
            var bindings = PostgresBindings()
            bindings.append(id)
            return try await Self.silences(connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.silenceColumns) FROM silences WHERE id = $1", binds: bindings),
                logger: logger)).first
        }
    }

    public func silences(rule: String, activeAt time: Int64) async throws -> [Silence] {
        let logger = self.logger
        return try await read("read the silences of alert rule \(rule)") { connection in
            try await Self.silences(rule: rule, activeAt: time, connection, logger)
        }
    }

    static func silences(
        rule: String, activeAt time: Int64, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> [Silence] {
        var bindings = PostgresBindings()
        bindings.append(rule)
        bindings.append(time)
        let query = PostgresQuery(unsafeSQL: """
            SELECT \(silenceColumns) FROM silences
            WHERE rule = $1 AND ends_at > $2 AND starts_at <= $2 AND expired_at IS NULL ORDER BY id
            """, binds: bindings)
        return try await silences(connection.query(query, logger: logger))
    }

    private static func silences(_ rows: PostgresRowSequence) async throws -> [Silence] {
        var silences: [Silence] = []
        for try await row in rows {
            let (id, rule, entity, startsAt, endsAt, comment, createdBy, createdAt, expiredAt) =
                try row.decode((Int64, String, String?, Int64, Int64, String, String, Int64, Int64?).self)
            silences.append(Silence(
                id: id, rule: rule, entity: entity, startsAt: startsAt, endsAt: endsAt, comment: comment,
                createdBy: createdBy, createdAt: createdAt, expiredAt: expiredAt))
        }
        return silences
    }
}
