import FigwatchCore
import FigwatchStore
import Logging
import PostgresNIO

extension PostgresStore {
    static let alertStateColumns =
        "rule, entity, state, since, last_value::text, last_currency, last_notified_at, details"
    private static let alertEventColumns = """
        id, rule, entity, state, at, metric, value::text, currency, threshold, source_url, sentence, observation_id,
        silence_id
        """
    private static let webhookColumns =
        "id, rule, payload, attempts, next_attempt_at, expires_at, delivered_at, last_error, notifier, group_key, queued_at, alert, batch"

    public func alertState(rule: String, entity: String) async throws -> AlertStateRecord? {
        let logger = self.logger
        return try await read("read the state of alert \(rule) for \(entity)") { connection in
            try await Self.alertState(rule: rule, entity: entity, locking: false, connection, logger)
        }
    }

    public func alertStates() async throws -> [AlertStateRecord] {
        let logger = self.logger
        return try await read("read alert states") { connection in
            try await Self.alertStates(connection, logger)
        }
    }

    public func recordAlert(state: AlertStateRecord, event: AlertEvent?, webhooks: [WebhookMessage]) async throws {
        let logger = self.logger
        try await write("record alert \(state.rule) for \(state.entity)") { connection in
            try await Self.recordAlert(state: state, event: event, webhooks: webhooks, connection, logger)
        }
    }

