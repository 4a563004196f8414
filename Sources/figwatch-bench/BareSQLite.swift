import FigwatchStore
import Foundation
import GRDBSQLite

/// The floors for `StoreBench`: the same work on a store file of the same schema, with the same
/// statements and pragmas, through the SQLite C API alone (no GRDB, no `Figure` or `SeriesPoint`, no
/// Swift strings in the loops: texts are formatted before timing and bound in place, or only touched).
///
/// What `SQLiteStore` adds on top of these is figwatch's own cost; what these take is SQLite's
/// (B-tree inserts and the WAL frames each commit writes; B-tree lookups for the series).
enum BareSQLite {
    /// Appends `pages` pages of `perPage` figures to a fresh store at `path`, `group` pages per
    /// transaction; returns wall and CPU seconds.
    static func append(path: String, pages: Int, perPage: Int, group: Int = 1) throws -> (wall: Double, cpu: Double) {
        do {
            _ = try SQLiteStore(path: path)  // creates the schema, then closes (and unlocks) on return
        }
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK, let db else { throw Failure("cannot open \(path)") }
        defer { sqlite3_close(db) }
        for pragma in ["PRAGMA cache_size = -2048", "PRAGMA mmap_size = 268435456", "PRAGMA synchronous = NORMAL",
                       "PRAGMA wal_autocheckpoint = 8192", "PRAGMA foreign_keys = ON"] {
            try exec(db, pragma)
        }
        let insertPage = try prepare(db, """
            INSERT INTO pages (url, canonical_url, host, content_hash, title, language, published_at, fetched_at,
                source_id) VALUES (?, NULL, ?, ?, ?, 'en', ?, ?, 'bench')
            """)
        // Metric, kind, bound and status as their codes (1: market_cap, level, exact, current; see `figure_codes`).
        let insertObservation = try prepare(db, """
            INSERT INTO observations (id, entity, entity_text, metric, kind, value, value_key, currency,
                currency_inferred, bound, status, alternates, amount_text, sentence, "offset", lang, page_id, time, day,
                published_at, observed_at, host_count)
            VALUES (?12, ?1, NULL, 1, 1, ?2, ?3, 'USD', 0, 1, 1, '[]', ?4, ?5, ?6, 'en', ?7, ?8, ?9,
                ?10, ?11, 1)
            ON CONFLICT (entity, metric, day, kind, value, currency, bound, status) DO NOTHING
            """)
        // Every figure is new here, so each is its own first sighting: ids from the sightings' sequence,
        // read and advanced once per transaction, and no `sightings` rows (as `SQLiteStore.append` does
        // for new figures).
        let readSequence = try prepare(db, "SELECT seq FROM sqlite_sequence WHERE name = 'sightings'")
        let advanceSequence = try prepare(db, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'sightings'")
        defer { [insertPage, insertObservation, readSequence, advanceSequence].forEach { sqlite3_finalize($0) } }

        // The texts are formatted before timing, as `StoreBench` builds its pages and figures first:
        // the floor is SQLite's work, not `vsnprintf`'s.
        let base: Int64 = 1_700_000_000_000
        var pageTexts = TextTable()
        var figureTexts = TextTable()
        for n in 0..<pages {
            pageTexts.add("https://news\(n % 7).example.com/article/\(n)")
            pageTexts.add("news\(n % 7).example.com")
            pageTexts.add("h\(n)")
            pageTexts.add("Article \(n)")
            for i in 0..<perPage {
                let significand = n * perPage + i + 1
                figureTexts.add("e\(i % 10)")
                figureTexts.add("\(significand)00000000")
                figureTexts.add("3\(508 + String(significand).count)\(significand)")  // shape of DecimalSortKey
                figureTexts.add("$\(n)bn")
                figureTexts.add("Company \(i % 10) was worth $\(n) billion at the close.")
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = Bench.cpuSeconds()
        try pageTexts.withTexts { pageText in
            try figureTexts.withTexts { figureText in
                var nextID: Int64 = 0
                for n in 0..<pages {
                    let time = base + Int64(n) * 60_000
                    if n % group == 0 {
                        try exec(db, "BEGIN")
                        guard sqlite3_step(readSequence) == SQLITE_ROW else {
                            throw Failure(String(cString: sqlite3_errmsg(db)))
                        }
                        nextID = sqlite3_column_int64(readSequence, 0) + 1
                        sqlite3_reset(readSequence)
                    }
                    for column in 0..<4 { bindStatic(insertPage, Int32(column + 1), pageText(n * 4 + column)) }
                    sqlite3_bind_int64(insertPage, 5, time); sqlite3_bind_int64(insertPage, 6, time + 5_000)
                    try step(db, insertPage)
                    let pageID = sqlite3_last_insert_rowid(db)
                    for i in 0..<perPage {
                        let first = (n * perPage + i) * 5
                        for column in 0..<5 {
                            bindStatic(insertObservation, Int32(column + 1), figureText(first + column))
                        }
                        sqlite3_bind_int64(insertObservation, 6, Int64(100 + i))
                        sqlite3_bind_int64(insertObservation, 7, pageID)
                        sqlite3_bind_int64(insertObservation, 8, time)
                        sqlite3_bind_int64(insertObservation, 9, time / 86_400_000)
                        sqlite3_bind_int64(insertObservation, 10, time)
                        sqlite3_bind_int64(insertObservation, 11, time + 5_000)
                        sqlite3_bind_int64(insertObservation, 12, nextID)
                        try step(db, insertObservation)
                        nextID += 1
                    }
                    if n % group == group - 1 || n == pages - 1 {
                        sqlite3_bind_int64(advanceSequence, 1, nextID - 1)
                        try step(db, advanceSequence)
                        try exec(db, "COMMIT")
                    }
                }
                // Nothing bound may point into the tables once they are gone.
                sqlite3_clear_bindings(insertPage)
                sqlite3_clear_bindings(insertObservation)
            }
        }
        return (Bench.seconds(clock.now - start), Bench.cpuSeconds() - cpuStart)
    }

    /// Runs `SQLiteStore.series`' query for `entity`'s market-cap levels, reading every column of every
    /// row, the provenance's too when `withProvenance`, with each row's page URL joined; returns the row
    /// count and the wall seconds.
    static func series(path: String, entity: String, withProvenance: Bool) throws -> (rows: Int, seconds: Double) {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let db else {
            throw Failure("cannot open \(path)")
        }
        defer { sqlite3_close(db) }
        try exec(db, "PRAGMA cache_size = -16384")
        try exec(db, "PRAGMA mmap_size = 268435456")
        // Numbers first, then texts.
        let numbers = withProvenance
            ? #"o.id, o.time, o.host_count, o.bound, o.published_at, o.observed_at, o."offset""#
            : "o.id, o.time, o.host_count, o.bound"
        let texts = withProvenance ? "o.value, o.currency, p.url, o.alternates, o.sentence" : "o.value, o.currency, p.url"
        let numberCount: Int32 = withProvenance ? 7 : 4
        let textCount: Int32 = withProvenance ? 5 : 3
        let query = try prepare(db, """
            SELECT \(numbers), \(texts)
            FROM observations o JOIN pages p ON p.id = o.page_id
            WHERE o.entity = ? AND o.metric = 1 AND o.kind = 1 AND o.status = 1
            """)
        defer { sqlite3_finalize(query) }
        let clock = ContinuousClock()
        let start = clock.now
        _ = entity.withCString { sqlite3_bind_text(query, 1, $0, -1, transient) }
        var rows = 0
        var touched = 0
        while sqlite3_step(query) == SQLITE_ROW {
            rows += 1
            for column in 0..<numberCount { touched &+= Int(sqlite3_column_int64(query, column)) }
            for column in numberCount..<(numberCount + textCount) {
                if let text = sqlite3_column_text(query, column) { touched &+= Int(text[0]) }
            }
        }
        sqlite3_reset(query)
        guard touched != 0 else { throw Failure("series read nothing") }
        return (rows, Bench.seconds(clock.now - start))
    }

    /// Texts laid end to end in one buffer, each with its UTF-8 range, so the timed loop binds them
    /// in place (SQLITE_STATIC) as C code would.
    private struct TextTable {
        private var bytes: [UInt8] = []
        private var ranges: [Range<Int>] = []

        mutating func add(_ text: String) {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            ranges.append(start..<bytes.count)
        }

        /// Calls `body` with a function giving the bytes of text `i`, valid during `body` only.
        func withTexts<T>(_ body: ((Int) -> UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
            try bytes.withUnsafeBufferPointer { all in
                try body { i in UnsafeBufferPointer(rebasing: all[ranges[i]]) }
            }
        }
    }

    private static func bindStatic(_ statement: OpaquePointer, _ index: Int32, _ text: UnsafeBufferPointer<UInt8>) {
        _ = text.withMemoryRebound(to: CChar.self) {
            sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), nil)  // SQLITE_STATIC
        }
    }
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private static func prepare(_ db: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure("cannot prepare: \(String(cString: sqlite3_errmsg(db)))")
        }
        return statement
    }

    private static func step(_ db: OpaquePointer, _ statement: OpaquePointer) throws {
        defer { sqlite3_reset(statement) }
        guard sqlite3_step(statement) == SQLITE_DONE else {
            throw Failure("insert failed: \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    private static func exec(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw Failure("\(sql) failed: \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
