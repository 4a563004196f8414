import GRDB

extension SQLiteStore {
    public func addSilence(_ silence: Silence) async throws -> Silence {
        try await write("add a silence of alert rule \(silence.rule)") { db in
            try db.execute(
                sql: """
                    INSERT INTO silences (rule, entity, starts_at, ends_at, comment, created_by, created_at, expired_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [silence.rule, silence.entity, silence.startsAt, silence.endsAt, silence.comment,
                            silence.createdBy, silence.createdAt, silence.expiredAt])
            var added = silence
            added.id = db.lastInsertedRowID
            return added
        }
    }

    public func silences() async throws -> [Silence] {
        try await read("read silences") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM silences ORDER BY id").map(Self.silence)
        }
    }

    public func expireSilence(id: Int64, at time: Int64) async throws -> Silence? {
        try await write("expire silence \(id)") { db in
            try db.execute(sql: "UPDATE silences SET expired_at = ? WHERE id = ? AND expired_at IS NULL", arguments: [time, id])
            return try Row.fetchOne(db, sql: "SELECT * FROM silences WHERE id = ?", arguments: [id]).map(Self.silence)
        }
    }

    public func silences(rule: String, activeAt time: Int64) async throws -> [Silence] {
        try await read("read the silences of alert rule \(rule)") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT * FROM silences
                    WHERE rule = ? AND ends_at > ? AND starts_at <= ? AND expired_at IS NULL ORDER BY id
                    """),
                arguments: [rule, time, time]
            ).map(Self.silence)
        }
    }

    static func silence(_ row: Row) -> Silence {
        Silence(
            id: row["id"], rule: row["rule"], entity: row["entity"], startsAt: row["starts_at"], endsAt: row["ends_at"],
            comment: row["comment"], createdBy: row["created_by"], createdAt: row["created_at"],
            expiredAt: row["expired_at"])
    }
}
