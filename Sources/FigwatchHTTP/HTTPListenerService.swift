import FigwatchConfig
import FigwatchStore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP listener as one more service of the daemon's group: binds `http.listen` when it starts
/// (a failure ends the daemon with a clear error), serves until graceful shutdown, and follows reloads
/// (`reconfigure`): new users and networks apply at once, a changed `listen:` binds the new address
/// before the old one closes, and a new address that cannot be bound is logged and the old one kept.
///
/// ```swift
/// let http = HTTPListenerService(configuration: configuration, store: store, logger: logger)
/// ServiceGroup(services: [scheduler, reloader, http], ...)
/// await http.reconfigure(newConfiguration)     // after a successful reload
/// ```
public struct HTTPListenerService: Service, CustomStringConvertible {
    let initial: Configuration
    /// Short, as swift-service-lifecycle names a service by its description: the default, a dump of
    /// the whole configuration, was a string of half a megabyte at 1,000 sources, kept for good.
    public var description: String { "http listener" }
    let endpoints: ListenerEndpoints
    let logger: Logger
    let updates: AsyncStream<Configuration>
    let updatesContinuation: AsyncStream<Configuration>.Continuation

    public init(
        configuration: Configuration, store: any FigureStore, logger: Logger,
        readiness: DaemonReadiness = .shared, registry: PrometheusRegistryRef = .figwatch
    ) {
        initial = configuration
        endpoints = ListenerEndpoints(configuration: configuration, store: store, readiness: readiness, registry: registry)
        self.logger = logger
        (updates, updatesContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Hands a reloaded (already validated) configuration to the running listener.
    public func reconfigure(_ configuration: Configuration) {
        updatesContinuation.yield(configuration)
    }

    /// One bound server: its own small service group, so it can be stopped alone.
    private struct Running {
        var http: Configuration.HTTP
        var group: ServiceGroup
    }

    public func run() async throws {
        let access = ListenerAccess(initial.http ?? .init(listen: .tcp(host: "127.0.0.1", port: 0)))
        for warning in initial.warnings {
            logger.warning("\(warning).", metadata: ["event": "http_unprotected"])
        }
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            var running: Running?
            if let http = initial.http {
                do {
                    running = Running(http: http, group: try await serve(http, access: access, in: &tasks))
                } catch {
                    logger.critical("Cannot start the HTTP listener: \(error)", metadata: [
                        "event": "http_bind_failed", "listen": "\(http.listen)",
                    ])
                    throw error
                }
            }
            for await configuration in updates.cancelOnGracefulShutdown() {
                endpoints.update(configuration)
                guard let http = configuration.http else {
                    if let old = running {
                        await old.group.triggerGracefulShutdown()
                        logger.notice("HTTP listener stopped: the configuration has no http section any more.")
                    }
                    running = nil
                    continue
                }
                access.update(http)
                if running?.http.listen == http.listen {
                    running?.http = http
                    continue
                }
                running = await rebind(from: running, to: http, access: access, in: &tasks)
            }
            await running?.group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Binds the new address, then closes the old one; when the new one cannot be bound while the old
    /// one holds its port, the old one is closed first and reopened if the new one still fails.
    private func rebind(
        from old: Running?, to http: Configuration.HTTP, access: ListenerAccess, in tasks: inout ThrowingTaskGroup<Void, any Error>
    ) async -> Running? {
        let failure: any Error
        do {
            let group = try await serve(http, access: access, in: &tasks)
            if let old { await old.group.triggerGracefulShutdown() }
            return Running(http: http, group: group)
        } catch {
            failure = error
        }
        let oldHTTP = old?.http
        let samePort = oldHTTP.flatMap { Self.port($0.listen) }.map { $0 == Self.port(http.listen) } ?? false
        if let old, samePort {
            // The old address holds the port the new one wants: free it, try again, else go back.
            await old.group.triggerGracefulShutdown()
            if let group = try? await serve(http, access: access, in: &tasks) {
                return Running(http: http, group: group)
            }
        }
        logger.error("Cannot move the HTTP listener; it stays where it was.", metadata: [
            "event": "http_rebind_failed", "listen": "\(http.listen)", "error": "\(failure)",
            "kept": "\(oldHTTP.map { "\($0.listen)" } ?? "none")",
        ])
        guard let oldHTTP else { return nil }
        if !samePort { return old }
        let back = try? await serve(oldHTTP, access: access, in: &tasks)
        return back.map { Running(http: oldHTTP, group: $0) }
    }

    static func port(_ listen: Configuration.HTTP.Listen) -> Int? {
        if case .tcp(_, let port) = listen { return port }
        return nil
    }

    /// Starts a server on `http.listen` and returns once it listens; throws `ListenerError` when it
    /// cannot bind.
    private func serve(
        _ http: Configuration.HTTP, access: ListenerAccess, in tasks: inout ThrowingTaskGroup<Void, any Error>
    ) async throws -> ServiceGroup {
        let (outcomes, outcome) = AsyncStream.makeStream(of: Result<String, any Error>.self)
        let address: BindAddress
        switch http.listen {
        case .tcp(let host, let port): address = .hostname(host == "localhost" ? "127.0.0.1" : host, port: port)
        case .unix(let path): address = .unixDomainSocket(path: path)
        }
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .notice)  // Hummingbird's own info lines are noise here
        let app = Application(
            router: endpoints.router(access: access),
            configuration: .init(address: address, serverName: nil, reuseAddress: true),
            onServerRunning: { channel in
                outcome.yield(.success(Self.describe(channel.localAddress, fallback: "\(http.listen)")))
            },
            logger: serverLogger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: serverLogger))
        let listen = http.listen
        tasks.addTask {
            do {
                try await group.run()
                outcome.yield(.failure(ListenerError(.stopped, "the HTTP listener on \(listen) stopped")))
            } catch {
                outcome.yield(.failure(ListenerError(.bindFailed, "cannot listen on \(listen): \(error)", underlying: error)))
            }
            outcome.finish()
        }
        for await result in outcomes {
            let bound = try result.get()
            logger.notice("HTTP listener started.", metadata: ["event": "http_listening", "address": "\(bound)"])
            return group
        }
        throw ListenerError(.stopped, "the HTTP listener on \(listen) stopped")
    }

    static func describe(_ address: SocketAddress?, fallback: String) -> String {
        guard let address else { return fallback }
        switch address {
        case .v4(let v4): return "\(v4.host):\(address.port ?? 0)"
        case .v6: return "[\(address.ipAddress ?? "")]:\(address.port ?? 0)"
        case .unixDomainSocket: return address.pathname ?? fallback
        }
    }
}
