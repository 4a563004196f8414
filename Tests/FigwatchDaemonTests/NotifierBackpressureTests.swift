import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
@testable import FigwatchDaemon
import FigwatchFetch
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Logging
import Testing

/// Receivers that push back: a 429 with `Retry-After` in both its forms, for every HTTP kind, and one that
/// never answers while another must still be served.
@Suite("Notifier backpressure", .serialized)
struct NotifierBackpressureTests {
    typealias Harness = NotifierDeliveryTests.Harness

    /// A notifier of `kind` pointed at `server`, and the path its requests arrive at.
    static func notifier(_ kind: Notifier.Kind, on server: TestHTTPServer, id: String? = nil) -> (Notifier, String) {
        var notifier = Notifier(id: id ?? "n-\(kind.rawValue)", kind: kind, url: server.url("/hook"))
        notifier.token = Secret("tok")
        notifier.topic = "figwatch"
        notifier.chatID = "-1001"
        notifier.room = "!room:example.org"
        switch kind {
        case .ntfy:
            notifier.url = server.url("/ntfy")
            return (notifier, "/ntfy")
        case .telegram:
            notifier.url = server.url("")
            return (notifier, "/bottok/sendMessage")
        case .matrix:
            notifier.url = server.url("")
            return (notifier, "/_matrix/client/v3/rooms/%21room%3Aexample%2Eorg/send/m.room.message/figwatch-1")
        default:
            return (notifier, "/hook")
        }
    }

    @Test("429 with Retry-After in seconds, then as an HTTP date: retried after exactly that, delivered once",
          arguments: Notifier.Kind.allCases.filter { $0 != .exec && $0 != .email })
    func retryAfter(kind: Notifier.Kind) async throws {
        let server = try await TestHTTPServer.start()
        let (notifier, path) = Self.notifier(kind, on: server)
        let h = try Harness([notifier])
        defer { h.cleanUp() }
        try await h.enqueue(NotifierDeliveryTests.transition(at: h.clock.now()), to: [notifier])

        server.route(path, .status(429, headers: [("Retry-After", "120")]))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.requestCount(path) == 1)
        h.clock.advance(by: .seconds(119))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)   // the backoff (1 s) is long past; Retry-After is not
        #expect(server.requestCount(path) == 1)

        // The date form, measured from the response's own Date: 90 s.
        server.route(path, .status(429, headers: [
            ("Date", "Wed, 03 Sep 2025 12:00:00 GMT"), ("Retry-After", "Wed, 03 Sep 2025 12:01:30 GMT"),
        ]))
        h.clock.advance(by: .seconds(1))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.requestCount(path) == 2)
        server.route(path, .text("{}", contentType: "application/json"))
        h.clock.advance(by: .seconds(89))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.requestCount(path) == 2)
        h.clock.advance(by: .seconds(1))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 1)
        #expect(server.requestCount(path) == 3)

        h.clock.advance(by: .seconds(86_400))
        #expect(await h.sender.deliverDue(with: h.fetcher) == 0)
        #expect(server.requestCount(path) == 3)
        let bodies = Set(server.requests(path).map(\.body))
        #expect(bodies.count == 1, "every attempt sends the same message")
        #expect(try await h.pending() == 0)
        try await server.shutdown()
    }

    @Test("a receiver that never answers holds up no other notifier: another call delivers the rest meanwhile")
    func hangingReceiver() async throws {
        let stuck = try await TestHTTPServer.start()
        stuck.route("/hook", TestRoute.text("late").delayed(by: .seconds(600)))
        let server = try await TestHTTPServer.start()
        server.route("/hook", .text("ok"))
        var hanging = Notifier(id: "hanging", kind: .slack, url: stuck.url("/hook"))
        hanging.timeout = .seconds(60)
        let (fast, path) = Self.notifier(.discord, on: server, id: "fast")
        let h = try Harness([hanging, fast])
        defer { h.cleanUp() }
        try await h.enqueue(NotifierDeliveryTests.transition(at: h.clock.now()), to: [hanging, fast])

        let finished = LockedBox(false)
        async let first: Int = {
            let count = await h.sender.deliverDue(with: h.fetcher)
            finished.withLock { $0 = true }
            return count
        }()
        // The fast one done (delivered and let go), the hanging one still at its first attempt.
        #expect(await eventually {
            server.requestCount(path) == 1 && stuck.requestCount("/hook") == 1 && h.sender.working.count == 1
        })
        // While the first call still waits on the hanging receiver, later messages of the other go out.
        for round in 1...3 {
            h.clock.advance(by: .seconds(1))
            try await h.enqueue(NotifierDeliveryTests.transition(.resolved, at: h.clock.now()), to: [hanging, fast])
            #expect(await h.sender.deliverDue(with: h.fetcher) == 1, "round \(round)")
            #expect(server.requestCount(path) == 1 + round)
        }
        #expect(!finished.withLock { $0 }, "the hanging delivery was still in flight")
        #expect(stuck.requestCount("/hook") == 1, "the hanging notifier's later messages wait behind its first")

        try await stuck.shutdown()
        #expect(await first == 1)   // the other notifier's first message; the hanging one failed when its receiver closed
        let left = try await h.store.dueWebhooks(now: h.clock.now() + 3_600_000, limit: 10)
        #expect(Set(left.map(\.notifier)) == ["hanging"])
        #expect(left.count == 4)
        try await server.shutdown()
    }
}
