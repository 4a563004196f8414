import FigwatchCore
import FigwatchStore
import Foundation
import PostgresNIO

extension PostgresStore {
    static let millisecondsPerDay: Int64 = 86_400_000

    public func pageUnchanged(url: String, contentHash: String) async throws -> Bool {
        let logger = self.logger
        return try await read("look up page \(url)") { connection in
            try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM pages WHERE url = \(url) AND content_hash = \(contentHash))", logger: logger
            ).collect().first?.decode(Bool.self) ?? false
        }
    }

    public func append(page: PageRecord, figures: [Figure], sourceID: String?) async throws -> AppendResult {
        let rows = try figures.map(EncodedFigure.init)
        let logger = self.logger
        return try await write("append page \(page.url) with \(figures.count) figures") { connection in
            if !rows.isEmpty {
                // Held to commit: no sighting is numbered while this transaction may still add one.
                try await connection.query("SELECT pg_advisory_xact_lock_shared(\(Self.publishLockKey))", logger: logger)
            }
            return try await Self.append(page: page, figures: rows, sourceID: sourceID, connection, logger)
        }
    }

    /// A figure's columns, encoded before the transaction so it holds its connection for SQL only.
    struct EncodedFigure: Sendable {
        var figure: Figure
        var value: String
        var alternates: String

        init(_ figure: Figure) throws {
            self.figure = figure
            value = figure.value.description
            alternates = try figure.alternatesColumn()
        }
    }

    /// One transaction: the page row, then each figure created or merged.
    ///
    /// Safe against other daemons appending at the same time: the page is claimed by `INSERT ... ON
    /// CONFLICT` and locked with `FOR UPDATE` before it is compared, and an observation another
    /// transaction inserts first makes ours wait for it and then merge into it (READ COMMITTED: the
    /// following `SELECT` sees the committed row).
    private static func append(
        page: PageRecord, figures: [EncodedFigure], sourceID: String?, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> AppendResult {
        let host = page.host
        let inserted = try await connection.query("""
            INSERT INTO pages (url, canonical_url, host, content_hash, title, language, published_at, fetched_at, source_id)
            VALUES (\(page.url), \(page.canonicalURL), \(host), \(page.contentHash), \(page.title), \(page.language),
                \(page.publishedAt), \(page.fetchedAt), \(sourceID))
            ON CONFLICT (url) DO NOTHING RETURNING id
            """, logger: logger).collect().first?.decode(Int64.self)
        let pageID: Int64
        if let inserted {
            pageID = inserted
        } else {
            guard let existing = try await connection.query(
                "SELECT id, content_hash FROM pages WHERE url = \(page.url) FOR UPDATE", logger: logger
            ).collect().first?.decode((Int64, String).self) else {
                throw StoreError(.database, "page \(page.url) vanished while appending it")
            }
            if existing.1 == page.contentHash {
                return AppendResult(pageID: existing.0, unchanged: true, created: 0, merged: 0)
            }
            // The article was updated: keep its id (its observations cite it) and take the new content.
            pageID = existing.0
            try await connection.query("""
                UPDATE pages SET canonical_url = \(page.canonicalURL), host = \(host), content_hash = \(page.contentHash),
                    title = \(page.title), language = \(page.language), published_at = \(page.publishedAt),
                    fetched_at = \(page.fetchedAt), source_id = \(sourceID)
                WHERE id = \(pageID)
                """, logger: logger)
        }

        let time = page.pointTime
        let day = floorDivide(time, millisecondsPerDay)
        var created = 0
        var merged = 0
        for row in figures {
            let f = row.figure
            let metric = f.metric.rawValue
            let kind = f.kind.rawValue
            let bound = f.bound.rawValue
            let status = f.status.rawValue
            let offset = Int64(f.offset)
            let newID = try await connection.query("""
                INSERT INTO observations (entity, entity_text, metric, kind, value, currency, currency_inferred, bound,
                    status, alternates, amount_text, sentence, "offset", lang, page_id, "time", day, published_at,
                    observed_at, host_count)
                VALUES (\(f.entity), \(f.entityText), \(metric), \(kind), \(row.value)::numeric, \(f.currency),
                    \(f.currencyInferred), \(bound), \(status), \(row.alternates), \(f.text), \(f.sentence), \(offset),
                    \(f.lang), \(pageID), \(time), \(day), \(page.publishedAt), \(page.fetchedAt), 1)
                ON CONFLICT (day, (coalesce(entity, '')), metric, kind, value, (coalesce(currency, '')), bound, status)
                DO NOTHING
                RETURNING id
                """, logger: logger).collect().first?.decode(Int64.self)
            if let newID {
                created += 1
                _ = try await addSource(observationID: newID, pageID: pageID, host: host, connection, logger)
                continue
            }
            // The same figure on the same day is already stored: this page is one more source of it.
            let entityKey = f.entity ?? ""
            let currencyKey = f.currency ?? ""
            guard let observationID = try await connection.query("""
                SELECT id FROM observations WHERE day = \(day) AND coalesce(entity, '') = \(entityKey)
                    AND metric = \(metric) AND kind = \(kind) AND value = \(row.value)::numeric
                    AND coalesce(currency, '') = \(currencyKey) AND bound = \(bound) AND status = \(status)
                """, logger: logger).collect().first?.decode(Int64.self)
            else {
                throw StoreError(.database, "observation of \(f.text) vanished while appending page \(page.url)")
            }
            merged += 1
            if try await addSource(observationID: observationID, pageID: pageID, host: host, connection, logger) {
                try await connection.query("""
                    UPDATE observations SET host_count =
                        (SELECT count(DISTINCT host) FROM observation_sources WHERE observation_id = \(observationID))
                    WHERE id = \(observationID)
                    """, logger: logger)
            }
        }
        return AppendResult(pageID: pageID, unchanged: false, created: created, merged: merged)
    }

    /// Records `pageID` as a source of the observation and numbers it as a sighting, in one statement;
    /// false when the page already was one of its sources.
    private static func addSource(
        observationID: Int64, pageID: Int64, host: String, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Bool {
        try await connection.query("""
            WITH added AS (
                INSERT INTO observation_sources (observation_id, page_id, host)
                VALUES (\(observationID), \(pageID), \(host))
                ON CONFLICT DO NOTHING RETURNING observation_id, page_id, host)
            INSERT INTO sightings (observation_id, page_id, host) SELECT observation_id, page_id, host FROM added
            RETURNING id
            """, logger: logger).collect().isEmpty == false
    }

    /// Division rounding toward negative infinity, so times before 1970 still fall on the right day.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
