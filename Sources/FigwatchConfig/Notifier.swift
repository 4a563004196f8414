/// A text read from a secret file (`token_file:`, `password_file:`): printed, logged or compared in
/// a message it shows as `<secret>`, so no error, log record or `check-config` output can carry it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself, for the one place that sends it (a header, an SMTP login, a bot URL).
    public func reveal() -> String { value }

    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
}

/// One entry of `notifiers:`: a channel alert transitions reach a person through.
///
/// Rules name notifiers by id (`notify: [team-slack]`, or `defaults: {notify: [...]}`); each
/// (transition, notifier) becomes one row in the store's outbox, sent alone or in its group's message
/// (`group_by`), except `exec`, which runs at once as a rule's `exec:` does.
public struct Notifier: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case slack, discord, ntfy, telegram, matrix, webhook, exec, email
    }

    public var id: String
    public var kind: Kind
    /// The incoming-webhook URL (slack, discord, webhook), the server (ntfy), the homeserver (matrix),
    /// the Bot API base (telegram, default `https://api.telegram.org`) or the `smtp://` / `smtps://`
    /// server (email).
    public var url: String
    /// ntfy topic.
    public var topic: String?
    /// telegram chat id.
    public var chatID: String?
    /// matrix room id (`!abc:example.org`).
    public var room: String?
    /// ntfy, telegram and matrix token, from `token_file:`.
    public var token: Secret?
    /// email: SMTP login and password (`password_file:`), envelope sender and recipients.
    public var username: String?
    public var password: Secret?
    public var from: String?
    public var to: [String] = []
    /// webhook: extra request headers, in the order written.
    public var headers: [[String]] = []
    /// webhook: the request body as a template (`body:`), instead of figwatch's JSON.
    public var body: String?
    /// exec: argv (absolute program path, no shell).
    public var command: [String] = []
    /// How long one delivery may take before it counts as failed (and is retried).
    public var timeout: Duration = .seconds(10)
    /// A message not delivered within this long after its transition is given up.
    public var expire: Duration = .seconds(86_400)
    /// Message templates by transition state (`firing`, `resolved`); a missing one uses the default.
    public var templates: [String: String] = [:]

    public init(id: String, kind: Kind, url: String) {
        self.id = id
        self.kind = kind
        self.url = url
    }

    /// Whether deliveries go through the outbox (everything but `exec`).
    public var isQueued: Bool { kind != .exec }
}