    /// One rule's pass in one transaction that holds the rule's advisory lock (so passes of the rule in
    /// other daemons wait) and reads each (rule, entity) state row `FOR UPDATE`: the cursor, the states
    /// and the transitions move together or not at all. New sightings are numbered first, outside it.
    public func withAlertPass<T: Sendable>(
        rule: String, _ body: @escaping @Sendable (any AlertPassStore) async throws -> T
    ) async throws -> T {
        try await publishSightings()
        let logger = self.logger
        return try await write("run a pass of alert rule \(rule)") { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(Self.alertLockClass)::int, hashtext(\(rule)))", logger: logger)
            return try await body(PostgresAlertPass(connection: connection, logger: logger))
        }
    }

    /// The first key of the two-key advisory locks of alert rules ("alrt"); the second is the rule's hash.
    static let alertLockClass: Int32 = 0x616c_7274

    static func alertState(
        rule: String, entity: String, locking: Bool, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> AlertStateRecord? {
        var bindings = PostgresBindings()
        bindings.append(rule)
        bindings.append(entity)
        let query = PostgresQuery(
            unsafeSQL: "SELECT \(alertStateColumns) FROM alert_state WHERE rule = $1 AND entity = $2"
                + (locking ? " FOR UPDATE" : ""),
            binds: bindings)
        return try await alertStateRecords(connection.query(query, logger: logger)).first
    }

    static func alertStates(_ connection: PostgresConnection, _ logger: Logger) async throws -> [AlertStateRecord] {
        let query = PostgresQuery(unsafeSQL: "SELECT \(alertStateColumns) FROM alert_state ORDER BY rule, entity")
        return try await alertStateRecords(connection.query(query, logger: logger))
    }

    static func recordAlert(
        state: AlertStateRecord, event: AlertEvent?, webhooks: [WebhookMessage], _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        let lastValue = state.lastValue?.description
        try await connection.query("""
            INSERT INTO alert_state (rule, entity, state, since, last_value, last_currency, last_notified_at, details)
            VALUES (\(state.rule), \(state.entity), \(state.state), \(state.since), \(lastValue)::numeric,
                \(state.lastCurrency), \(state.lastNotifiedAt), \(state.details))
            ON CONFLICT (rule, entity) DO UPDATE SET state = excluded.state, since = excluded.since,
                last_value = excluded.last_value, last_currency = excluded.last_currency,
                last_notified_at = excluded.last_notified_at, details = excluded.details
            """, logger: logger)
        if let event {
            let metric = event.metric?.rawValue
            let value = event.value?.description
            try await connection.query("""
                INSERT INTO alert_history (rule, entity, state, at, metric, value, currency, threshold, source_url,
                    sentence, observation_id, silence_id)
                VALUES (\(event.rule), \(event.entity), \(event.state), \(event.at), \(metric), \(value)::numeric,
                    \(event.currency), \(event.threshold), \(event.sourceURL), \(event.sentence), \(event.observationID),
                    \(event.silenceID))
                """, logger: logger)
        }
        for webhook in webhooks {
            try await connection.query("""
                INSERT INTO webhook_outbox (rule, payload, attempts, next_attempt_at, expires_at, notifier, group_key,
                    queued_at, alert)
                VALUES (\(webhook.rule), \(webhook.payload), 0, \(webhook.nextAttemptAt), \(webhook.expiresAt),
                    \(webhook.notifier), \(webhook.group), \(webhook.queuedAt), \(webhook.alert))
                """, logger: logger)
        }
    }

    public func alertHistory(since: Int64?) async throws -> [AlertEvent] {
        var bindings = PostgresBindings()
        bindings.append(since ?? Int64.min)
        let query = PostgresQuery(
            unsafeSQL: "SELECT \(Self.alertEventColumns) FROM alert_history WHERE at >= $1 ORDER BY at, id", binds: bindings)
        let logger = self.logger
        return try await read("read alert history") { connection in
            var events: [AlertEvent] = []
            for try await row in try await connection.query(query, logger: logger) {
                let (id, rule, entity, state, at, metric, value, currency, threshold, sourceURL, sentence, observationID,
                     silenceID) =
                    try row.decode((Int64, String, String, String, Int64, String?, String?, String?, String?, String?,
                                    String?, Int64?, Int64?).self)
                events.append(AlertEvent(
                    id: id, rule: rule, entity: entity, state: state, at: at, metric: metric.flatMap { Metric(rawValue: $0) },
                    value: value.flatMap { ExactDecimal($0) }, currency: currency, threshold: threshold,
                    sourceURL: sourceURL, sentence: sentence, observationID: observationID, silenceID: silenceID))
            }
            return events
        }
    }

    /// How long a claimed webhook is not due for anyone else: longer than one delivery attempt may take.
    static let webhookClaim: Int64 = 120_000

    /// Claims the due messages (`FOR UPDATE SKIP LOCKED`, next attempt moved `webhookClaim` ahead), so a
    /// message goes to one daemon; one that dies while delivering leaves it to be retried after the claim.
    public func dueWebhooks(now: Int64, limit: Int, excluding: Set<String>) async throws -> [WebhookMessage] {
        var bindings = PostgresBindings()
        bindings.append(now)
        bindings.append(limit)
        bindings.append(now + Self.webhookClaim)
        bindings.append(excluding.sorted())
        let query = PostgresQuery(unsafeSQL: """
            WITH due AS (
                SELECT id FROM webhook_outbox
                WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND expires_at > $1 AND (batch IS NULL OR batch = id)
                    AND NOT ((CASE WHEN notifier IS NULL THEN 'rule:' || rule ELSE 'notifier:' || notifier END) = ANY($4))
                ORDER BY next_attempt_at, id LIMIT $2
                FOR UPDATE SKIP LOCKED)
            UPDATE webhook_outbox w SET next_attempt_at = $3 FROM due WHERE w.id = due.id
            RETURNING \(Self.webhookColumns.split(separator: ",").map { "w." + $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: ", "))
            """, binds: bindings)
        let logger = self.logger
        let messages = try await write("claim due webhooks") { connection in
            try await Self.webhookMessages(connection.query(query, logger: logger))
        }
        return messages.sorted { $0.id < $1.id }
    }

    private static func webhookMessages(_ rows: PostgresRowSequence) async throws -> [WebhookMessage] {
        var messages: [WebhookMessage] = []
        for try await row in rows {
            let (id, rule, payload, attempts, next, expires, delivered, lastError, notifier, group, queued, alert, batch) =
                try row.decode((Int64, String, String, Int, Int64, Int64, Int64?, String?, String?, String?, Int64?, String?, Int64?).self)
            messages.append(WebhookMessage(
                id: id, rule: rule, payload: payload, attempts: attempts, nextAttemptAt: next, expiresAt: expires,
                deliveredAt: delivered, lastError: lastError, notifier: notifier, group: group, queuedAt: queued ?? next,
                alert: alert, batch: batch))
        }
        return messages
    }

    public func markWebhookDelivered(id: Int64, at time: Int64) async throws {
        let logger = self.logger
        try await write("mark webhook \(id) delivered") { connection in
            _ = try await connection.query("""
                UPDATE webhook_outbox SET delivered_at = \(time), attempts = attempts + 1, last_error = NULL
                WHERE id = \(id) OR batch = \(id)
                """, logger: logger)
        }
    }

    public func markWebhookFailed(id: Int64, error: String, nextAttemptAt: Int64) async throws {
        let logger = self.logger
        try await write("record the failure of webhook \(id)") { connection in
            // A batch's other rows keep next_attempt_at at their expiry: only the lead falls due.
            _ = try await connection.query("""
                UPDATE webhook_outbox SET attempts = attempts + 1, last_error = \(error),
                    next_attempt_at = CASE WHEN id = \(id) THEN \(nextAttemptAt) ELSE next_attempt_at END
                WHERE id = \(id) OR batch = \(id)
                """, logger: logger)
        }
    }

    /// The first key of the two-key advisory locks of notification groups ("grup"); the second hashes
    /// the notifier and group, so daemons sharing the store decide each group's next message one at a time.
    static let groupLockClass: Int32 = 0x6772_7570

    public func takeGroup(notifier: String, group: String, now: Int64, wait: Int64, interval: Int64) async throws -> OutboxGroupTake {
        let logger = self.logger
        let columns = Self.webhookColumns
        return try await write("group the messages of notifier \(notifier)") { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(Self.groupLockClass)::int, hashtext(\(notifier + " " + group)))", logger: logger)
            var bindings = PostgresBindings()
            bindings.append(notifier)
            bindings.append(group)
            bindings.append(now)
            let waiting = try await Self.webhookMessages(connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(columns) FROM webhook_outbox WHERE notifier = $1 AND group_key = $2 AND batch IS NULL
                    AND delivered_at IS NULL AND expires_at > $3 ORDER BY id
                """, binds: bindings), logger: logger))
            guard let first = waiting.first else { return .empty }
            let ids = waiting.map(\.id)
            var open: Int64?
            for try await next in try await connection.query("""
                SELECT next_attempt_at FROM webhook_outbox WHERE notifier = \(notifier) AND group_key = \(group) AND batch = id
                    AND delivered_at IS NULL AND expires_at > \(now) ORDER BY id LIMIT 1
                """, logger: logger).decode(Int64.self) {
                open = next
            }
            if let open {
                // The group's earlier message is still being retried: this one goes after it.
                let due = max(open, now + 1000)
                _ = try await connection.query(
                    "UPDATE webhook_outbox SET next_attempt_at = \(due) WHERE id = ANY(\(ids))", logger: logger)
                return .notBefore(due)
            }
            var last: Int64?
            for try await value in try await connection.query("""
                SELECT max(batched_at) FROM webhook_outbox WHERE notifier = \(notifier) AND group_key = \(group)
                    AND batched_at IS NOT NULL
                """, logger: logger).decode(Int64?.self) {
                last = value
            }
            let due = GroupSchedule.due(firstQueuedAt: first.queuedAt, lastBatchAt: last, wait: wait, interval: interval)
            if due > now {
                _ = try await connection.query(
                    "UPDATE webhook_outbox SET next_attempt_at = \(due) WHERE id = ANY(\(ids))", logger: logger)
                return .notBefore(due)
            }
            let expires = waiting.map(\.expiresAt).max()!
            _ = try await connection.query("""
                UPDATE webhook_outbox SET batch = \(first.id), batched_at = \(now), next_attempt_at = expires_at
                WHERE id = ANY(\(ids))
                """, logger: logger)
            // The lead is claimed for this daemon's attempt, as `dueWebhooks` claims.
            _ = try await connection.query("""
                UPDATE webhook_outbox SET next_attempt_at = \(now + Self.webhookClaim), expires_at = \(expires)
                WHERE id = \(first.id)
                """, logger: logger)
            return .batch(try await Self.batchMembers(lead: first.id, connection, logger))
        }
    }

    public func batchMembers(lead: Int64) async throws -> [WebhookMessage] {
        let logger = self.logger
        return try await read("read the batch of webhook \(lead)") { connection in
            try await Self.batchMembers(lead: lead, connection, logger)
        }
    }

    private static func batchMembers(lead: Int64, _ connection: PostgresConnection, _ logger: Logger) async throws -> [WebhookMessage] {
        var bindings = PostgresBindings()
        bindings.append(lead)
        return try await webhookMessages(connection.query(PostgresQuery(
            unsafeSQL: "SELECT \(webhookColumns) FROM webhook_outbox WHERE batch = $1 ORDER BY id", binds: bindings), logger: logger))
    }

    public func prune(olderThan cutoff: Int64) async throws -> PruneResult {
        let logger = self.logger
        return try await write("delete what is older than \(cutoff)") { connection in
            // observation_sources and sightings rows go with their observation (ON DELETE CASCADE).
            func count(_ query: PostgresQuery) async throws -> Int {
                try await connection.query(query, logger: logger).collect().count
            }
            var result = PruneResult()
            result.observations = try await count(#"DELETE FROM observations WHERE "time" < \#(cutoff) RETURNING id"#)
            result.pages = try await count("""
                DELETE FROM pages WHERE fetched_at < \(cutoff)
                    AND NOT EXISTS (SELECT 1 FROM observation_sources s WHERE s.page_id = pages.id)
                RETURNING id
                """)
            result.followedLinks = try await count(
                "DELETE FROM followed_links WHERE first_seen_at < \(cutoff) RETURNING source_id")
            result.alertEvents = try await count("DELETE FROM alert_history WHERE at < \(cutoff) RETURNING id")
            result.webhooks = try await count("""
                DELETE FROM webhook_outbox WHERE (delivered_at IS NOT NULL AND delivered_at < \(cutoff))
                    OR expires_at < \(cutoff)
                RETURNING id
                """)
            // What a silence muted is history older than its end, gone with it.
            result.silences = try await count(
                "DELETE FROM silences WHERE ends_at < \(cutoff) OR expired_at < \(cutoff) RETURNING id")
            return result
        }
    }

    /// Applies `options.maxAge` at `now`; does nothing when the store keeps everything.
    public func applyRetention(now: Int64) async throws -> PruneResult {
        guard let maxAge = options.maxAge else { return PruneResult() }
        return try await prune(olderThan: now - maxAge)
    }

    static func alertStateRecords(_ rows: PostgresRowSequence) async throws -> [AlertStateRecord] {
        var records: [AlertStateRecord] = []
        for try await row in rows {
            let (rule, entity, state, since, lastValue, lastCurrency, lastNotifiedAt, details) =
                try row.decode((String, String, String, Int64, String?, String?, Int64?, String?).self)
            records.append(AlertStateRecord(
                rule: rule, entity: entity, state: state, since: since, lastValue: lastValue.flatMap { ExactDecimal($0) },
                lastCurrency: lastCurrency, lastNotifiedAt: lastNotifiedAt, details: details))
        }
        return records
    }
}
