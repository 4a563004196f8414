import Foundation
import NIOCore

/// The test server's routes and counters, shared by its connections (on NIO's threads) and the test.
final class TestServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [String: TestRoute] = [:]
    private var requests: [String: [TestRequest]] = [:]
    private var connections: [ObjectIdentifier: Channel] = [:]
    private(set) var connectionsAccepted = 0
    private(set) var maxOpenConnections = 0
    private(set) var inFlight = 0
    private(set) var maxInFlight = 0

    func read<T>(_ body: (TestServerState) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(self)
    }

    func setRoute(_ path: String, _ route: TestRoute?) {
        lock.lock()
        defer { lock.unlock() }
        routes[path] = route
    }

    /// Records the request and returns its route (404 when none) and its in-flight token.
    func received(_ request: TestRequest) -> (TestRoute, InFlight) {
        lock.lock()
        defer { lock.unlock() }
        requests[request.path, default: []].append(request)
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
        let route = routes[request.path] ?? .text("no route for \(request.path)\n", status: 404,
                                                   contentType: "text/plain")
        return (route, InFlight(state: self))
    }

    func requests(for path: String) -> [TestRequest] { read { $0.requests[path] ?? [] } }
    var totalRequests: Int { read { $0.requests.values.reduce(0) { $0 + $1.count } } }
    var openConnections: Int { read { $0.connections.count } }

    func resetCounters() {
        lock.lock()
        defer { lock.unlock() }
        requests.removeAll()
        connectionsAccepted = 0
        maxOpenConnections = connections.count
        maxInFlight = inFlight
    }

    fileprivate func ended() {
        lock.lock()
        defer { lock.unlock() }
        inFlight -= 1
    }

    func opened(_ channel: Channel) {
        lock.lock()
        defer { lock.unlock() }
        connections[ObjectIdentifier(channel)] = channel
        connectionsAccepted += 1
        maxOpenConnections = max(maxOpenConnections, connections.count)
    }

    func closed(_ channel: Channel) {
        lock.lock()
        defer { lock.unlock() }
        connections[ObjectIdentifier(channel)] = nil
    }

    func openChannels() -> [Channel] { read { Array($0.connections.values) } }
}

/// One request between its arrival and the end of its response (or of its connection).
final class InFlight: @unchecked Sendable {
    private let lock = NSLock()
    private var state: TestServerState?

    fileprivate init(state: TestServerState) { self.state = state }

    /// Whether the request was answered (or its connection ended).
    var isEnded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return state == nil
    }

    /// Idempotent: the first call counts the request as answered.
    func end() {
        lock.lock()
        let state = self.state
        self.state = nil
        lock.unlock()
        state?.ended()
    }
}
