import FigwatchCore
import Foundation
import GRDB

extension SQLiteStore {
    static let millisecondsPerDay: Int64 = 86_400_000

    public func pageUnchanged(url: String, contentHash: String) async throws -> Bool {
        try await read("look up page \(url)") { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM pages WHERE url = ? AND content_hash = ?)"),
                arguments: [url, contentHash]) ?? false
        }
    }

    /// Stores a page and its figures in one transaction, returning once it has committed.
    ///
    /// Pages appended while the writer is busy share the next transaction (group commit, see
    /// `AppendQueue`); if that transaction fails, each of its pages is tried again in a transaction of
    /// its own, so one bad page costs only itself.
    public func append(page: PageRecord, figures: [Figure], sourceID: String?) async throws -> AppendResult {
        guard options.access == .readWrite else {
            throw StoreError(.readOnly, "cannot append page \(page.url): store \(path) is open read-only")
        }
        let job = PendingAppend(page: page, rows: try figures.map(ObservationRow.init), sourceID: sourceID)
        appendQueue.add(job)
        // Every append queues one writer block; it commits whatever waits if this page is among it, and
        // nothing if an earlier block took the page (and so committed it before this one ran). The
        // callback form, not `try await pool.write...`: GRDB cancels an awaited access when the awaiting
        // task is cancelled, and this block may be committing other tasks' pages too. A fetched page is
        // therefore stored even if its run is cancelled meanwhile (shutdown waits for it).
        pool.asyncWriteWithoutTransaction { db in self.commitWaitingPages(db, for: job) }
        return try await job.outcome().get()
    }

    /// Write transactions that held appended pages since the store was opened (fewer than the pages
    /// appended when appends overlapped).
    public var appendTransactions: Int { appendQueue.transactions }

    /// Runs on the writer: commits the waiting pages in one transaction, or one by one if that fails;
    /// nothing when `own` was in an earlier transaction.
    private func commitWaitingPages(_ db: Database, for own: PendingAppend) {
        let jobs = appendQueue.take(for: own)
        guard !jobs.isEmpty else { return }
        var results: [AppendResult] = []
        do {
            try db.inTransaction {
                results = try jobs.map { try Self.append($0, db) }
                return .commit
            }
            appendQueue.countTransaction()
            for (job, result) in zip(jobs, results) { job.finish(.success(result)) }
            return
        } catch where jobs.count > 1 {
            // Rolled back as a whole: find the page at fault by giving each its own transaction.
        } catch {
            jobs[0].finish(.failure(appendError(jobs[0], error)))
            return
        }
        for job in jobs {
            do {
                var result: AppendResult?
                try db.inTransaction {
                    result = try Self.append(job, db)
                    return .commit
                }
                appendQueue.countTransaction()
                job.finish(.success(result!))
            } catch {
                job.finish(.failure(appendError(job, error)))
            }
        }
    }

    private func appendError(_ job: PendingAppend, _ error: any Error) -> any Error {
        if error is StoreError { return error }
        return StoreError(
            .database, "cannot append page \(job.page.url) with \(job.rows.count) figures in store \(path)",
            underlying: error)
    }

    /// The figure columns, encoded before entering the write transaction so the writer does no JSON work.
    struct ObservationRow: Sendable {
        var figure: Figure
        var value: String
        var valueKey: String
        var alternates: String

        init(_ figure: Figure) throws {
            self.figure = figure
            value = figure.value.description
            valueKey = DecimalSortKey.key(figure.value)
            alternates = try figure.alternatesColumn()
        }
    }

    /// One page inside the caller's transaction: the page row, then each figure created or merged.
    /// SQLite's statement cache keeps the prepared statements across pages.
    private static func append(_ job: PendingAppend, _ db: Database) throws -> AppendResult {
        let page = job.page, rows = job.rows, host = job.host, sourceID = job.sourceID
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, content_hash FROM pages WHERE url = ?"), arguments: [page.url])
        if let existing, existing["content_hash"] as String == page.contentHash {
            return AppendResult(pageID: existing["id"], unchanged: true, created: 0, merged: 0)
        }
        let pageID: Int64
        let pageArguments: StatementArguments = [
            page.url, page.canonicalURL, host, page.contentHash, page.title, page.language,
            page.publishedAt, page.fetchedAt, sourceID,
        ]
        if let existing {
            // The article was updated: keep its id (its observations cite it) and take the new content.
            pageID = existing["id"]
            try db.execute(
                sql: """
                    UPDATE pages SET url = ?, canonical_url = ?, host = ?, content_hash = ?, title = ?,
                        language = ?, published_at = ?, fetched_at = ?, source_id = ? WHERE id = ?
                    """,
                arguments: pageArguments + [pageID])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO pages (url, canonical_url, host, content_hash, title, language, published_at,
                    fetched_at, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: pageArguments)
            pageID = db.lastInsertedRowID
        }

        let time = page.pointTime
        let day = floorDivide(time, millisecondsPerDay)
        // A new observation is its own first sighting (v6): its id comes from the sightings' sequence,
        // which this page's figures advance once, after their inserts.
        let sequence = try db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'sightings'")
        let advance = try db.cachedStatement(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'sightings'")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO observations (id, entity, entity_text, metric, kind, value, value_key, currency,
                currency_inferred, bound, alternates, amount_text, sentence, "offset", lang, page_id, time, day,
                published_at, observed_at, host_count)
            VALUES (?20, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 1)
            ON CONFLICT (entity, metric, day, kind, value, currency, bound) DO NOTHING
            """)
        let find = try db.cachedStatement(sql: """
            SELECT id, page_id FROM observations WHERE entity = ? AND metric = ? AND day = ? AND kind = ?
                AND value = ? AND currency = ? AND bound = ?
            """)
        // A known figure's further pages go in with one statement: `sightings` is AUTOINCREMENT, which
        // reads and writes `sqlite_sequence` once per INSERT statement. json_each hands the ids over in
        // order, so sighting ids follow the figures.
        let addSightings = try db.cachedStatement(sql: """
            INSERT INTO sightings (observation_id, page_id, host)
                SELECT value, ?2, ?3 FROM json_each(?1) WHERE true
            ON CONFLICT (observation_id, page_id) DO NOTHING
            """)
        let recount = try db.cachedStatement(sql: """
            UPDATE observations SET host_count =
                (SELECT count(DISTINCT host) FROM \(observationSources) WHERE observation_id = ?1) WHERE id = ?1
            """)

        guard let lastID = try Int64.fetchOne(sequence) else {
            throw StoreError(.database, "the store has no sequence row for sightings: its schema is incomplete")
        }
        var nextID = lastID + 1
        // Bound column by column through the C API: building a `StatementArguments` of 19 values per
        // figure cost more than SQLite's own work for the row.
        let insertRow = RawStatement(insert)
        var created = 0
        var merged = 0
        var mergedIDs: [Int64] = []
        for row in rows {
            let f = row.figure
            insertRow.bind(1, f.entity ?? "")
            insertRow.bind(2, f.entityText)
            insertRow.bind(3, f.metric.rawValue)
            insertRow.bind(4, f.kind.rawValue)
            insertRow.bind(5, row.value)
            insertRow.bind(6, row.valueKey)
            insertRow.bind(7, f.currency ?? "")
            insertRow.bind(8, f.currencyInferred)
            insertRow.bind(9, f.bound.rawValue)
            insertRow.bind(10, row.alternates)
            insertRow.bind(11, f.text)
            insertRow.bind(12, f.sentence)
            insertRow.bind(13, f.offset)
            insertRow.bind(14, f.lang)
            insertRow.bind(15, pageID)
            insertRow.bind(16, time)
            insertRow.bind(17, day)
            insertRow.bind(18, page.publishedAt)
            insertRow.bind(19, page.fetchedAt)
            insertRow.bind(20, nextID)
            try insertRow.execute(db)
            if db.changesCount == 1 {
                created += 1
                nextID += 1
                continue
            }
            // The same figure on the same day is already stored: this page is one more source of it,
            // unless it is the observation's own first page (an updated article reporting it again).
            guard let existing = try Row.fetchOne(find, arguments: [
                f.entity ?? "", f.metric.rawValue, day, f.kind.rawValue, row.value, f.currency ?? "", f.bound.rawValue,
            ]) else {
                throw StoreError(.database, "observation of \(f.text) vanished while appending page \(page.url)")
            }
            merged += 1
            if existing[1] as Int64 != pageID { mergedIDs.append(existing[0]) }
        }
        if nextID > lastID + 1 {
            try advance.execute(arguments: [nextID - 1])
        }
        if !mergedIDs.isEmpty {
            try addSightings.execute(arguments: ["[" + mergedIDs.map(String.init).joined(separator: ",") + "]", pageID, host])
            // A known figure seen on one more page: the count of distinct hosts may have grown
            // (recounting is exact whether or not this page's sighting was new).
            for id in mergedIDs {
                try recount.execute(arguments: [id])
            }
        }
        return AppendResult(pageID: pageID, unchanged: false, created: created, merged: merged)
    }

    /// Division rounding toward negative infinity, so times before 1970 still fall on the right day.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
