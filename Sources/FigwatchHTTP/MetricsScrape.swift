import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Prometheus
import Synchronization

/// One `/metrics` response: the gauges that are read rather than counted (process, store, alert
/// states, the latest figures) are brought up to date, then the whole registry is rendered in the
/// Prometheus text format 0.0.4 (swift-prometheus writes no OpenMetrics).
final class MetricsScrape: Sendable {
    let registry: PrometheusCollectorRegistry
    let store: any FigureStore
    let snapshots: DashboardSnapshots
    /// CPU seconds already added to `process_cpu_seconds_total` (a counter only goes up by increments).
    let cpuCounted = Mutex(0.0)
    /// Owners seen holding leases: one that holds none any more reads 0, not its last count.
    let leaseOwners = Mutex<Set<String>>([])

    init(registry: PrometheusCollectorRegistry, store: any FigureStore, snapshots: DashboardSnapshots) {
        self.registry = registry
        self.store = store
        self.snapshots = snapshots
    }

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func render(configuration: Configuration, now: Int64) async -> [UInt8] {
        recordProcess()
        registry.makeGauge(
            descriptor: FigwatchMetrics.descriptor("figwatch_build_info", help: "figwatch's version; always 1."),
            labels: [("version", Configuration.version)]
        ).set(Double(1))
        registry.makeGauge(descriptor: FigwatchMetrics.descriptor(
            "figwatch_configured_sources", help: "Sources in the configuration in force.")).set(Double(configuration.sources.count))
        await recordStore(now: now)
        await recordAlerts()
        if let latest = try? await snapshots.latest(configuration: configuration, now: now) {
            recordFigures(latest)
        }
        return registry.emitToBuffer()
    }

    private func recordProcess() {
        let stats = ProcessStats.read()
        func gauge(_ name: String, _ help: String, _ value: Double) {
            registry.makeGauge(descriptor: FigwatchMetrics.descriptor(name, help: help)).set(value)
        }
        gauge("process_resident_memory_bytes", "Resident memory size in bytes.", stats.residentBytes)
        gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", stats.virtualBytes)
        gauge("process_open_fds", "Number of open file descriptors.", stats.openFDs)
        gauge("process_max_fds", "Maximum number of open file descriptors.", stats.maxFDs)
        gauge("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.", stats.startTimeSeconds)
        let cpu = registry.makeCounter(descriptor: FigwatchMetrics.descriptor(
            "process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds."))
        let delta = cpuCounted.withLock { counted -> Double in
            let delta = max(stats.cpuSeconds - counted, 0)
            counted += delta
            return delta
        }
        if delta > 0 { cpu.increment(by: delta) }
    }

    private func recordStore(now: Int64) async {
        guard let readings = store as? any StoreReadings else { return }
        if let depth = try? await readings.webhookQueueDepth(now: now) {
            registry.makeGauge(descriptor: FigwatchMetrics.descriptor(
                "figwatch_webhook_queue_depth", help: "Webhook messages waiting for delivery.")).set(Double(depth))
        }
        if let leases = try? await readings.leasesHeld(now: now) {
            let descriptor = FigwatchMetrics.descriptor(
                "figwatch_store_leases", help: "Source leases held on a shared store, by daemon (PostgreSQL only).")
            let owners = leaseOwners.withLock { seen in
                seen.formUnion(leases.keys)
                return seen
            }
            for owner in owners {
                registry.makeGauge(descriptor: descriptor, labels: [("owner", owner)]).set(Double(leases[owner] ?? 0))
            }
        }
        if let size = try? await readings.sizeBytes() {
            registry.makeGauge(descriptor: FigwatchMetrics.descriptor(
                "figwatch_store_size_bytes", help: "Bytes the store takes on disk.")).set(Double(size))
        }
    }

    /// 0 ok (or resolved), 2 firing. 1 (waiting for corroboration, `min_sources`) is reserved: the alert
    /// state machine keeps no such phase yet, so it never appears today.
    private func recordAlerts() async {
        guard let states = try? await store.alertStates() else { return }
        let descriptor = FigwatchMetrics.descriptor(
            "figwatch_alert_state", help: "Alert rule state per entity: 0 ok or resolved, 2 firing (1, pending corroboration, is reserved).")
        // Entity "*" is a rule's own bookkeeping (its cursor over the sightings), not an alert.
        for state in states where state.entity != "*" {
            registry.makeGauge(descriptor: descriptor, labels: [("rule", state.rule), ("entity", state.entity)])
                .set(Self.alertLevel(state.state))
        }
    }

    static func alertLevel(_ state: String) -> Double {
        switch state {
        case "firing": 2
        case "pending": 1
        default: 0
        }
    }

    private func recordFigures(_ latest: [LatestFigure]) {
        let value = FigwatchMetrics.descriptor(
            "figwatch_figure_value", help: "The latest current level of each watched series, in units of its currency.")
        let time = FigwatchMetrics.descriptor(
            "figwatch_figure_timestamp_seconds", help: "When the latest level of each series was published (or seen).")
        for figure in latest {
            let labels = [("entity", figure.entity), ("metric", figure.metric.rawValue), ("currency", figure.currency)]
            registry.makeGauge(descriptor: value, labels: labels).set(figure.value)
            registry.makeGauge(descriptor: time, labels: labels).set(Double(figure.time) / 1000)
        }
    }
}
