/// A silence: the deliveries of one alert rule's transitions (for one entity, or for all of them) muted for
/// a while (`figwatch silence add`).
///
/// A silence mutes delivery only: the alert's state still moves and each transition is still recorded and
/// logged, naming the silence (`AlertEvent.silenceID`). It ends by itself at `endsAt`, or earlier when
/// expired by hand (`expiredAt`); the alert pass reads the silences at each transition, so either takes
/// effect without a restart.
public struct Silence: Sendable, Hashable {
    /// The store's id, never reused; ignored when adding, set when read back.
    public var id: Int64
    /// The alert rule's id.
    public var rule: String
    /// The entity id (or, for `source_failing_after`, the source id) it mutes; nil mutes every one.
    public var entity: String?
    /// UTC epoch milliseconds: muted from `startsAt` (inclusive) until `endsAt` (exclusive).
    public var startsAt: Int64
    public var endsAt: Int64
    /// Why, in the operator's words.
    public var comment: String
    /// Who added it (the user that ran `figwatch silence add`).
    public var createdBy: String
    public var createdAt: Int64
    /// When `figwatch silence expire` ended it before `endsAt`; nil when it runs its course.
    public var expiredAt: Int64?

    public init(
        id: Int64 = 0, rule: String, entity: String? = nil, startsAt: Int64, endsAt: Int64, comment: String,
        createdBy: String, createdAt: Int64, expiredAt: Int64? = nil
    ) {
        self.id = id
        self.rule = rule
        self.entity = entity
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.comment = comment
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.expiredAt = expiredAt
    }

    /// Whether it mutes at `time`: started, not yet ended, not expired by hand. An expiry by hand counts
    /// whatever clock wrote it, so that a command's clock running behind the daemon's cannot revive it.
    public func isActive(at time: Int64) -> Bool {
        expiredAt == nil && startsAt <= time && time < endsAt
    }

    /// Whether it mutes a transition of `rule` for `entity` at `time`.
    public func mutes(rule: String, entity: String, at time: Int64) -> Bool {
        self.rule == rule && (self.entity == nil || self.entity == entity) && isActive(at: time)
    }

    /// When it stopped (or will stop) muting: the earlier of its end and its expiry by hand.
    public var end: Int64 { min(endsAt, expiredAt ?? endsAt) }
}

/// The silences as the operator works them (`figwatch silence add | list | expire`). The alert pass reads
/// the active ones through its own view (`AlertPassStore.silences(rule:activeAt:)`).
public protocol SilenceLedger: Sendable {
    /// Records `silence` (its `id` is ignored) and returns it with the id the store gave it.
    func addSilence(_ silence: Silence) async throws -> Silence
    /// Every silence the store holds, active or not, by id.
    func silences() async throws -> [Silence]
    /// Expires silence `id` at `time` and returns it as it now is; one already expired is returned as it
    /// was. Nil when there is no silence `id`.
    func expireSilence(id: Int64, at time: Int64) async throws -> Silence?
}
