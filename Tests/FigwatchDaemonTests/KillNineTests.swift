import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

/// `kill -9` at random moments of a busy run: pages whose market cap crosses an alert threshold
/// on every fetch, alerts firing and resolving, webhooks queued and delivered.
@Suite("Daemon killed with SIGKILL", .serialized)
struct KillNineTests {
    static let kills = 20
    static let rule = DaemonFixture.aboveRule

    @Test("20 kills at random times: the store stays sound, no alert fires twice, every webhook arrives")
    func randomKills() async throws {
        let fixture = try await DaemonFixture()
        let server = fixture.server
        // Every fetch shows a new value, alternately above 4 and below 3.8 trillion: each one is a
        // transition to record, queue and deliver.
        let served = LockedBox(0)
        let frozen = LockedBox(false)
        for page in 0..<3 {
            server.route("/acme/\(page)", .dynamic { _ in
                if frozen.withLock({ $0 }) { return .text(DaemonFixture.page("Acme", trillions: "3.5")) }
                let n = served.withLock { count -> Int in
                    count += 1
                    return count
                }
                let trillions = (n % 2 == 0 ? "4." : "3.") + String(format: "%03d", n % 1000)
                return .text(DaemonFixture.page("Acme", trillions: trillions))
            })
        }
        server.route("/hook", .status(204))
        try fixture.writeConfig(
            sources: (0..<3).map { ("acme\($0)", "/acme/\($0)", "page") },
            extra: Self.rule + "    webhook: \"\(server.url("/hook"))\"\n")

        var delays: [Int] = []
        var generator = SeededGenerator()
        for kill in 1...Self.kills {
            let daemon = try fixture.start()
            let delay = Int.random(in: 300...1800, using: &generator)
            delays.append(delay)
            try await Task.sleep(for: .milliseconds(delay))
            #expect(daemon.process.isRunning, "kill \(kill): the daemon exited by itself: \(daemon.log.suffix(5))")
            daemon.signal(SIGKILL)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) != nil)
            let check = try SQLiteStore(path: fixture.storePath, access: .readOnly)
            #expect(try await check.integrityCheck() == ["ok"], "after kill \(kill) (delays \(delays) ms, \(generator))")
        }

        // A last, undisturbed run on a page that no longer moves delivers whatever is queued.
        frozen.withLock { $0 = true }
        let readyBefore = fixture.notify.assignments.filter { $0 == "READY=1" }.count
        let daemon = try fixture.start()
        let history = { () async throws -> [AlertEvent] in
            try await SQLiteStore(path: fixture.storePath, access: .readOnly).alertHistory(since: nil)
        }
        // The frozen pages (3.5 T, under the threshold) leave the rule resolved: wait for that last
        // transition too, not only for the ones already recorded, or SIGTERM can beat its delivery.
        let delivered = await eventually(timeout: .seconds(30)) {
            let events = (try? await history()) ?? []
            let expected = Set(events.map { "\($0.state) \($0.value?.description ?? "-")" })
            return events.last?.state == "resolved" && Set(Self.posted(server)).isSuperset(of: expected)
        }
        // Only the exit status matters here: how fast SIGTERM ends a daemon is DaemonProcessTests'
        // to judge, and this test runs beside the heaviest suites, which can starve it for seconds.
        // The queue can be drained by the earlier daemons before this one has its signal handlers:
        // SIGTERM before READY=1 would end it by the default action, not by a graceful shutdown.
        let ready = await eventually(timeout: .seconds(30)) {
            fixture.notify.assignments.filter { $0 == "READY=1" }.count > readyBefore
        }
        #expect(ready, "the last daemon never sent READY=1; log: \(daemon.log.suffix(12))")
        daemon.signal(SIGTERM)
        let status = await daemon.waitForExit(timeout: .seconds(20))
        #expect(status == 0, "exit \(String(describing: status)); log: \(daemon.log.suffix(12))")

        let events = try await history()
        let transitions = events.map { "\($0.state) \($0.value?.description ?? "-")" }
        #expect(events.count >= 4, "too few transitions to mean anything: \(transitions)")
        // Never the same state twice in a row: a fired alert that fires again was fired twice.
        let repeatedStates = zip(events, events.dropFirst()).filter { $0.state == $1.state }
        #expect(repeatedStates.isEmpty, "\(transitions)")
        #expect(Set(transitions).count == transitions.count, "\(transitions)")
        // Every transition reached the receiver; a repeat is only possible for a delivery whose 2xx
        // arrived just before a kill (at most one per kill), and the payload's `at` lets receivers drop it.
        let posts = Self.posted(server)
        #expect(delivered, "history \(transitions), posts \(posts)")
        #expect(Set(posts) == Set(transitions), "history \(transitions), posts \(posts)")
        let repeats = posts.count - Set(posts).count
        #expect(repeats <= Self.kills, "\(repeats) repeated deliveries")
        print("kill -9 x\(Self.kills) at \(delays) ms: \(events.count) transitions, \(posts.count) webhook POSTs, \(repeats) repeated")
        await fixture.cleanUp()
    }

    /// `state value` of each webhook POST the receiver got, in arrival order.
    static func posted(_ server: TestHTTPServer) -> [String] {
        server.requests("/hook").compactMap { request in
            guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else { return nil }
            return "\(body["state"] as? String ?? "?") \(body["value"] as? String ?? "-")"
        }
    }
}
