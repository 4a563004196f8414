import FigwatchCore

/// Pages and their figures going in, and the links a feed or listing led to: what a source's run
/// writes (`FigureStore` says what all the store protocols share: times, errors).
public protocol FigureWriter: Sendable {
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

    /// Those of `urls` not yet followed from `sourceID`, in the given order, without duplicates.
    func newLinks(sourceID: String, among urls: [String]) async throws -> [String]
    /// Records links as followed; call once their page is stored (or given up on), so a crash in between
    /// makes the daemon follow them again rather than lose them.
    func markFollowed(sourceID: String, urls: [String], at time: Int64) async throws
}
