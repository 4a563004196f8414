import FigwatchCore
import GRDB

extension SQLiteStore {
    /// `sightings` numbers every row ever added to `observation_sources` (v4; see v5 below, which
    /// makes it the only such table). AUTOINCREMENT keeps ids from being reused after retention deletes
    /// old rows, so the alert engine's cursor never skips a new one.
    static func createSightings(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sightings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                observation_id INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
                page_id INTEGER NOT NULL,
                host TEXT NOT NULL
            );
            CREATE INDEX sightings_observation ON sightings (observation_id);
            INSERT INTO sightings (observation_id, page_id, host)
                SELECT observation_id, page_id, host FROM observation_sources ORDER BY observation_id, page_id;
            CREATE TRIGGER observation_sources_sighting AFTER INSERT ON observation_sources
            BEGIN
                INSERT INTO sightings (observation_id, page_id, host) VALUES (NEW.observation_id, NEW.page_id, NEW.host);
            END;
            """)
    }

    /// From v5 a page reporting a figure is one row of `sightings` only. Until v4 it was also a row of
    /// `observation_sources`, copied by a trigger: the same fact twice, two more B-trees for every figure
    /// appended, and a third of the store's bytes. `sightings` takes over its uniqueness (one row per
    /// observation and page) and its index by page (for retention), and the old table goes.
    static func makeSightingsTheOnlySourceTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE UNIQUE INDEX sightings_observation_page ON sightings (observation_id, page_id);
            DROP INDEX sightings_observation;
            CREATE INDEX sightings_page ON sightings (page_id);
            DROP TRIGGER observation_sources_sighting;
            DROP TABLE observation_sources;
            """)
    }

    /// v6 stores each observation where its series and its identity both find it, and makes a figure's
    /// first sighting the observation row itself.
    ///
    /// - `observations` becomes a WITHOUT ROWID table keyed by the figure's identity, entity and metric
    ///   first: (entity, metric, day, kind, value, currency, bound). A series is then a range of the
    ///   table read in file order, where it used to be one row looked up per point all over the file
    ///   (every entity's figures interleaved), and one B-tree does the work of the table, the identity
    ///   index and the series index. `entity` and `currency` are '' when absent (key columns cannot be
    ///   NULL); readers turn '' back into nil. `id` stays the observation's stable number, unique.
    /// - A new observation is its own first sighting: its id is taken from the sightings' sequence (so
    ///   one cursor orders both), its page is `page_id` and its host that page's. `sightings` keeps only
    ///   the further pages that reported a known figure; a figure is new far more often than seen again,
    ///   and its row cost three more B-tree inserts. Observations stored before v6 keep their first
    ///   sighting as a row; `store_settings` holds the first id whose sighting is implicit.
    ///
    /// The upgrade copies the table once (time proportional to the observations stored).
    static func reshapeObservations(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE observations_v6 (
                entity TEXT NOT NULL,
                metric TEXT NOT NULL,
                day INTEGER NOT NULL,
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                currency TEXT NOT NULL,
                bound TEXT NOT NULL,
                id INTEGER NOT NULL,
                entity_text TEXT,
                value_key TEXT NOT NULL,
                currency_inferred INTEGER NOT NULL DEFAULT 0,
                alternates TEXT NOT NULL DEFAULT '[]',
                amount_text TEXT NOT NULL DEFAULT '',
                sentence TEXT NOT NULL,
                "offset" INTEGER NOT NULL,
                lang TEXT,
                page_id INTEGER NOT NULL,
                time INTEGER NOT NULL,
                published_at INTEGER,
                observed_at INTEGER NOT NULL,
                host_count INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (entity, metric, day, kind, value, currency, bound)
            ) WITHOUT ROWID;
            INSERT INTO observations_v6 (entity, metric, day, kind, value, currency, bound, id, entity_text, value_key,
                currency_inferred, alternates, amount_text, sentence, "offset", lang, page_id, time, published_at,
                observed_at, host_count)
                SELECT ifnull(entity, ''), metric, day, kind, value, ifnull(currency, ''), bound, id, entity_text,
                    value_key, currency_inferred, alternates, amount_text, sentence, "offset", lang, page_id, time,
                    published_at, observed_at, host_count
                FROM observations ORDER BY ifnull(entity, ''), metric, day, kind, value, ifnull(currency, ''), bound;
            DROP TABLE observations;
            ALTER TABLE observations_v6 RENAME TO observations;
            CREATE UNIQUE INDEX observations_id ON observations (id);

            CREATE TABLE store_settings (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO sqlite_sequence (name, seq)
                SELECT 'sightings', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sightings');
            UPDATE sqlite_sequence SET seq = max(seq, ifnull((SELECT max(id) FROM observations), 0))
                WHERE name = 'sightings';
            INSERT INTO store_settings (name, value)
                SELECT 'first_implicit_sighting', seq + 1 FROM sqlite_sequence WHERE name = 'sightings';
            """)
    }

    /// Every page that reported each observation, with its host, as an SQL subquery: the first page
    /// (the observation's own `page_id`, v6) and the further ones of `sightings`. An observation stored
    /// before v6 has its first page in both, so callers count hosts DISTINCT or GROUP BY host. Filtered by
    /// `observation_id = ?`, SQLite pushes the filter into both sides (each then one index lookup).
    static let observationSources = """
        (SELECT o.id AS observation_id, o.page_id, p.host FROM observations o JOIN pages p ON p.id = o.page_id
         UNION ALL SELECT observation_id, page_id, host FROM sightings)
        """

    /// Sightings after `id` in id order: the further pages of `sightings`, merged with the observations
    /// whose first sighting is implicit (v6); both kinds take their ids from one sequence. Each side is
    /// read in id order from where it starts (the implicit side never below its first id, so a cursor
    /// far behind does not scan the observations stored before v6), and SQLite merges them.
    public func sightings(after id: Int64, limit: Int) async throws -> [Sighting] {
        try await read("read sightings after \(id)") { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT s.id, s.observation_id, nullif(o.entity, ''), o.metric, o.kind, o.value, nullif(o.currency, ''),
                    o.bound, o.time, s.host, p.url, o.sentence, o.status
                FROM sightings s
                JOIN observations o ON o.id = s.observation_id
                JOIN pages p ON p.id = s.page_id
                WHERE s.id > ?1
                UNION ALL
                SELECT o.id, o.id, nullif(o.entity, ''), o.metric, o.kind, o.value, nullif(o.currency, ''),
                    o.bound, o.time, p.host, p.url, o.sentence, o.status
                FROM observations o
                JOIN pages p ON p.id = o.page_id
                WHERE o.id > max(?1, (SELECT value - 1 FROM store_settings WHERE name = 'first_implicit_sighting'))
                ORDER BY 1
                LIMIT ?2
                """), arguments: [id, limit])
            return try rows.map { row in
                let sightingID: Int64 = row[0]
                // Codes read as whatever SQLite holds (a text there would not stop the daemon, only this row).
                func code(_ column: Int) -> Int64 { Int64.fromDatabaseValue(row[column] as DatabaseValue) ?? 0 }
                guard let value = ExactDecimal(row[5] as String), let metric = FigureCodes.metric(code(3)),
                    let kind = FigureCodes.kind(code(4)), let bound = FigureCodes.bound(code(7)),
                    let status = FigureCodes.status(code(12))
                else {
                    throw StoreError(
                        .corruptValue, "sighting \(sightingID) has an unreadable value, metric, kind, bound or status")
                }
                return Sighting(
                    id: sightingID, observationID: row[1], entity: row[2], metric: metric, kind: kind, value: value,
                    currency: row[6], bound: bound, status: status, time: row[8], host: row[9], url: row[10], sentence: row[11])
            }
        }
    }

    public func lastSightingID() async throws -> Int64 {
        try await read("read the last sighting id") { db in try Self.sightingSequence(db) ?? 0 }
    }

    /// The last id the sightings' sequence gave out, to a further sighting or (v6) a new observation;
    /// nil only if its row is missing (the v6 upgrade makes it). sqlite_sequence, not max(id): the
    /// newest row may have been pruned.
    static func sightingSequence(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'sightings'"))
    }
}
