import FigwatchCore
import GRDB

extension SQLiteStore {
    public func alertState(rule: String, entity: String) async throws -> AlertStateRecord? {
        try await read("read the state of alert \(rule) for \(entity)") { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM alert_state WHERE rule = ? AND entity = ?"),
                             arguments: [rule, entity])
                .map(Self.alertStateRecord)
        }
    }

    public func alertStates() async throws -> [AlertStateRecord] {
        try await read("read alert states") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert_state ORDER BY rule, entity").map(Self.alertStateRecord)
        }
    }

    public func recordAlert(state: AlertStateRecord, event: AlertEvent?, webhooks: [WebhookMessage]) async throws {
        try await write("record alert \(state.rule) for \(state.entity)") { db in
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO alert_state
                    (rule, entity, state, since, last_value, last_currency, last_notified_at, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                state.rule, state.entity, state.state, state.since, state.lastValue?.description,
                state.lastCurrency, state.lastNotifiedAt, state.details,
            ])
            if let event {
                try db.cachedStatement(sql: """
                    INSERT INTO alert_history (rule, entity, state, at, metric, value, currency, threshold,
                        source_url, sentence, observation_id, silence_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                    event.rule, event.entity, event.state, event.at, event.metric?.rawValue,
                    event.value?.description, event.currency, event.threshold, event.sourceURL, event.sentence,
                    event.observationID, event.silenceID,
                ])
            }
            for webhook in webhooks {
                try db.cachedStatement(sql: """
                    INSERT INTO webhook_outbox (rule, payload, attempts, next_attempt_at, expires_at, notifier)
                    VALUES (?, ?, 0, ?, ?, ?)
                    """).execute(arguments: [webhook.rule, webhook.payload, webhook.nextAttemptAt, webhook.expiresAt, webhook.notifier])
            }
        }
    }

    public func alertHistory(since: Int64?) async throws -> [AlertEvent] {
        try await read("read alert history") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM alert_history WHERE at >= ? ORDER BY at, id", arguments: [since ?? Int64.min]
            ).map(Self.alertEvent)
        }
    }

    public func dueWebhooks(now: Int64, limit: Int) async throws -> [WebhookMessage] {
        try await read("read due webhooks") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM webhook_outbox
                    WHERE delivered_at IS NULL AND next_attempt_at <= ? AND expires_at > ?
                    ORDER BY next_attempt_at, id LIMIT ?
                    """,
                arguments: [now, now, limit]
            ).map(Self.webhookMessage)
        }
    }

    public func markWebhookDelivered(id: Int64, at time: Int64) async throws {
        try await write("mark webhook \(id) delivered") { db in
            try db.execute(
                sql: "UPDATE webhook_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                arguments: [time, id])
        }
    }

    public func markWebhookFailed(id: Int64, error: String, nextAttemptAt: Int64) async throws {
        try await write("record the failure of webhook \(id)") { db in
            try db.execute(
                sql: "UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                arguments: [error, nextAttemptAt, id])
        }
    }

    private static func alertStateRecord(_ row: Row) -> AlertStateRecord {
        AlertStateRecord(
            rule: row["rule"], entity: row["entity"], state: row["state"], since: row["since"],
            lastValue: (row["last_value"] as String?).flatMap { ExactDecimal($0) }, lastCurrency: row["last_currency"],
            lastNotifiedAt: row["last_notified_at"], details: row["details"])
    }

    private static func alertEvent(_ row: Row) -> AlertEvent {
        AlertEvent(
            id: row["id"], rule: row["rule"], entity: row["entity"], state: row["state"], at: row["at"],
            metric: (row["metric"] as String?).flatMap { Metric(rawValue: $0) },
            value: (row["value"] as String?).flatMap { ExactDecimal($0) }, currency: row["currency"],
            threshold: row["threshold"], sourceURL: row["source_url"], sentence: row["sentence"],
            observationID: row["observation_id"], silenceID: row["silence_id"])
    }

    private static func webhookMessage(_ row: Row) -> WebhookMessage {
        WebhookMessage(
            id: row["id"], rule: row["rule"], payload: row["payload"], attempts: row["attempts"],
            nextAttemptAt: row["next_attempt_at"], expiresAt: row["expires_at"], deliveredAt: row["delivered_at"],
            lastError: row["last_error"], notifier: row["notifier"])
    }
}
