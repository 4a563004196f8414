import CoreMetrics
import FigwatchConfig
import FigwatchCore
import Metrics
import Prometheus

/// The daemon's metrics, named once: the daemon counts through these calls (swift-metrics), and
/// `/metrics` exposes the Prometheus registry behind them.
///
/// Label values come from the configuration (source, entity and rule ids) or from small fixed sets
/// (results, metrics, languages, states), never from page content, so the number of series is
/// bounded by the configuration.
///
/// ```swift
/// FigwatchMetrics.bootstrap()                       // once, in `figwatch run`
/// FigwatchMetrics.fetched(source: "reuters", result: .ok, duration: .milliseconds(120))
/// ```
public enum FigwatchMetrics {
    /// How a fetch ended, as `figwatch_source_fetches_total{result}` names it.
    public enum FetchResult: String, Sendable, CaseIterable {
        case ok, notModified = "not_modified", httpError = "http_error", networkError = "network_error"
        case tooLarge = "too_large", refused
    }

    /// The registry `/metrics` renders. Filled by swift-metrics once `bootstrap()` ran, and by the
    /// listener's scrape-time gauges in any case.
    public static let registry = PrometheusCollectorRegistry()

    /// Fetch durations: a news site answers in tens of milliseconds to tens of seconds.
    static let fetchBuckets: [Duration] = [
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]
    /// Store commits: group commit keeps most well under a few milliseconds.
    static let appendBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
    ]

    /// Makes swift-metrics report into `registry`. Call once per process, before anything counts; a
    /// process that never calls it (the CLI, tests in-process) counts into swift-metrics' no-op.
    public static func bootstrap() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            "figwatch_fetch_duration_seconds": fetchBuckets,
            "figwatch_store_append_duration_seconds": appendBuckets,
        ]
        MetricsSystem.bootstrap(factory)
        // Families that exist from the start, so a scrape before the first fetch already lists them.
        // (Help text "" as swift-metrics registers them: the registry insists a family's help never changes.)
        _ = registry.makeCounter(descriptor: descriptor("figwatch_pages_processed_total"))
        _ = registry.makeDurationHistogram(descriptor: descriptor("figwatch_fetch_duration_seconds"), buckets: fetchBuckets)
        _ = registry.makeDurationHistogram(
            descriptor: descriptor("figwatch_store_append_duration_seconds"), buckets: appendBuckets)
    }

    /// A family's full name as the registry takes it.
    static func descriptor(_ name: String, help: String = "") -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    // MARK: What the daemon reports

    /// One HTTP request for a source (its own URL or an article it links to).
    public static func fetched(source: String, result: FetchResult, duration: Duration) {
        CoreMetrics.Counter(label: "figwatch_source_fetches_total", dimensions: [("source", source), ("result", result.rawValue)])
            .increment()
        CoreMetrics.Timer(label: "figwatch_fetch_duration_seconds").recordNanoseconds(duration.nanoseconds)
    }

    /// A run of a source ended: its health gauges.
    public static func sourceRan(source: String, succeeded: Bool, consecutiveFailures: Int, at time: Int64) {
        CoreMetrics.Gauge(label: "figwatch_source_up", dimensions: [("source", source)]).record(succeeded ? 1 : 0)
        CoreMetrics.Gauge(label: "figwatch_source_consecutive_failures", dimensions: [("source", source)]).record(consecutiveFailures)
        if succeeded {
            CoreMetrics.Gauge(label: "figwatch_source_last_success_timestamp_seconds", dimensions: [("source", source)])
                .record(Double(time) / 1000)
        }
        DaemonReadiness.shared.runFinished()
    }

    /// A page committed to the store with its figures.
    public static func pageStored(figures: [Figure], appendDuration: Duration) {
        CoreMetrics.Counter(label: "figwatch_pages_processed_total").increment()
        CoreMetrics.Timer(label: "figwatch_store_append_duration_seconds").recordNanoseconds(appendDuration.nanoseconds)
        for figure in figures {
            CoreMetrics.Counter(label: "figwatch_figures_extracted_total", dimensions: [
                ("metric", figure.metric.rawValue), ("lang", language(figure.lang)),
            ]).increment()
            CoreMetrics.Counter(label: "figwatch_figures_stored_total", dimensions: [("metric", figure.metric.rawValue)]).increment()
        }
        DaemonReadiness.shared.figuresChanged(entities: Set(figures.compactMap(\.entity)))
    }

    /// An alert rule fired or resolved for an entity.
    public static func alertTransition(rule: String, state: String) {
        CoreMetrics.Counter(label: "figwatch_alert_transitions_total", dimensions: [("rule", rule), ("state", state)]).increment()
    }

    /// A notification left (or failed to): `channel` is log, exec or webhook; `result` ok or failed.
    public static func notification(channel: String, succeeded: Bool) {
        CoreMetrics.Counter(label: "figwatch_notifications_total", dimensions: [
            ("channel", channel), ("result", succeeded ? "ok" : "failed"),
        ]).increment()
    }

    /// Languages figwatch reads, and `other`: a label must not take whatever a page declares.
    static func language(_ code: String) -> String {
        let base = code.lowercased().split(separator: "-").first.map(String.init) ?? ""
        return ["zh", "en", "ja", "de"].contains(base) ? base : "other"
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
