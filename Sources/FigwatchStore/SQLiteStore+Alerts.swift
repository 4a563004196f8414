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
                    INSERT INTO webhook_outbox (rule, payload, attempts, next_attempt_at, expires_at, notifier, group_key,
                        queued_at, alert)
                    VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                    webhook.rule, webhook.payload, webhook.nextAttemptAt, webhook.expiresAt, webhook.notifier, webhook.group,
                    webhook.queuedAt, webhook.alert,
                ])
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

    public func dueWebhooks(now: Int64, limit: Int, excluding: Set<String>) async throws -> [WebhookMessage] {
        let skipped = excluding.sorted()
        let placeholders = Array(repeating: "?", count: skipped.count).joined(separator: ", ")
        var arguments: StatementArguments = [now, now]
        arguments += StatementArguments(skipped)
        arguments += [limit]
        return try await read("read due webhooks") { [arguments] db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM webhook_outbox
                    WHERE delivered_at IS NULL AND next_attempt_at <= ? AND expires_at > ? AND (batch IS NULL OR batch = id)
                    \(skipped.isEmpty ? "" : "AND (CASE WHEN notifier IS NULL THEN 'rule:' || rule ELSE 'notifier:' || notifier END) NOT IN (\(placeholders))")
                    ORDER BY next_attempt_at, id LIMIT ?
                    """,
                arguments: arguments
            ).map(Self.webhookMessage)
        }
    }

    public func markWebhookDelivered(id: Int64, at time: Int64) async throws {
        try await write("mark webhook \(id) delivered") { db in
            try db.execute(
                sql: """
                    UPDATE webhook_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL
                    WHERE id = ? OR batch = ?
                    """,
                arguments: [time, id, id])
        }
    }

    public func markWebhookFailed(id: Int64, error: String, nextAttemptAt: Int64) async throws {
        try await write("record the failure of webhook \(id)") { db in
            // A batch's other rows keep next_attempt_at at their expiry: only the lead falls due.
            try db.execute(
                sql: """
                    UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?,
                        next_attempt_at = CASE WHEN id = ? THEN ? ELSE next_attempt_at END
                    WHERE id = ? OR batch = ?
                    """,
                arguments: [error, id, nextAttemptAt, id, id])
        }
    }

    public func takeGroup(notifier: String, group: String, now: Int64, wait: Int64, interval: Int64) async throws -> OutboxGroupTake {
        try await write("group the messages of notifier \(notifier)") { db in
            let waiting = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT * FROM webhook_outbox WHERE notifier = ? AND group_key = ? AND batch IS NULL
                        AND delivered_at IS NULL AND expires_at > ? ORDER BY id
                    """), arguments: [notifier, group, now]
            ).map(Self.webhookMessage)
            guard let first = waiting.first else { return .empty }
            let ids = waiting.map(\.id)
            let list = ids.map(String.init).joined(separator: ",")
            if let open = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT next_attempt_at FROM webhook_outbox WHERE notifier = ? AND group_key = ? AND batch = id
                    AND delivered_at IS NULL AND expires_at > ? ORDER BY id LIMIT 1
                """), arguments: [notifier, group, now]) {
                // The group's earlier message is still being retried: this one goes after it.
                let due = max(open, now + 1000)
                try db.execute(sql: "UPDATE webhook_outbox SET next_attempt_at = ? WHERE id IN (\(list))", arguments: [due])
                return .notBefore(due)
            }
            let last = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT max(batched_at) FROM webhook_outbox WHERE notifier = ? AND group_key = ? AND batched_at IS NOT NULL
                """), arguments: [notifier, group])
            let due = GroupSchedule.due(firstQueuedAt: first.queuedAt, lastBatchAt: last, wait: wait, interval: interval)
            if due > now {
                try db.execute(sql: "UPDATE webhook_outbox SET next_attempt_at = ? WHERE id IN (\(list))", arguments: [due])
                return .notBefore(due)
            }
            let expires = waiting.map(\.expiresAt).max()!
            try db.execute(
                sql: "UPDATE webhook_outbox SET batch = ?, batched_at = ?, next_attempt_at = expires_at WHERE id IN (\(list))",
                arguments: [first.id, now])
            try db.execute(
                sql: "UPDATE webhook_outbox SET next_attempt_at = ?, expires_at = ? WHERE id = ?", arguments: [now, expires, first.id])
            return .batch(try Self.batchMembers(lead: first.id, db))
        }
    }

    public func batchMembers(lead: Int64) async throws -> [WebhookMessage] {
        try await read("read the batch of webhook \(lead)") { db in try Self.batchMembers(lead: lead, db) }
    }

    private static func batchMembers(lead: Int64, _ db: Database) throws -> [WebhookMessage] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM webhook_outbox WHERE batch = ? ORDER BY id"), arguments: [lead])
            .map(webhookMessage)
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
            lastError: row["last_error"], notifier: row["notifier"], group: row["group_key"],
            queuedAt: (row["queued_at"] as Int64?) ?? (row["next_attempt_at"] as Int64), alert: row["alert"], batch: row["batch"])
    }
}
