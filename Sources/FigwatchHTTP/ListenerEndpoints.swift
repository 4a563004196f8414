import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Hummingbird
import NIOCore
import Foundation
import Prometheus
import Synchronization

/// The endpoints, all read-only (GET and HEAD): `/healthz`, `/readyz`, `/metrics`, and the dashboard
/// (`/`, `/entity/ID`, `/alerts`, `/sources`, `/static/style.css`).
final class ListenerEndpoints: Sendable {
    let store: any FigureStore
    let readiness: DaemonReadiness
    let scrape: MetricsScrape
    let pages: DashboardPages
    private let current: Mutex<Configuration>

    init(configuration: Configuration, store: any FigureStore, readiness: DaemonReadiness, registry: PrometheusRegistryRef) {
        self.store = store
        self.readiness = readiness
        current = Mutex(configuration)
        let snapshots = DashboardSnapshots(store: store, readiness: readiness)
        scrape = MetricsScrape(registry: registry.registry, store: store, snapshots: snapshots)
        pages = DashboardPages(store: store, snapshots: snapshots)
    }

    var configuration: Configuration { current.withLock { $0 } }

    /// UTC epoch milliseconds, as the store counts time.
    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    func update(_ configuration: Configuration) {
        current.withLock { $0 = configuration }
    }

    func router(access: ListenerAccess) -> Router<ListenerContext> {
        let router = Router(context: ListenerContext.self)
        router.add(middleware: AccessGuard(access: access))
        router.get("/healthz") { _, _ in AccessGuard.plain(.ok, "ok\n") }
        router.get("/readyz") { _, _ in await self.readyz() }
        router.get("/metrics") { _, _ in
            let body = await self.scrape.render(configuration: self.configuration, now: Self.now())
            return Response(
                status: .ok, headers: [.contentType: MetricsScrape.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/static/style.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: DashboardTemplates.stylesheet)))
        }
        router.get("/") { _, _ in
            try await self.html { try await self.pages.index(configuration: $0, now: $1) }
        }
        router.get("/alerts") { _, _ in
            try await self.html { try await self.pages.alerts(configuration: $0, now: $1) }
        }
        router.get("/sources") { _, _ in
            try await self.html { try await self.pages.sources(configuration: $0, now: $1) }
        }
        router.get("/entity/:id") { request, context in
            let configuration = self.configuration
            let id = context.parameters.get("id") ?? ""
            guard let entity = configuration.entities.first(where: { $0.id == id }) else {
                return AccessGuard.plain(.notFound, "no entity '\(id)' in the configuration\n")
            }
            let query = request.uri.queryParameters
            let metric = query.get("metric").flatMap { Metric(rawValue: $0) }.flatMap { $0 == .other ? nil : $0 }
            let since = query.get("since").flatMap { DashboardPages.sinceChoices.contains($0) ? $0 : nil } ?? "all"
            return try await self.html {
                try await self.pages.entity(entity, metric: metric, since: since, configuration: $0, now: $1)
            }
        }
        return router
    }

    private func html(_ render: (Configuration, Int64) async throws -> String) async throws -> Response {
        do {
            let page = try await render(configuration, Self.now())
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: page)))
        } catch {
            return AccessGuard.plain(.serviceUnavailable, "the store cannot be read: \(error)\n")
        }
    }

    /// 200 `ready` when the configuration is loaded (it is, or the listener would not run), the store
    /// answers, and a source run has finished since start (or there are no sources); else 503 and why.
    func readyz() async -> Response {
        do {
            _ = try await store.lastSightingID()
        } catch {
            return AccessGuard.plain(.serviceUnavailable, "not ready: the store does not answer: \(error)\n")
        }
        if readiness.runsFinished == 0 && !configuration.sources.isEmpty {
            return AccessGuard.plain(.serviceUnavailable, "not ready: no fetch has finished yet\n")
        }
        return AccessGuard.plain(.ok, "ready\n")
    }
}

/// The registry the listener renders (a box, so tests and benchmarks may hand in their own).
public struct PrometheusRegistryRef: Sendable {
    let registry: PrometheusCollectorRegistry
    public static let figwatch = PrometheusRegistryRef(registry: FigwatchMetrics.registry)
}
