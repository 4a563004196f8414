import FigwatchPostgres
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

@testable import FigwatchDaemon

/// Two daemons on one PostgreSQL database and one virtual clock: lease renewal judged by the clock the
/// daemons read, not by how fast the machine runs them. (Takeover after a daemon dies, which only
/// processes show, is `SharedStoreDaemonTests`' part.)
@Suite("Shared daemons on virtual time", .serialized,
       .enabled(if: PostgresCluster.unavailableReason == nil || PostgresCluster.required,
                Comment(rawValue: PostgresCluster.unavailableReason ?? "")))
struct SharedVirtualTimeTests {
    @Test("a source in flight stays its daemon's for three leases: renewed every third of one, never claimed by the other")
    func leaseRenewedWhileInFlight() async throws {
        try await PostgresCluster.withDatabase { cluster, database in
            try await DaemonFixture.with { fixture in
                fixture.server.route("/slow", .stallAfterHeaders())
                func config(owner: String) throws {
                    try """
                        storage: {backend: postgres, url: "\(cluster.url(database: database))", owner: \(owner), lease: 30s}
                        fetch: {per_host_delay: 0s, timeout: 1h}
                        defaults: {interval: 60s}
                        entities: [{id: acme, name: Acme Corp, aliases: [Acme]}]
                        sources: [{id: slow, url: "\(fixture.server.url("/slow"))"}]
                        """.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
                }
                let location = try PostgresLocation(url: cluster.url(database: database))
                try await PostgresStore.withStore(location) { store in
                    let clock = TestClock()
                    try config(owner: "a")
                    let a = try await VirtualDaemon(fixture, clock: clock, stalled: ["slow"], store: store)
                    await a.start()
                    try config(owner: "b")
                    let b = try await VirtualDaemon(fixture, clock: clock, stalled: ["slow"], store: store)
                    await b.start()
                    func advance(_ seconds: Int) async {
                        for _ in 0..<seconds {
                            clock.advance(by: .seconds(1))
                            await a.settle()
                            await b.settle()
                        }
                    }
                    await advance(60)
                    #expect(await eventually { fixture.server.requestCount("/slow") == 1 })
                    let holder = try cluster.sql("SELECT lease_owner FROM sources WHERE id = 'slow'", database: database)
                    let owner = holder.trimmingCharacters(in: .whitespacesAndNewlines)
                    #expect(owner == "a" || owner == "b")
                    await advance(90)   // three leases
                    #expect(fixture.server.requestCount("/slow") == 1)
                    let until = try cluster.sql("SELECT lease_until FROM sources WHERE id = 'slow'", database: database)
                    let leaseUntil = Int64(until.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
                    #expect(leaseUntil > clock.now(), "lease until \(leaseUntil), now \(clock.now())")
                    #expect(try cluster.sql("SELECT lease_owner FROM sources WHERE id = 'slow'", database: database)
                        .trimmingCharacters(in: .whitespacesAndNewlines) == owner)
                    await b.stop()
                    await a.stop()
                }
            }
        }
    }
}
