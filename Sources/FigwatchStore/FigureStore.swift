import FigwatchCore

/// Where figwatch keeps what it has seen: pages, figures as a time series, source and alert state.
///
/// The pipeline stages and the CLI talk to this protocol only; `SQLiteStore` and `PostgresStore`
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
public protocol FigureStore: AlertPassStore {
    // MARK: Pages and figures

    /// True when `url` is stored with exactly this content hash: the page need not be parsed again.
    func pageUnchanged(url: String, contentHash: String) async throws -> Bool

    /// Stores a page and its figures atomically: when this returns, all of them are committed; when it
    /// throws, none is.
    ///
    /// The same page with the same content hash adds nothing (`unchanged`). A figure equal to one
    /// already stored for the same UTC day (same entity, metric, kind, exact value, currency, bound and
    /// status) is merged into it as one more source instead of becoming a second point.
    ///
    /// The status is part of that identity: "in talks to raise at a $61.5bn valuation" (forecast) and
    /// "raised at a $61.5bn valuation" (current) are two statements, often on the same day. Merged,
    /// whichever came first would speak for both: the fact would vanish from a series of current
    /// figures behind the forecast that preceded it, or a rule reading current figures would fire on
    /// the forecast that followed a fact. An older value quoted as `past` ("cut to $6.7bn from
    /// $45.6bn") must likewise not count as one more outlet stating it today.
    func append(page: PageRecord, figures: [Figure], sourceID: String?) async throws -> AppendResult

    /// The points of one entity's series in time order (oldest first), `since` and `until` inclusive;
    /// `nil` filters mean all metrics / kinds / times; only figures of `statuses` (all three for every
    /// point). `detail` says whether each point's `provenance` is read too.
    func series(
        entity: String, metric: Metric?, kind: FigureKind?, statuses: Set<FigureStatus>, since: Int64?, until: Int64?,
        detail: SeriesDetail
    ) async throws -> [SeriesPoint]

    /// Distinct hosts that reported an observation, in the order they were recorded.
    func sourceHosts(observationID: Int64) async throws -> [String]

    /// Sightings (one per figure per outlet page) after `id`, in id order: what alert rules read.
    /// Ids only grow and are never reused, so a rule's cursor over them survives retention.
    func sightings(after id: Int64, limit: Int) async throws -> [Sighting]
    /// The newest sighting's id, or 0 when there is none.
    func lastSightingID() async throws -> Int64

    /// The number of distinct hosts that reported a value of `entity`'s `metric`/`kind` in `currency`
    /// within `range` (inclusive, exact decimal comparison) between `since` and `until`: what an alert
    /// with `min_sources` asks ("do two outlets agree it is above 4 trillion HKD this week?").
    func distinctHosts(
        entity: String, metric: Metric, kind: FigureKind, currency: String?, range: ValueRange,
        since: Int64, until: Int64
    ) async throws -> Int

    // MARK: Sources

    func sources() async throws -> [SourceState]
    func source(id: String) async throws -> SourceState?
    /// Inserts or replaces the fetch state of `state.id`; the lease is left as it is.
    func updateSourceState(_ state: SourceState) async throws
    /// Forgets sources no longer configured (and their followed links).
    func removeSources(notIn ids: Set<String>) async throws
    /// Takes the fetch lease of a source for `owner` until `until` when it is free or expired at `now`;
    /// false when another owner holds it.
    func acquireLease(sourceID: String, owner: String, until: Int64, now: Int64) async throws -> Bool

    // MARK: Followed links (feeds and listings)

    /// Those of `urls` not yet followed from `sourceID`, in the given order, without duplicates.
    func newLinks(sourceID: String, among urls: [String]) async throws -> [String]
    /// Records links as followed; call once their page is stored (or given up on), so a crash in between
    /// makes the daemon follow them again rather than lose them.
    func markFollowed(sourceID: String, urls: [String], at time: Int64) async throws

    // MARK: Alerts

    func alertState(rule: String, entity: String) async throws -> AlertStateRecord?
    func alertStates() async throws -> [AlertStateRecord]
    /// Saves an alert's state, appends its transition to the history and queues its webhook in one
    /// transaction, so that after a crash the three never disagree.
    func recordAlert(state: AlertStateRecord, event: AlertEvent?, webhook: WebhookMessage?) async throws
    /// Runs one pass of alert rule `rule` with a view of the store in which no other pass of the same
    /// rule (in this or another daemon) runs at the same time; what `body` records is committed when it
    /// returns and discarded when it throws (see `AlertPassStore`).
    func withAlertPass<T: Sendable>(rule: String, _ body: @escaping @Sendable (any AlertPassStore) async throws -> T)
        async throws -> T
    /// Alert transitions at or after `since`, oldest first.
    func alertHistory(since: Int64?) async throws -> [AlertEvent]

    // MARK: Webhook outbox

    /// Undelivered, unexpired messages due at `now`, oldest first. A store that several daemons share
    /// hands each message to one caller: what it returns is not due again for a while (a claim), unless
    /// marked delivered or failed first.
    func dueWebhooks(now: Int64, limit: Int) async throws -> [WebhookMessage]
    func markWebhookDelivered(id: Int64, at time: Int64) async throws
    func markWebhookFailed(id: Int64, error: String, nextAttemptAt: Int64) async throws

    // MARK: Retention

    /// Deletes observations whose time is before `cutoff`, pages fetched before it that no remaining
    /// observation cites, and old followed links, alert history and finished webhooks.
    func prune(olderThan cutoff: Int64) async throws -> PruneResult
}

extension FigureStore {
    /// The series of current figures (statements of fact), what a series, a chart and an alert rule
    /// read unless asked otherwise.
    public func series(
        entity: String, metric: Metric?, kind: FigureKind?, since: Int64?, until: Int64?, detail: SeriesDetail
    ) async throws -> [SeriesPoint] {
        try await series(
            entity: entity, metric: metric, kind: kind, statuses: FigureStatus.defaultSelection, since: since,
            until: until, detail: detail)
    }
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
