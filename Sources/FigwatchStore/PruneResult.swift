/// What a retention pass removed.
public struct PruneResult: Sendable, Hashable {
    public var observations: Int
    public var pages: Int
    public var followedLinks: Int
    public var alertEvents: Int
    public var webhooks: Int
    /// Silences that had ended (by their time or by hand) before the cutoff.
    public var silences: Int

    public init(
        observations: Int = 0, pages: Int = 0, followedLinks: Int = 0, alertEvents: Int = 0, webhooks: Int = 0,
        silences: Int = 0
    ) {
        self.observations = observations
        self.pages = pages
        self.followedLinks = followedLinks
        self.alertEvents = alertEvents
        self.webhooks = webhooks
        self.silences = silences
    }
}
