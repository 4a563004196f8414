import FigwatchCore
import FigwatchStore
import Foundation
import PostgresNIO

extension PostgresStore {
    public func series(
        entity: String, metric: Metric?, kind: FigureKind?, statuses: Set<FigureStatus>, since: Int64?, until: Int64?,
        detail: SeriesDetail
    ) async throws -> [SeriesPoint] {
        // Only the filters given go into the SQL, so the (entity, metric, time) index serves both the
        // search and the order, as in the SQLite store.
        var bindings = PostgresBindings()
        var filters: [String] = []
        func filter(_ column: String, _ op: String, _ value: some PostgresDynamicTypeEncodable) {
            bindings.append(value)
            filters.append("o.\(column) \(op) $\(bindings.count)")
        }
        filter("entity", "=", entity)
        if let metric { filter("metric", "=", metric.rawValue) }
        if let kind { filter("kind", "=", kind.rawValue) }
        if statuses.count < FigureStatus.allCases.count {
            bindings.append(FigureStatus.allCases.filter(statuses.contains).map(\.rawValue))
            filters.append("o.status = ANY($\(bindings.count))")
        }
        if let since { filter("\"time\"", ">=", since) }
        if let until { filter("\"time\"", "<=", until) }
        // The provenance's columns come last, and only when asked for.
        let withProvenance = detail == .withProvenance
        let provenanceColumns = withProvenance ? #", o.alternates, o.published_at, o.observed_at, o.sentence, o."offset""# : ""
        let query = PostgresQuery(unsafeSQL: """
            SELECT o.id, o.metric, o.kind, o.value::text, o.currency, o.bound, o."time", o.host_count, p.url, o.status,
                o.currency_inferred \(provenanceColumns)
            FROM observations o JOIN pages p ON p.id = o.page_id
            WHERE \(filters.joined(separator: " AND "))
            ORDER BY o."time", o.id
            """, binds: bindings)
        let logger = self.logger
        return try await read("read the series of \(entity)") { connection in
            var points: [SeriesPoint] = []
            for try await row in try await connection.query(query, logger: logger) {
                points.append(try Self.point(row, entity: entity, withProvenance: withProvenance))
            }
            return points
        }
    }

    private static func point(_ row: PostgresRow, entity: String, withProvenance: Bool) throws -> SeriesPoint {
        let (id, metricText, kindText, valueText, currency, boundText, time, hostCount, url, statusText, inferred) =
            try row.decode((Int64, String, String, String, String?, String, Int64, Int, String, String, Bool).self)
        guard let value = ExactDecimal(valueText), let metric = Metric(rawValue: metricText),
            let kind = FigureKind(rawValue: kindText), let bound = Bound(rawValue: boundText),
            let status = FigureStatus(rawValue: statusText)
        else {
            throw StoreError(.corruptValue, "observation \(id) has an unreadable value, metric, kind, bound or status")
        }
        return SeriesPoint(
            id: id, entity: entity, metric: metric, kind: kind, value: value, currency: currency,
            currencyInferred: inferred, bound: bound, status: status, time: time, sourceCount: hostCount, firstSourceURL: url,
            provenance: withProvenance ? try provenance(row.makeRandomAccess(), id: id) : nil)
    }

    /// The provenance columns, after the eleven of the summary.
    private static func provenance(_ cells: PostgresRandomAccessRow, id: Int64) throws -> SeriesPoint.Provenance {
        let alternatesText = try cells[11].decode(String.self)
        var alternates: [Alternate] = []
        if alternatesText != "[]" {
            do {
                alternates = try JSONDecoder().decode([Alternate].self, from: Data(alternatesText.utf8))
            } catch {
                throw StoreError(.corruptValue, "observation \(id) has unreadable alternates", underlying: error)
            }
        }
        return SeriesPoint.Provenance(
            alternates: alternates, publishedAt: try cells[12].decode(Int64?.self),
            observedAt: try cells[13].decode(Int64.self), sentence: try cells[14].decode(String.self),
            offset: try cells[15].decode(Int.self))
    }

    public func distinctHosts(
        entity: String, metric: Metric, kind: FigureKind, currency: String?, range: ValueRange,
        since: Int64, until: Int64
    ) async throws -> Int {
        // value is NUMERIC: the range is compared exactly by the database, no sort key needed.
        let lower = range.lower?.description
        let upper = range.upper?.description
        let logger = self.logger
        return try await read("count the sources of \(entity) \(metric.rawValue)") { connection in
            try await connection.query("""
                SELECT count(DISTINCT s.host) FROM observations o
                JOIN observation_sources s ON s.observation_id = o.id
                WHERE o.entity = \(entity) AND o.metric = \(metric.rawValue) AND o.kind = \(kind.rawValue)
                    AND o.currency IS NOT DISTINCT FROM \(currency) AND o."time" >= \(since) AND o."time" <= \(until)
                    AND (\(lower)::numeric IS NULL OR o.value >= \(lower)::numeric)
                    AND (\(upper)::numeric IS NULL OR o.value <= \(upper)::numeric)
                """, logger: logger).collect().first?.decode(Int.self) ?? 0
        }
    }

    public func sourceHosts(observationID: Int64) async throws -> [String] {
        let logger = self.logger
        return try await read("read the sources of observation \(observationID)") { connection in
            var hosts: [String] = []
            for try await host in try await connection.query("""
                SELECT host FROM observation_sources WHERE observation_id = \(observationID)
                GROUP BY host ORDER BY min(page_id)
                """, logger: logger).decode(String.self) {
                hosts.append(host)
            }
            return hosts
        }
    }
}
