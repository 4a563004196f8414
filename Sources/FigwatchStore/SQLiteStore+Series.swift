import FigwatchCore
import Foundation
import GRDB

extension SQLiteStore {
    public func series(entity: String, metric: Metric?, kind: FigureKind?, since: Int64?, until: Int64?)
        async throws -> [SeriesPoint]
    {
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
            arguments += [metric.rawValue]
        }
        if let kind {
            filters.append("o.kind = ?")
            arguments += [kind.rawValue]
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
        // a metric or kind the filter fixed is not asked for, and '' and '[]' (no currency, no
        // alternates) are told apart here rather than by a function call per row in SQL.
        let columns = SeriesColumns(metricFixed: metric != nil, kindFixed: kind != nil)
        return try await read("read the series of \(entity)") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT \(columns.selectList) FROM observations o JOIN pages p ON p.id = o.page_id WHERE \(condition)
                """)
            try statement.setArguments(queryArguments)
            let raw = RawStatement(statement)
            defer { raw.finish() }
            var points: [SeriesPoint] = []
            while try raw.next(db) {
                points.append(try Self.point(raw, columns, entity: entity, metric: metric, kind: kind))
            }
            return Self.inTimeOrder(points)
        }
    }

    /// The series query's columns, by position: the same twelve always, then the metric and the kind
    /// when the query does not fix them.
    struct SeriesColumns {
        static let always = [
            "o.id", "o.value", "o.currency", "o.bound", "o.alternates", "o.time", "o.published_at", "o.observed_at",
            "o.host_count", "p.url", "o.sentence", #"o."offset""#,
        ]
        let metric: Int32?
        let kind: Int32?
        let selectList: String

        init(metricFixed: Bool, kindFixed: Bool) {
            var list = Self.always
            metric = metricFixed ? nil : Int32(list.count)
            if !metricFixed { list.append("o.metric") }
            kind = kindFixed ? nil : Int32(list.count)
            if !kindFixed { list.append("o.kind") }
            selectList = list.joined(separator: ", ")
        }
    }

    /// `points` ordered by (time, id). Sorts (time, id, position) triples rather than the points
    /// themselves, which are large to move.
    static func inTimeOrder(_ points: [SeriesPoint]) -> [SeriesPoint] {
        // Fields by index: iterating the points by value would copy each one (and retain its strings).
        if points.indices.dropFirst().allSatisfy({ i in
            (points[i - 1].time, points[i - 1].id) <= (points[i].time, points[i].id)
        }) {
            return points
        }
        var order = points.indices.map { (time: points[$0].time, id: points[$0].id, position: $0) }
        order.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        return order.map { points[$0.position] }
    }

    /// Decodes the current row of the series query (the hot loop of `figwatch series`). Columns the
    /// query fixed (entity, and metric or kind when filtered) are not read back, and the value is parsed
    /// from SQLite's bytes without making a `String` of it.
    private static func point(
        _ row: RawStatement, _ columns: SeriesColumns, entity: String, metric: Metric?, kind: FigureKind?
    ) throws -> SeriesPoint {
        let id = row.int64(0)
        guard let value = row.utf8(1).flatMap(storedDecimal),
            let metric = metric ?? columns.metric.flatMap(row.string).flatMap(Metric.init(rawValue:)),
            let kind = kind ?? columns.kind.flatMap(row.string).flatMap(FigureKind.init(rawValue:)),
            let bound = row.string(3).flatMap(Bound.init(rawValue:)),
            let url = row.string(9), let sentence = row.string(10)
        else {
            throw StoreError(.corruptValue, "observation \(id) has an unreadable value, metric, kind or bound")
        }
        // Stored as '' when there is none (a key column, v6).
        let currency = row.utf8(2).flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        var alternates: [Alternate] = []
        if let alternatesText = row.utf8(4), !alternatesText.elementsEqual("[]".utf8) {
            do {
                alternates = try JSONDecoder().decode([Alternate].self, from: Data(alternatesText))
            } catch {
                throw StoreError(.corruptValue, "observation \(id) has unreadable alternates", underlying: error)
            }
        }
        return SeriesPoint(
            id: id, entity: entity, metric: metric, kind: kind, value: value, currency: currency, bound: bound,
            alternates: alternates, time: row.int64(5), publishedAt: row.optionalInt64(6), observedAt: row.int64(7),
            sourceCount: Int(row.int64(8)), firstSourceURL: url, sentence: sentence, offset: Int(row.int64(11)))
    }

    /// Parses a `value` column (plain ASCII digits, optional sign and point, as `ExactDecimal.description`
    /// writes them). Core's generic `ExactDecimal.init(_: some StringProtocol)` is not specialised across
    /// modules and was the larger half of a 100,000-point series query; this loop over bytes is several
    /// times faster.
    static func storedDecimal(_ text: String) -> ExactDecimal? {
        var text = text
        return text.withUTF8 { storedDecimal($0) }
    }

    static func storedDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        var significand: Int128 = 0
        var exponent = 0
        var negative = false
        var seenPoint = false
        var seenDigit = false
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (shifted, o1) = significand.multipliedReportingOverflow(by: 10)
                let (sum, o2) = shifted.addingReportingOverflow(Int128(byte &- UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                significand = sum
                seenDigit = true
                if seenPoint { exponent -= 1 }
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        return ExactDecimal(significand: negative ? -significand : significand, exponent: exponent)
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
                arguments: [entity, metric.rawValue, firstDay, lastDay, kind.rawValue, currency ?? "", since, until, lower,
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
