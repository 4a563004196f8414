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
        let job = PendingAppend(page: page, figures: try StoredFigures(figures), sourceID: sourceID)
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
        var jobs = appendQueue.take(for: own)
        guard !jobs.isEmpty else { return }
        var results: [AppendResult] = []
        do {
            try db.inTransaction {
                var sequence = try SightingSequence(db)
                // Pages that arrive while the transaction writes join it before it commits. Most of a
                // commit's WAL frames are the B-tree pages that every page's figures touch (an edge per
                // entity), whatever the number of pages: in C, with this schema, a commit of 8 pages
                // wrote 76 frames and one of 16 pages 93. In `figwatch-bench store`, 16 appending tasks
                // fill transactions of 15 to 16 pages this way, where they filled 8 without it.
                var next = jobs
                var figures = 0
                while !next.isEmpty {
                    for job in next {
                        results.append(try Self.append(job, db, &sequence))
                        figures += job.figures.count
                    }
                    next = appendQueue.takeMore(pages: jobs.count, figures: figures)
                    jobs += next
                }
                try sequence.store(db)
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
                    var sequence = try SightingSequence(db)
                    result = try Self.append(job, db, &sequence)
                    try sequence.store(db)
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
            .database, "cannot append page \(job.page.url) with \(job.figures.count) figures in store \(path)",
            underlying: error)
    }

    /// One page inside the caller's transaction: the page row, then each figure created or merged.
    /// SQLite's statement cache keeps the prepared statements across pages.
    private static func append(_ job: PendingAppend, _ db: Database, _ sequence: inout SightingSequence) throws
        -> AppendResult
    {
        let page = job.page, figures = job.figures, host = job.host
        func bindPage(_ statement: RawStatement) {
            statement.bind(1, page.url)
            statement.bind(2, page.canonicalURL)
            statement.bind(3, host)
            statement.bind(4, page.contentHash)
            statement.bind(5, page.title)
            statement.bind(6, page.language)
            statement.bind(7, page.publishedAt)
            statement.bind(8, page.fetchedAt)
            statement.bind(9, job.sourceID)
        }
        // Most pages are new: the insert is tried first (the URL's unique index finds a stored page on
        // the way), and only a URL already stored costs a lookup, rather than every page costing one.
        let insertPage = RawStatement(try db.cachedStatement(sql: """
            INSERT INTO pages (url, canonical_url, host, content_hash, title, language, published_at,
                fetched_at, source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (url) DO NOTHING
            """))
        bindPage(insertPage)
        try insertPage.execute(db)
        let pageID: Int64
        if db.changesCount == 1 {
            pageID = db.lastInsertedRowID
        } else {
            guard let stored = try storedPage(page, db) else {
                throw StoreError(.database, "page \(page.url) was neither inserted nor found")
            }
            if stored.unchanged {
                return AppendResult(pageID: stored.id, unchanged: true, created: 0, merged: 0)
            }
            // The article was updated: keep its id (its observations cite it) and take the new content.
            let updatePage = RawStatement(try db.cachedStatement(sql: """
                UPDATE pages SET url = ?1, canonical_url = ?2, host = ?3, content_hash = ?4, title = ?5,
                    language = ?6, published_at = ?7, fetched_at = ?8, source_id = ?9 WHERE id = ?10
                """))
            bindPage(updatePage)
            updatePage.bind(10, stored.id)
            try updatePage.execute(db)
            pageID = stored.id
        }

        let time = page.pointTime
        let day = floorDivide(time, millisecondsPerDay)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO observations (id, entity, entity_text, metric, kind, value, value_key, currency,
                currency_inferred, bound, status, alternates, amount_text, sentence, "offset", lang, page_id, time, day,
                published_at, observed_at, host_count)
            VALUES (?20, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?21, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 1)
            ON CONFLICT (entity, metric, day, kind, value, currency, bound, status) DO NOTHING
            """)
        let find = try db.cachedStatement(sql: """
            SELECT id, page_id FROM observations WHERE entity = ? AND metric = ? AND day = ? AND kind = ?
                AND value = ? AND currency = ? AND bound = ? AND status = ?
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

        // Bound column by column through the C API, the texts where the appending task laid them out:
        // building a `StatementArguments` of 20 values per figure cost more than SQLite's work for the row.
        let insertRow = RawStatement(insert)
        var created = 0
        var merged = 0
        var mergedIDs: [Int64] = []
        try figures.withTexts { text in
            // Nothing bound may point into the texts once this closure has returned.
            defer { insertRow.clearBindings() }
            // The page's own values, the same for all its figures, are bound once: a reset statement
            // keeps its bindings.
            insertRow.bind(15, pageID)
            insertRow.bind(16, time)
            insertRow.bind(17, day)
            insertRow.bind(18, page.publishedAt)
            insertRow.bind(19, page.fetchedAt)
            for (index, f) in figures.figures.enumerated() {
                insertRow.bindInPlace(1, text(.entity, of: index))
                insertRow.bindInPlace(2, text(.entityText, of: index))
                insertRow.bind(3, FigureCodes.code(f.metric))
                insertRow.bind(4, FigureCodes.code(f.kind))
                insertRow.bindInPlace(5, text(.value, of: index))
                insertRow.bindInPlace(6, text(.valueKey, of: index))
                insertRow.bindInPlace(7, text(.currency, of: index))
                insertRow.bind(8, f.currencyInferred)
                insertRow.bind(9, FigureCodes.code(f.bound))
                insertRow.bind(21, FigureCodes.code(f.status))
                insertRow.bindInPlace(10, text(.alternates, of: index))
                insertRow.bindInPlace(11, text(.amountText, of: index))
                insertRow.bindInPlace(12, text(.sentence, of: index))
                insertRow.bind(13, f.offset)
                insertRow.bindInPlace(14, text(.lang, of: index))
                // A new observation is its own first sighting (v6): its id is the sightings' next.
                insertRow.bind(20, sequence.next)
                try insertRow.execute(db)
                if db.changesCount == 1 {
                    sequence.take()
                    created += 1
                    continue
                }
                // The same figure on the same day is already stored: this page is one more source of it,
                // unless it is the observation's own first page (an updated article reporting it again).
                guard let existing = try Row.fetchOne(find, arguments: [
                    f.entity ?? "", FigureCodes.code(f.metric), day, FigureCodes.code(f.kind), f.value.description,
                    f.currency ?? "", FigureCodes.code(f.bound), FigureCodes.code(f.status),
                ]) else {
                    throw StoreError(.database, "observation of \(f.text) vanished while appending page \(page.url)")
                }
                merged += 1
                if existing[1] as Int64 != pageID { mergedIDs.append(existing[0]) }
            }
        }
        if !mergedIDs.isEmpty {
            // The insert advances the sequence itself: it must start from the ids taken so far, and the
            // next new observation from the ids it took.
            try sequence.store(db)
            try addSightings.execute(arguments: ["[" + mergedIDs.map(String.init).joined(separator: ",") + "]", pageID, host])
            try sequence.reload(db)
            // A known figure seen on one more page: the count of distinct hosts may have grown
            // (recounting is exact whether or not this page's sighting was new).
            for id in mergedIDs {
                try recount.execute(arguments: [id])
            }
        }
        return AppendResult(pageID: pageID, unchanged: false, created: created, merged: merged)
    }

    /// The stored page at `page.url`, if any: its id, and whether its content is `page`'s.
    private static func storedPage(_ page: PageRecord, _ db: Database) throws -> (id: Int64, unchanged: Bool)? {
        let find = RawStatement(try db.cachedStatement(sql: "SELECT id, content_hash FROM pages WHERE url = ?"))
        defer { find.finish() }
        find.bind(1, page.url)
        guard try find.next(db) else { return nil }
        return (find.int64(0), find.utf8(1).map { page.contentHash.utf8.elementsEqual($0) } ?? false)
    }

    /// The sightings' sequence (`sqlite_sequence`), which numbers new observations and further
    /// sightings alike, as the pages of one write transaction use it: read once, advanced in memory by
    /// each new observation, and written back once at the end, or before a statement that advances it
    /// itself (an insert into `sightings`), after which it is read again.
    struct SightingSequence {
        /// The last id taken.
        private var last: Int64
        private var stored: Int64

        init(_ db: Database) throws {
            guard let seq = try SQLiteStore.sightingSequence(db) else {
                throw StoreError(.database, "the store has no sequence row for sightings: its schema is incomplete")
            }
            last = seq
            stored = seq
        }

        /// The id the next new observation gets.
        var next: Int64 { last + 1 }

        /// Marks `next` as used.
        mutating func take() { last += 1 }

        mutating func store(_ db: Database) throws {
            guard last != stored else { return }
            try db.cachedStatement(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'sightings'")
                .execute(arguments: [last])
            stored = last
        }

        mutating func reload(_ db: Database) throws {
            self = try SightingSequence(db)
        }
    }

    /// Division rounding toward negative infinity, so times before 1970 still fall on the right day.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
