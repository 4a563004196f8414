import FigwatchCore
import Foundation
import GRDB

extension SQLiteStore {
    public func series(
        entity: String, metric: Metric?, kind: FigureKind?, statuses: Set<FigureStatus>, since: Int64?, until: Int64?,
        detail: SeriesDetail
    ) async throws -> [SeriesPoint] {
        // Only the filters given go into the SQL: an `(? IS NULL OR metric = ?)` form would keep SQLite
        // from using the key. `observations` is keyed by (entity, metric, day, ...) (v6): one metric's rows
        // lie together in day order, so they are read as they lie in the file and put in time order here
        // (within a day they come in the order of the figures' identity). SQLite's sorter would copy every
        // whole row twice to do that; sorting the points costs a fraction, and nothing when they came in
        // order. The day bounds let the key narrow a time window.
        var filters = ["o.entity = ?"]
        var arguments: StatementArguments = [entity]
        if let metric {
            filters.append("o.metric = ?")
            arguments += [FigureCodes.code(metric)]
        }
        if let kind {
            filters.append("o.kind = ?")
            arguments += [FigureCodes.code(kind)]
        }
        // The status is the key's last column (v8): checked on each row of the range, not a narrowing.
        let status = statuses.count == 1 ? statuses.first : nil
        if statuses.count < FigureStatus.allCases.count {
            let codes = FigureStatus.allCases.filter(statuses.contains).map(FigureCodes.code)
            filters.append(codes.count == 1 ? "o.status = ?" : "o.status IN (\(codes.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(codes)
        }
        if let since {
            filters.append("o.day >= ? AND o.time >= ?")
            arguments += [Self.floorDivide(since, Self.millisecondsPerDay), since]
        }
        if let until {
            filters.append("o.day <= ? AND o.time <= ?")
            arguments += [Self.floorDivide(until, Self.millisecondsPerDay), until]
        }
        let condition = filters.joined(separator: " AND ")
        let queryArguments = arguments
        // Only the columns the points need: SQLite extracts every column of the list for every row, so
        // a metric or kind the filter fixed is not asked for, nor the provenance unless wanted, and ''
        // and '[]' (no currency, no alternates) are told apart here rather than by a function call per
        // row in SQL.
        let columns = SeriesColumns(
            metricFixed: metric != nil, kindFixed: kind != nil, statusFixed: status != nil, detail: detail)
        return try await read("read the series of \(entity)") { db in
            let statement = try db.cachedStatement(sql: "SELECT \(columns.selectList) FROM observations o WHERE \(condition)")
            try statement.setArguments(queryArguments)
            let decode: @Sendable (SeriesRowBatch, inout DecodedSeries) throws -> Void = { batch, decoded in
                try batch.forEachRow { row in
                    decoded.points.append(
                        try Self.point(row, columns, entity: entity, metric: metric, kind: kind, status: status))
                }
                decoded.pageIDs += batch.pageIDs
            }
            let complete: @Sendable (inout DecodedSeries) -> Void = { Self.putInTimeOrder(&$0.points, along: &$0.pageIDs) }
            // Rows are copied out a batch at a time. A series of one batch is decoded here; a longer one
            // on a second thread while this one reads on (`SeriesDecoding`), which takes the decoding,
            // as costly as SQLite's part, and the sorting off the query's time. The reader keeps its own
            // list of the rows' pages, for reading their URLs before the decoder is done.
            var pageIDs: [Int64] = []
            var decoded = DecodedSeries()
            var decoding: SeriesDecoding?
            let urls: PageURLs
            do {
                let raw = RawStatement(statement)
                defer { raw.finish() }
                var batch = SeriesRowBatch(columns: columns)
                while try raw.next(db) {
                    if batch.isFull {
                        let started = decoding ?? SeriesDecoding(decode: decode, complete: complete)
                        decoding = started
                        pageIDs += batch.pageIDs
                        guard started.put(batch) else { break }  // the decoder failed: `finish` says why
                        batch = started.reusableBatch() ?? SeriesRowBatch(columns: columns)
                    }
                    batch.add(raw)
                }
                pageIDs += batch.pageIDs
                if let decoding {
                    _ = decoding.put(batch)
                } else {
                    try decode(batch, &decoded)
                    complete(&decoded)
                }
                // The pages' URLs are read while the last batches are decoded and the points sorted.
                urls = try PageURLs(db, ids: pageIDs)
            } catch {
                _ = try? decoding?.finish(discard: true)
                throw error
            }
            if let decoding { decoded = try decoding.finish() }
            for index in decoded.points.indices {
                let pageID = decoded.pageIDs[index]
                guard let url = urls[pageID] else {
                    throw StoreError(.corruptValue, "observation \(decoded.points[index].id) refers to page \(pageID), which is missing")
                }
                decoded.points[index].firstSourceURL = url
            }
            return decoded.points
        }
    }

    /// The URLs of a set of pages, read after the series rather than joined to every row: a join looks
    /// up the page of each point in the `pages` B-tree (in C, over a third of a 100,000-point query),
    /// while pages an entity's points share are looked up once here. When the ids are dense enough
    /// (they are allotted in fetch order, and an entity's pages cluster in time), one pass over their
    /// range reads every page in it for a fraction of a lookup each; otherwise each distinct page is
    /// looked up by id.
    struct PageURLs {
        /// A scanned row costs about a quarter of a lookup (C, this machine): scanning pays while at
        /// least one page in four of the range is wanted.
        static let scanDensity = 4

        private let first: Int64
        private var dense: [String?] = []
        private var sparse: [Int64: String] = [:]

        init(_ db: Database, ids: [Int64]) throws {
            guard let low = ids.min(), let high = ids.max() else {
                first = 0
                return
            }
            first = low
            let span = Int(high - low) + 1
            if span <= Self.scanDensity * ids.count {
                var wanted = [Bool](repeating: false, count: span)
                for id in ids { wanted[Int(id - low)] = true }
                dense = [String?](repeating: nil, count: span)
                let statement = try db.cachedStatement(sql: "SELECT id, url FROM pages WHERE id BETWEEN ? AND ?")
                try statement.setArguments([low, high])
                let raw = RawStatement(statement)
                defer { raw.finish() }
                while try raw.next(db) {
                    let slot = Int(raw.int64(0) - low)
                    if wanted[slot] { dense[slot] = raw.string(1) }
                }
            } else {
                let statement = try db.cachedStatement(sql: "SELECT url FROM pages WHERE id = ?")
                let raw = RawStatement(statement)
                for id in Set(ids) {
                    raw.bind(1, id)
                    defer { raw.finish() }
                    if try raw.next(db) { sparse[id] = raw.string(0) }
                }
            }
        }

        subscript(id: Int64) -> String? {
            if dense.isEmpty { return sparse[id] }
            let slot = Int(id - first)
            return dense.indices.contains(slot) ? dense[slot] : nil
        }
    }

    /// Puts `points` in (time, id) order. Sorts (time, id, position) triples rather than the points
    /// themselves, which are large to move, then moves each point once to its place: building a new
    /// array from the old one instead copied every point (a retain of each of its strings and arrays)
    /// and then released the old array's, a tenth of a 100,000-point query. `companions` (one value per
    /// point) is put in the same order.
    static func putInTimeOrder(_ points: inout [SeriesPoint], along companions: inout [Int64]) {
        precondition(companions.count == points.count, "one companion per point")
        // Fields by index: iterating the points by value would copy each one (and retain its strings).
        if points.indices.dropFirst().allSatisfy({ i in
            (points[i - 1].time, points[i - 1].id) <= (points[i].time, points[i].id)
        }) {
            return
        }
        var order = points.indices.map { (time: points[$0].time, id: points[$0].id, position: $0) }
        order.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        // The point for place k is at order[k].position. Each cycle of that permutation is walked once,
        // swapping the point each place wants into it; a swap in a buffer moves, it does not copy.
        var placed = [Bool](repeating: false, count: points.count)
        points.withUnsafeMutableBufferPointer { buffer in
            companions.withUnsafeMutableBufferPointer { companions in
                for start in buffer.indices where !placed[start] {
                    var place = start
                    while true {
                        placed[place] = true
                        let source = order[place].position
                        if source == start { break }
                        buffer.swapAt(place, source)
                        companions.swapAt(place, source)
                        place = source
                    }
                }
            }
        }
    }

    /// Decodes one row of the series query (the hot loop of `figwatch series`). Columns the query fixed
    /// (entity, and metric or kind when filtered) are not read back, and the value is parsed from the
    /// row's bytes without making a `String` of it. The page's URL is filled in afterwards (`PageURLs`).
    private static func point(
        _ row: SeriesRow, _ columns: SeriesColumns, entity: String, metric: Metric?, kind: FigureKind?,
        status: FigureStatus?
    ) throws -> SeriesPoint {
        let id = row.int64(columns.id)
        guard let value = row.utf8(SeriesColumns.value).flatMap(ExactDecimal.parse(utf8:)),
            let metric = metric ?? columns.metric.flatMap({ FigureCodes.metric(row.int64($0)) }),
            let kind = kind ?? columns.kind.flatMap({ FigureCodes.kind(row.int64($0)) }),
            let bound = FigureCodes.bound(row.int64(columns.bound)),
            let status = status ?? columns.status.flatMap({ FigureCodes.status(row.int64($0)) })
        else {
            throw StoreError(.corruptValue, "observation \(id) has an unreadable value, metric, kind, bound or status")
        }
        // Stored as '' when there is none (a key column, v6).
        let currency = row.utf8(SeriesColumns.currency).flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        return SeriesPoint(
            id: id, entity: entity, metric: metric, kind: kind, value: value, currency: currency,
            currencyInferred: row.int64(columns.currencyInferred) != 0, bound: bound,
            status: status, time: row.int64(columns.time), sourceCount: Int(row.int64(columns.hostCount)), firstSourceURL: "",
            provenance: try columns.provenance.map { try provenance(row, $0, id: id) })
    }

    /// The provenance columns of a row that has them.
    private static func provenance(
        _ row: SeriesRow, _ columns: SeriesColumns.ProvenanceColumns, id: Int64
    ) throws -> SeriesPoint.Provenance {
        guard let sentence = row.string(columns.sentence) else {
            throw StoreError(.corruptValue, "observation \(id) has no sentence")
        }
        var alternates: [Alternate] = []
        if let alternatesText = row.utf8(columns.alternates), !Self.isEmptyJSONArray(alternatesText) {
            do {
                alternates = try JSONDecoder().decode([Alternate].self, from: Data(alternatesText))
            } catch {
                throw StoreError(.corruptValue, "observation \(id) has unreadable alternates", underlying: error)
            }
        }
        return SeriesPoint.Provenance(
            alternates: alternates, publishedAt: row.optionalInt64(columns.publishedAt),
            observedAt: row.int64(columns.observedAt), sentence: sentence, offset: Int(row.int64(columns.offset)))
    }

    /// `[]`, the alternates column of a figure that has none.
    static func isEmptyJSONArray(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.count == 2 && text[0] == UInt8(ascii: "[") && text[1] == UInt8(ascii: "]")
    }

    public func distinctHosts(
        entity: String, metric: Metric, kind: FigureKind, currency: String?, range: ValueRange,
        since: Int64, until: Int64
    ) async throws -> Int {
        // value_key sorts like the numbers (DecimalSortKey), so the range needs no floating point; the
        // key narrows the scan to the entity, metric and days of the window first. Each
        // observation's hosts are its first page's and its further pages' (as in `observationSources`,
        // spelt out here for a set of observations: SQLite would not narrow that subquery by a join).
        let lower = range.lower.map(DecimalSortKey.key) ?? ""
        let upper = range.upper.map(DecimalSortKey.key)
        let firstDay = Self.floorDivide(since, Self.millisecondsPerDay)
        let lastDay = Self.floorDivide(until, Self.millisecondsPerDay)
        return try await read("count the sources of \(entity) \(metric.rawValue)") { db in
            try Int.fetchOne(
                db.cachedStatement(sql: """
                    WITH matching AS (
                        SELECT o.id, o.page_id FROM observations o
                        WHERE o.entity = ? AND o.metric = ? AND o.day >= ? AND o.day <= ? AND o.kind = ?
                            AND o.currency = ? AND o.time >= ? AND o.time <= ? AND o.value_key >= ?
                            AND (? IS NULL OR o.value_key <= ?))
                    SELECT count(DISTINCT host) FROM (
                        SELECT p.host FROM matching m JOIN pages p ON p.id = m.page_id
                        UNION ALL SELECT s.host FROM matching m JOIN sightings s ON s.observation_id = m.id)
                    """),
                arguments: [entity, FigureCodes.code(metric), firstDay, lastDay, FigureCodes.code(kind), currency ?? "", since, until, lower,
                            upper, upper]) ?? 0
        }
    }

    public func sourceHosts(observationID: Int64) async throws -> [String] {
        try await read("read the sources of observation \(observationID)") { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT host FROM \(Self.observationSources) WHERE observation_id = ?
                    GROUP BY host ORDER BY min(page_id)
                    """,
                arguments: [observationID])
        }
    }
}
