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

    public func sightings(after id: Int64, limit: Int) async throws -> [Sighting] {
        try await read("read sightings after \(id)") { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT s.id, s.observation_id, o.entity, o.metric, o.kind, o.value, o.currency, o.bound, o.time,
                    s.host, p.url, o.sentence
                FROM sightings s
                JOIN observations o ON o.id = s.observation_id
                JOIN pages p ON p.id = s.page_id
                WHERE s.id > ?
                ORDER BY s.id
                LIMIT ?
                """), arguments: [id, limit])
            return try rows.map { row in
                let sightingID: Int64 = row[0]
                guard let value = ExactDecimal(row[5] as String), let metric = Metric(rawValue: row[3]),
                    let kind = FigureKind(rawValue: row[4]), let bound = Bound(rawValue: row[7])
                else {
                    throw StoreError(.corruptValue, "sighting \(sightingID) has an unreadable value, metric, kind or bound")
                }
                return Sighting(
                    id: sightingID, observationID: row[1], entity: row[2], metric: metric, kind: kind, value: value,
                    currency: row[6], bound: bound, time: row[8], host: row[9], url: row[10], sentence: row[11])
            }
        }
    }

    public func lastSightingID() async throws -> Int64 {
        try await read("read the last sighting id") { db in
            // sqlite_sequence, not max(id): the newest row may have been pruned.
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'sightings'")) ?? 0
        }
    }
}
