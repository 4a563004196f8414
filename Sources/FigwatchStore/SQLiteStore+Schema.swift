import GRDB

/// The schema, as numbered migrations. A migration, once released, is never edited: the next change is a
/// new migration appended at the end, and `schemaVersion` is raised with it. `PRAGMA user_version`
/// mirrors the number of migrations so that tools without GRDB can tell the version too.
extension SQLiteStore {
    static let schemaVersion = 11

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-pages-observations", migrate: createPagesAndObservations)
        migrator.registerMigration("v2-sources-followed-links", migrate: createSources)
        migrator.registerMigration("v3-alerts-outbox", migrate: createAlerts)
        migrator.registerMigration("v4-sightings", migrate: createSightings)
        migrator.registerMigration("v5-sightings-only", migrate: makeSightingsTheOnlySourceTable)
        migrator.registerMigration("v6-observations-by-series", migrate: reshapeObservations)
        migrator.registerMigration("v7-coded-figure-fields", migrate: codeFigureFields)
        migrator.registerMigration("v8-figure-status", migrate: addFigureStatus)
        migrator.registerMigration("v9-outbox-notifier", migrate: addOutboxNotifier)
        migrator.registerMigration("v10-silences", migrate: createSilences)
        migrator.registerMigration("v11-outbox-groups", migrate: addOutboxGroups)
        return migrator
    }()

    /// Pages seen and the figures read from them.
    ///
    /// An observation is one figure of one UTC day; every page that reported it is a row of
    /// `observation_sources` (of `sightings` from v5; from v6 the first page is the observation's own
    /// `page_id`, see `reshapeObservations`), and `host_count` caches the number of distinct hosts among them (kept by
    /// `append`, read by alerts that require several outlets). `value` is the exact decimal string;
    /// `value_key` a text that sorts in numeric order (see `DecimalSortKey`), for range queries without
    /// floating point. `page_id` is the first page that reported it; it is deliberately not a foreign
    /// key: that page is always among the observation's sources (retention deletes only pages no
    /// source row names), and a foreign key here would make deleting any page scan every observation.
    private static func createPagesAndObservations(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE pages (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL UNIQUE,
                canonical_url TEXT,
                host TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                title TEXT,
                language TEXT,
                published_at INTEGER,
                fetched_at INTEGER NOT NULL,
                source_id TEXT
            );
            CREATE TABLE observations (
                id INTEGER PRIMARY KEY,
                entity TEXT,
                entity_text TEXT,
                metric TEXT NOT NULL,
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                value_key TEXT NOT NULL,
                currency TEXT,
                currency_inferred INTEGER NOT NULL DEFAULT 0,
                bound TEXT NOT NULL,
                alternates TEXT NOT NULL DEFAULT '[]',
                amount_text TEXT NOT NULL DEFAULT '',
                sentence TEXT NOT NULL,
                "offset" INTEGER NOT NULL,
                lang TEXT,
                page_id INTEGER NOT NULL,
                time INTEGER NOT NULL,
                day INTEGER NOT NULL,
                published_at INTEGER,
                observed_at INTEGER NOT NULL,
                host_count INTEGER NOT NULL DEFAULT 1
            );
            -- One observation per figure and UTC day; NULL entity / currency compare equal here. The day
            -- leads so that a page's figures (all of one day) land in one or two index pages, which keeps
            -- the pages each append writes to the WAL few.
            CREATE UNIQUE INDEX observations_identity ON observations (
                day, ifnull(entity, ''), metric, kind, value, ifnull(currency, ''), bound);
            CREATE INDEX observations_series ON observations (entity, metric, time);
            CREATE TABLE observation_sources (
                observation_id INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
                page_id INTEGER NOT NULL REFERENCES pages(id),
                host TEXT NOT NULL,
                PRIMARY KEY (observation_id, page_id)
            ) WITHOUT ROWID;
            CREATE INDEX observation_sources_page ON observation_sources (page_id);
            """)
    }

    /// Configured sources with their fetch state, and the feed/listing items already followed.
    private static func createSources(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sources (
                id TEXT PRIMARY KEY NOT NULL,
                url TEXT NOT NULL,
                etag TEXT,
                last_modified TEXT,
                last_status INTEGER,
                last_error TEXT,
                consecutive_failures INTEGER NOT NULL DEFAULT 0,
                last_fetched_at INTEGER,
                next_due_at INTEGER,
                lease_owner TEXT,
                lease_until INTEGER
            );
            CREATE TABLE followed_links (
                source_id TEXT NOT NULL,
                url TEXT NOT NULL,
                first_seen_at INTEGER NOT NULL,
                PRIMARY KEY (source_id, url)
            ) WITHOUT ROWID;
            """)
    }

    /// Alert state per (rule, entity), the history of transitions and the webhook outbox.
    private static func createAlerts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE alert_state (
                rule TEXT NOT NULL,
                entity TEXT NOT NULL,
                state TEXT NOT NULL,
                since INTEGER NOT NULL,
                last_value TEXT,
                last_currency TEXT,
                last_notified_at INTEGER,
                details TEXT,
                PRIMARY KEY (rule, entity)
            ) WITHOUT ROWID;
            CREATE TABLE alert_history (
                id INTEGER PRIMARY KEY,
                rule TEXT NOT NULL,
                entity TEXT NOT NULL,
                state TEXT NOT NULL,
                at INTEGER NOT NULL,
                metric TEXT,
                value TEXT,
                currency TEXT,
                threshold TEXT,
                source_url TEXT,
                sentence TEXT,
                observation_id INTEGER
            );
            CREATE INDEX alert_history_at ON alert_history (at);
            CREATE TABLE webhook_outbox (
                id INTEGER PRIMARY KEY,
                rule TEXT NOT NULL,
                payload TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                delivered_at INTEGER,
                last_error TEXT
            );
            CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL;
            """)
    }

    /// Each outbox message names the notifier it goes to (`notifiers:`); NULL is a rule's own `webhook:`.
    private static func addOutboxNotifier(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE webhook_outbox ADD COLUMN notifier TEXT")
    }

    /// Silences (`figwatch silence`), and the silence that muted each recorded transition. AUTOINCREMENT:
    /// a history record names a silence by id, so an id is never handed out twice. The index serves the
    /// alert pass's question (this rule's silences not yet ended).
    private static func createSilences(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE silences (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                rule TEXT NOT NULL,
                entity TEXT,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL,
                comment TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expired_at INTEGER
            );
            CREATE INDEX silences_rule ON silences (rule, ends_at);
            ALTER TABLE alert_history ADD COLUMN silence_id INTEGER;
            """)
    }

    /// Grouped notifications (`group_by`): a notifier's message names its group, when it was queued and
    /// its transition as JSON; once its group is due it joins a batch, led by the batch's lowest id
    /// (`batch`, and `batched_at`, the time the group's message was made). Rows queued before this have
    /// no group and are sent alone, as they always were.
    private static func addOutboxGroups(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE webhook_outbox ADD COLUMN group_key TEXT;
            ALTER TABLE webhook_outbox ADD COLUMN queued_at INTEGER;
            ALTER TABLE webhook_outbox ADD COLUMN alert TEXT;
            ALTER TABLE webhook_outbox ADD COLUMN batch INTEGER;
            ALTER TABLE webhook_outbox ADD COLUMN batched_at INTEGER;
            UPDATE webhook_outbox SET queued_at = next_attempt_at;
            CREATE INDEX webhook_outbox_group ON webhook_outbox (notifier, group_key, batched_at) WHERE group_key IS NOT NULL;
            CREATE INDEX webhook_outbox_batch ON webhook_outbox (batch) WHERE batch IS NOT NULL;
            """)
    }
}
