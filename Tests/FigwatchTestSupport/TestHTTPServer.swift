import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on a loopback address and an ephemeral port, for tests and benchmarks.
///
/// Routes (`TestRoute`) map a path to a response or a fault and may be changed while the server runs;
/// the server counts requests per path and the most connections and requests it had open at once.
/// Unknown paths get 404. Call `shutdown()` at the end: it closes every open connection.
///
/// ```swift
/// let server = try await TestHTTPServer.start()
/// server.route("/a", .text("<p>hello</p>"))
/// let page = try await fetcher.fetch(FetchRequest(url: server.url("/a")))
/// #expect(server.requestCount("/a") == 1)
/// try await server.shutdown()
/// ```
public final class TestHTTPServer: Sendable {
    /// The address bound, e.g. `127.0.0.1` (any of 127/8 works on Linux).
    public let host: String
    public let port: Int
    private let state: TestServerState
    private let listener: Channel

    private init(host: String, port: Int, listener: Channel, state: TestServerState) {
        self.host = host
        self.port = port
        self.listener = listener
        self.state = state
    }

    /// Binds `host` on `port` (an ephemeral one by default; a fixed one to come back on the port of a
    /// server shut down before), with `routes` installed.
    public static func start(host: String = "127.0.0.1", port: Int = 0, routes: [String: TestRoute] = [:]) async throws
        -> TestHTTPServer
    {
        let state = TestServerState()
        for (path, route) in routes { state.setRoute(path, route) }
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(TestHTTPHandler(state: state))
                }
            }
            .bind(host: host, port: port).get()
        guard let port = listener.localAddress?.port else {
            try? await listener.close()
            throw ChannelError.unknownLocalAddress
        }
        return TestHTTPServer(host: host, port: port, listener: listener, state: state)
    }

    /// Runs `body` against a freshly started server and shuts the server down afterwards, also when
    /// `body` throws.
    public static func serving<T>(
        host: String = "127.0.0.1", routes: [String: TestRoute] = [:], _ body: (TestHTTPServer) async throws -> T
    ) async throws -> T {
        let server = try await start(host: host, routes: routes)
        do {
            let result = try await body(server)
            try await server.shutdown()
            return result
        } catch {
            try? await server.shutdown()
            throw error
        }
    }

    /// `http://host:port` followed by `path` (which starts with `/`).
    public func url(_ path: String) -> String { "http://\(host):\(port)\(path)" }

    /// Installs or replaces the route of `path` (without query), effective for the next request.
    public func route(_ path: String, _ route: TestRoute) { state.setRoute(path, route) }

    public func removeRoute(_ path: String) { state.setRoute(path, nil) }

    /// Requests received for `path` so far, in arrival order.
    public func requests(_ path: String) -> [TestRequest] { state.requests(for: path) }

    public func requestCount(_ path: String) -> Int { state.requests(for: path).count }

    public var totalRequests: Int { state.totalRequests }
    /// TCP connections accepted since start (or `resetCounters`): fewer than requests means reuse.
    public var connectionsAccepted: Int { state.read { $0.connectionsAccepted } }
    /// Connections open at this moment.
    public var openConnections: Int { state.openConnections }
    /// The most connections open at once.
    public var maxOpenConnections: Int { state.read { $0.maxOpenConnections } }
    /// The most requests received but not yet fully answered at once.
    public var maxConcurrentRequests: Int { state.read { $0.maxInFlight } }

    /// Forgets recorded requests and maxima (routes stay).
    public func resetCounters() { state.resetCounters() }

    /// Stops listening and closes every open connection, stalled ones included.
    public func shutdown() async throws {
        try await listener.close()
        for channel in state.openChannels() {
            try? await channel.close()
        }
    }
}
