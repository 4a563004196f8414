/// What appending one page did to the store.
public struct AppendResult: Sendable, Hashable {
    /// The store's id of the page (existing or new).
    public var pageID: Int64
    /// True when the page was already stored with the same content hash: nothing was added.
    public var unchanged: Bool
    /// Figures that became new observations.
    public var created: Int
    /// Figures that matched an existing observation of the same UTC day (another outlet, or the same
    /// page updated) and were recorded as one more source of it.
    public var merged: Int

    public init(pageID: Int64, unchanged: Bool, created: Int, merged: Int) {
        self.pageID = pageID
        self.unchanged = unchanged
        self.created = created
        self.merged = merged
    }
}
