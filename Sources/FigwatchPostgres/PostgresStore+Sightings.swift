import FigwatchCore
import FigwatchStore
import Logging
import PostgresNIO

/// Sightings for alert rules when several daemons write at once.
///
/// A sighting's identity id comes from a sequence when its row is inserted, but the row becomes visible
/// when its transaction commits, and transactions commit in any order: a reader whose cursor passed id 10
/// would never see an id 9 committed after. So readers never see identity ids. A sighting gets its
/// `ordinal`, the id the `FigureStore` protocol promises ("only grows"), in `publishSightings`:
///
/// - every `append` that adds figures holds the advisory lock `publishLockKey` *shared* until it commits;
/// - the publisher takes it *exclusive*, so it runs only when no such transaction is open, and a new one
///   waits until the publisher has committed. Its `UPDATE`, a statement after the lock, therefore sees
///   every sighting that will ever be written before it, and numbers all unnumbered ones;
/// - publishers run one at a time and commit before the next takes the lock, so ordinals become
///   visible in increasing order: a reader past ordinal N never meets a smaller one later.
///
/// (Numbering rows whose writer's `pg_current_xact_id()` is below `pg_snapshot_xmin(pg_current_snapshot())`
/// would also be correct, but that horizon is the whole cluster's: any long writing transaction, in any
/// database, such as a large retention run, would hold every alert back until it ended.)
///
/// The cost: an append waits while a publisher numbers (one short `UPDATE`), and a publisher waits for
/// the appends in flight to commit.
extension PostgresStore {
    /// Arbitrary, fixed: the advisory lock key of sighting publishing ("sigh").
    static let publishLockKey: Int64 = 0x7369_6768

    public func sightings(after id: Int64, limit: Int) async throws -> [Sighting] {
        if options.access == .readWrite { try await publishSightings() }
        let logger = self.logger
        return try await read("read sightings after \(id)") { connection in
            try await Self.sightings(after: id, limit: limit, connection, logger)
        }
    }

    public func lastSightingID() async throws -> Int64 {
        if options.access == .readWrite { try await publishSightings() }
        let logger = self.logger
        return try await read("read the last sighting id") { connection in
            try await Self.lastSightingID(connection, logger)
        }
    }

    /// Numbers, in id order, every sighting whose writer has committed. Returns how many it numbered.
    @discardableResult
    public func publishSightings() async throws -> Int {
        let logger = self.logger
        return try await write("number new sightings") { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.publishLockKey))", logger: logger)
            return try await connection.query("""
                UPDATE sightings s SET ordinal = numbered.ordinal
                FROM (SELECT id, nextval('sighting_ordinals') AS ordinal
                      FROM (SELECT id FROM sightings WHERE ordinal IS NULL ORDER BY id) ready) numbered
                WHERE s.id = numbered.id
                RETURNING s.id
                """, logger: logger).collect().count
        }
    }

    static func sightings(after id: Int64, limit: Int, _ connection: PostgresConnection, _ logger: Logger) async throws
        -> [Sighting]
    {
        var sightings: [Sighting] = []
        for try await row in try await connection.query("""
            SELECT s.ordinal, s.observation_id, o.entity, o.metric, o.kind, o.value::text, o.currency, o.bound, o."time",
                s.host, p.url, o.sentence, o.status
            FROM sightings s
            JOIN observations o ON o.id = s.observation_id
            JOIN pages p ON p.id = s.page_id
            WHERE s.ordinal > \(id)
            ORDER BY s.ordinal
            LIMIT \(limit)
            """, logger: logger) {
            let (sightingID, observationID, entity, metricText, kindText, valueText, currency, boundText, time,
                 host, url, sentence, statusText) = try row.decode(
                    (Int64, Int64, String?, String, String, String, String?, String, Int64, String, String, String,
                     String).self)
            guard let value = ExactDecimal(valueText), let metric = Metric(rawValue: metricText),
                let kind = FigureKind(rawValue: kindText), let bound = Bound(rawValue: boundText),
                let status = FigureStatus(rawValue: statusText)
            else {
                throw StoreError(
                    .corruptValue, "sighting \(sightingID) has an unreadable value, metric, kind, bound or status")
            }
            sightings.append(Sighting(
                id: sightingID, observationID: observationID, entity: entity, metric: metric, kind: kind,
                value: value, currency: currency, bound: bound, status: status, time: time, host: host, url: url, sentence: sentence))
        }
        return sightings
    }

    /// The sequence, not max(ordinal): the newest row may have been pruned.
    static func lastSightingID(_ connection: PostgresConnection, _ logger: Logger) async throws -> Int64 {
        try await connection.query(
            "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM sighting_ordinals", logger: logger
        ).collect().first?.decode(Int64.self) ?? 0
    }
}
