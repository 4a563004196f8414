import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

@testable import FigwatchDaemon

/// The scheduler, backoff, webhook retries, time-driven rules and the shutdown grace on virtual time
/// (`TestClock`): every expectation is about the clock the daemon reads, none about how fast the machine
/// is, and no test sleeps to see a schedule.
@Suite("Daemon on virtual time", .serialized)
struct VirtualTimeTests {
    /// Serves `route` at `path`, noting the virtual time of every request.
    static func timed(_ path: String, _ route: TestRoute, on server: TestHTTPServer, clock: TestClock) -> LockedBox<[Int64]> {
        let times = LockedBox<[Int64]>([])
        server.route(path, .dynamic { _ in
            times.withLock { $0.append(clock.now()) }
            return route
        })
        return times
    }

    static func gaps(_ times: [Int64]) -> [Int64] { zip(times.dropFirst(), times).map { $0 - $1 } }

    @Test("a 60 s source runs once per interval (±10 %) beside a stalled one; a failing one backs off, doubling")
    func scheduleAndBackoff() async throws {
        try await DaemonFixture.with { fixture in
            let clock = TestClock()
            let acme = Self.timed("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2")), on: fixture.server, clock: clock)
            let broken = Self.timed("/broken", .status(500), on: fixture.server, clock: clock)
            fixture.server.route("/stall", .stallAfterHeaders())
            try fixture.writeConfig(
                sources: [("acme", "/acme", "page"), ("broken", "/broken", "page"), ("stall", "/stall", "page")], interval: "60s",
                fetchTimeout: "1h")
            let harness = try await VirtualDaemon(fixture, clock: clock, stalled: ["stall"])
            await harness.start()
            #expect(fixture.server.totalRequests == 0)   // first runs are spread over the interval, none at once
            await harness.advance(by: .seconds(60))
            #expect(await eventually(timeout: .seconds(30)) { fixture.server.requestCount("/stall") == 1 })
            #expect(acme.withLock { $0.count } == 1)
            #expect(broken.withLock { $0.count } == 1)
            #expect(await fixture.levels("acme") == ["3200000000000"])

            await harness.advance(by: .seconds(200))
            // The loop wakes when a source is due; the harness moves the clock a second at a time.
            let acmeGaps = Self.gaps(acme.withLock { $0 })
            #expect(acmeGaps.count >= 3)
            #expect(acmeGaps.allSatisfy { (54_000...67_000).contains($0) }, "acme gaps \(acmeGaps)")
            let brokenGaps = Self.gaps(broken.withLock { $0 })
            #expect(brokenGaps.count == 2, "broken gaps \(brokenGaps)")
            if brokenGaps.count == 2 {
                #expect((54_000...67_000).contains(brokenGaps[0]), "broken gaps \(brokenGaps)")
                #expect((108_000...133_000).contains(brokenGaps[1]), "broken gaps \(brokenGaps)")
            }
            await harness.stop()
            #expect(harness.hasStopped)
        }
    }

    @Test("a webhook that fails 3 times is retried after 1 s, 2 s and 4 s of virtual time, then delivered once")
    func webhookBackoff() async throws {
        try await DaemonFixture.with { fixture in
            let clock = TestClock()
            let posts = LockedBox<[Int64]>([])
            fixture.server.route("/hook", .dynamic { _ in
                let n = posts.withLock { times -> Int in
                    times.append(clock.now())
                    return times.count
                }
                return n <= 3 ? .status(500) : .status(204)
            })
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], interval: "60s", extra: DaemonFixture.aboveRule + """
                    webhook: "\(fixture.server.url("/hook"))"

                """)
            let harness = try await VirtualDaemon(fixture, clock: clock)
            await harness.start()
            await harness.advance(by: .seconds(72))
            let times = posts.withLock { $0 }
            #expect(Self.gaps(times) == [1000, 2000, 4000], "posts at \(times)")
            // Delivered: never sent again.
            await harness.advance(by: .seconds(3600), step: .seconds(60))
            #expect(posts.withLock { $0.count } == 4)
            #expect(await fixture.history() == ["firing 4200000000000"])
            await harness.stop()
        }
    }

    @Test("stale_after fires once when the entity's news goes quiet on the clock, and stays firing")
    func staleAfter() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], interval: "1d", extra: """
                alerts:
                  - {id: acme-quiet, entity: acme, metric: market_cap, stale_after: 2h}

                """)
            let harness = try await VirtualDaemon(fixture)
            await harness.start()
            await harness.advance(by: .seconds(2 * 86_400), step: .seconds(1800))
            #expect(fixture.server.requestCount("/acme") >= 1)
            let history = await fixture.history()
            #expect(history.count == 1, "\(history)")
            await harness.stop()
        }
    }

    @Test("on shutdown, a run still in flight gets 3 s of the clock, then is cancelled")
    func shutdownGrace() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/stall", .stallAfterHeaders())
            try fixture.writeConfig(sources: [("stall", "/stall", "page")], interval: "10s", fetchTimeout: "10m")
            let harness = try await VirtualDaemon(fixture)
            await harness.start()
            harness.clock.advance(by: .seconds(10))
            #expect(await eventually(timeout: .seconds(30)) { fixture.server.requestCount("/stall") == 1 })
            harness.daemon.requestShutdown()
            // Within the grace the loop waits for the run, however long that takes on the machine.
            harness.clock.advance(by: .milliseconds(2900))
            #expect(await eventually(timeout: .seconds(30)) { harness.clock.nextDeadline.map { $0 > harness.clock.now() } ?? false })
            #expect(!harness.hasStopped)
            // Past it, the run is cancelled and the loop returns.
            #expect(await eventually(timeout: .seconds(30)) {
                harness.clock.advance(by: .milliseconds(100))
                return harness.hasStopped
            })
            await harness.daemon.close()
        }
    }
}
