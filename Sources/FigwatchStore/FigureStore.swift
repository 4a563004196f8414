import FigwatchCore

/// Where figwatch keeps what it has seen: pages, figures as a time series, source and alert state.
///
/// One protocol per kind of caller, so that each asks for the least it needs: a source's run writes
/// pages (`FigureWriter`), the CLI and charts read series (`SeriesReader`), the scheduler keeps each
/// source's fetch state (`SourceLedger`), the alert engine reads sightings and records transitions
/// (`AlertLedger`), the webhook sender works the queue (`Outbox`), retention prunes (`Retention`), and the
/// operator's `figwatch silence` commands keep the silences (`SilenceLedger`).
/// Only what wires them all (the daemon, the CLI's store commands) holds the whole `FigureStore`.
///
/// The pipeline stages and the CLI talk to these protocols only; `SQLiteStore` and `PostgresStore`
/// implement it. It therefore names no SQL and no GRDB type. Every time is UTC epoch
/// milliseconds. Every method throws `StoreError`.
///
/// ```swift
/// let store = try SQLiteStore(path: "/var/lib/figwatch/figwatch.sqlite")
/// if try await !store.pageUnchanged(url: url, contentHash: hash) {
///     let result = try await store.append(page: page, figures: figures, sourceID: "netease-alibaba")
/// }
/// let points = try await store.series(
///     entity: "alibaba", metric: .marketCap, kind: .level, since: nil, until: nil, detail: .summary)
/// ```
public typealias FigureStore = FigureWriter & SeriesReader & SourceLedger & AlertLedger & Outbox & Retention
    & SilenceLedger

/// Old records going: `storage.retention`.
public protocol Retention: Sendable {
    /// Deletes observations whose time is before `cutoff`, pages fetched before it that no remaining
    /// observation cites, and old followed links, alert history, finished webhooks and ended silences.
    func prune(olderThan cutoff: Int64) async throws -> PruneResult
}

/// How much of each point a series query reads.
public enum SeriesDetail: Sendable {
    /// What a row of `figwatch series` and a chart show: time, metric, kind, value, currency, bound,
    /// the number of sources and the first one's URL. `provenance` is nil.
    case summary
    /// The summary and each point's `provenance`: the first report's sentence and the amount's offset
    /// in it, alternate readings, and the page's publication and fetch times (for CSV and JSON).
    case withProvenance
}
