import FigwatchCore

/// A validated configuration with every default applied: what the daemon runs on.
///
/// Built only by `ConfigLoader`, which `figwatch check-config`, `figwatch run` and
/// every reload share, so what `check-config` accepts is exactly what runs.
public struct Configuration: Sendable, Hashable {
    public struct Storage: Sendable, Hashable {
        /// Where the store lives: one SQLite file (the default) or a PostgreSQL database that several
        /// daemons share.
        public enum Backend: String, Sendable, Hashable, CaseIterable {
            case sqlite, postgres
        }

        /// Path of the SQLite file.
        public var path: String
        /// Keep observations and pages this long; `nil` keeps everything.
        public var retention: Duration?
        public var backend: Backend = .sqlite
        /// The `postgres://` URL of the database (backend `postgres` only). It may hold a password:
        /// never log it whole.
        public var url: String?
        /// This daemon's name in the sources' leases (backend `postgres`); `nil`: `hostname:pid`.
        public var owner: String?
        /// How long a claimed source stays this daemon's without a renewal (backend `postgres`): a daemon
        /// that dies has its sources taken over within one interval plus this.
        public var lease: Duration = .seconds(60)
    }

    public struct Fetch: Sendable, Hashable {
        public var userAgent: String = "figwatch/\(Configuration.version) (+https://github.com/figwatch/figwatch)"
        public var timeout: Duration = .seconds(30)
        public var connectTimeout: Duration = .seconds(10)
        public var maxBodyBytes: Int = 8 << 20
        public var maxRedirects: Int = 5
        public var concurrency: Int = 16
        public var perHostConcurrency: Int = 2
        public var perHostDelay: Duration = .seconds(1)
        public var allowFileURLs: Bool = false
        public var blockPrivateAddresses: Bool = false
    }

    public enum LogFormat: String, Sendable, Hashable, CaseIterable {
        case auto, journal, json, text
    }

    public struct Log: Sendable, Hashable {
        public var format: LogFormat = .auto
        /// A swift-log level name: trace, debug, info, notice, warning, error, critical.
        public var level: String = "info"
    }

    public enum SourceType: String, Sendable, Hashable, CaseIterable {
        /// One URL, read as an article.
        case page
        /// RSS 2.0, Atom 1.0 or RDF: each new item's link is fetched once.
        case feed
        /// A page whose links matching `follow` are fetched once each.
        case listing
    }

    public struct Source: Sendable, Hashable {
        public var id: String
        public var url: String
        public var type: SourceType
        public var interval: Duration
        /// XPath of the article text, overriding the heuristic.
        public var content: String?
        /// XPath selecting the links a listing follows.
        public var follow: String?
        /// Charset to decode with, overriding what the page says.
        public var charset: String?
        /// ISO 4217 code that 元 and amounts with no currency mean on this source's pages (`TWD` for a
        /// Taiwanese outlet), handed to the extractor as a hint; nil leaves it to the page.
        public var currency: String? = nil
        /// ISO 3166 code of the region the source writes for (`TW`, `HK`, `CN` ...), a hint likewise.
        public var region: String? = nil
    }

    public struct FX: Sendable, Hashable {
        /// Units of each currency per US dollar.
        public var rates: [String: ExactDecimal] = [:]
        /// Optional ECB daily reference-rate XML URL.
        public var feed: String?
    }

    public static let version = "0.1.0"

    /// The file this configuration was loaded from.
    public var path: String
    public var storage: Storage
    public var fetch = Fetch()
    public var log = Log()
    public var defaultInterval: Duration = .seconds(15 * 60)
    public var entities: [Entity] = []
    public var sources: [Source] = []
    public var alerts: [AlertRule] = []
    public var fx = FX()
    /// The HTTP listener; nil: none (see `Configuration+HTTP.swift`).
    public var http: HTTP? = nil
    /// `notifiers:`, in the order written.
    public var notifiers: [Notifier] = []
    /// `defaults.notify`: the notifiers of every rule that names none itself.
    public var defaultNotify: [String] = []
    /// `defaults.group_by`, `group_wait`, `group_interval`: the grouping of every rule that sets none.
    public var defaultGrouping = AlertGrouping()
    /// Every file read: the main one and the included ones (a reload watches them).
    public var files: [String] = []

    /// `ok: N sources, M entities, K alert rules`, as `check-config` prints it.
    public var summary: String {
        "ok: \(sources.count) sources, \(entities.count) entities, \(alerts.count) alert rules"
            + (notifiers.isEmpty ? "" : ", \(notifiers.count) notifiers")
    }
}
