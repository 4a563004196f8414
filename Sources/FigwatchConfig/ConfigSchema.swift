/// The keys each section of the configuration accepts; anything else is an error.
enum ConfigSchema {
    static let topLevel = ["storage", "fetch", "log", "defaults", "entities", "sources", "alerts", "fx", "include", "http", "notifiers"]
    static let includable = ["entities", "sources", "alerts"]
    static let storage = ["backend", "path", "url", "retention", "owner", "lease"]
    static let fetch = [
        "user_agent", "timeout", "connect_timeout", "max_body_bytes", "max_redirects", "concurrency",
        "per_host_concurrency", "per_host_delay", "allow_file_urls", "block_private_addresses",
    ]
    static let log = ["format", "level"]
    static let defaults = ["interval", "notify", "group_by", "group_wait", "group_interval"]
    static let entity = ["id", "name", "aliases", "currency"]
    static let source = ["id", "url", "type", "interval", "content", "follow", "charset", "currency", "region"]
    static let alert = [
        "id", "entity", "metric", "source", "above", "below", "clear_below", "clear_above", "change_pct",
        "change_above", "direction", "new_high", "new_low", "stale_after", "source_failing_after",
        "min_sources", "window", "repeat", "exec", "exec_timeout", "webhook", "webhook_expire", "status", "currency", "notify",
        "group_by", "group_wait", "group_interval",
    ]
    static let conditions = [
        "above", "below", "change_pct", "change_above", "new_high", "new_low", "stale_after", "source_failing_after",
    ]
    static let fx = ["rates", "feed"]
    static let http = ["listen", "users_file", "allowed_networks"]
    static let notifier = [
        "id", "type", "url", "topic", "chat_id", "room", "token_file", "username", "password_file", "from", "to",
        "headers", "body", "command", "timeout", "expire", "templates",
    ]
    /// The keys each notifier type takes besides `id`, `type`, `timeout`, `expire` and `templates`, and
    /// which of them it requires.
    static let notifierKeys: [Notifier.Kind: (allowed: [String], required: [String])] = [
        .slack: (["url"], ["url"]),
        .discord: (["url"], ["url"]),
        .ntfy: (["url", "topic", "token_file"], ["url", "topic"]),
        .telegram: (["url", "token_file", "chat_id"], ["token_file", "chat_id"]),
        .matrix: (["url", "room", "token_file"], ["url", "room", "token_file"]),
        .webhook: (["url", "headers", "body"], ["url"]),
        .exec: (["command"], ["command"]),
        .email: (["url", "from", "to", "username", "password_file"], ["url", "from", "to"]),
    ]
    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Ids are used in file names, log fields and URLs: keep them plain.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.isASCIILowercaseOrDigit, id.count <= 64 else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCIILowercaseOrDigit || $0 == "-" || $0 == "_" || $0 == "." }
    }
}

extension Unicode.Scalar {
    var isASCIILowercaseOrDigit: Bool { ("a"..."z").contains(self) || ("0"..."9").contains(self) }
}
