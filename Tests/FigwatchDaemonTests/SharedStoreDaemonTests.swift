import FigwatchTestSupport
import Foundation
import Testing

/// Daemons sharing one PostgreSQL database (issue 8), as child processes against loopback pages: the
/// query commands on that database, sources shared by claims and leases, one firing per crossing,
/// a daemon killed and the database restarted underneath.
@Suite("Daemons sharing a PostgreSQL store", .serialized,
       .enabled(if: PostgresCluster.unavailableReason == nil || PostgresCluster.required,
                Comment(rawValue: PostgresCluster.unavailableReason ?? "")))
struct SharedStoreDaemonTests {
    static func page(trillions: String, day: Int = 3) -> String { DaemonFixture.page("Acme", trillions: trillions, day: day) }

    @Test("figwatch series, plot, alerts and sources read the PostgreSQL store; sources names the lease holder")
    func queryCommands() async throws {
        try await PostgresCluster.withDatabase { cluster, database in
            let fixture = try await SharedStoreFixture(cluster: cluster, database: database)
            defer { Task { await fixture.cleanUp() } }
            fixture.serve("/acme") { Self.page(trillions: "4.2") }
            // Slower than the lease: only renewals keep it this daemon's while it is fetched.
            fixture.server.route("/slow", TestRoute.text(Self.page(trillions: "1.5")).delayed(by: .seconds(4)))
            fixture.server.route("/hook", .status(204))
            try fixture.writeConfig(paths: ["/acme", "/slow"], interval: "3s", lease: "2s")
            let daemon = try fixture.start(owner: "daemon-a")
            defer { daemon.signal(SIGKILL) }
            let config = ["--config", fixture.directory.appendingPathComponent("daemon-a.yaml").path]

            #expect(await eventually(timeout: .seconds(30)) {
                (try? CommandRun.figwatch(["alerts", "--format", "json"] + config).stdout.contains(#""state":"firing""#)) == true
            }, "log: \(daemon.log.suffix(20))")
            let series = try CommandRun.figwatch(["series", "acme", "market_cap", "--format", "csv"] + config)
            #expect(series.status == 0, "\(series.stderr)")
            #expect(series.stdout.contains("4200000000000"), "\(series.stdout)")

            let alerts = try CommandRun.figwatch(["alerts"] + config)
            #expect(alerts.stdout.contains("firing") && alerts.stdout.contains("acme-above-4t"), "\(alerts.stdout)")

            let chart = fixture.directory.appendingPathComponent("acme.svg").path
            let plot = try CommandRun.figwatch(["plot", "acme", "market_cap", "--output", chart] + config)
            #expect(plot.status == 0, "\(plot.stderr)")
            #expect(((try? String(contentsOfFile: chart, encoding: .utf8)) ?? "").contains("<svg"))

            // /slow takes 4 s to answer, the lease is 2 s: while it is fetched, daemon-a holds it (renewed).
            var rows: [[String: Any]] = []
            let held = try await eventually(timeout: .seconds(20)) {
                let sources = try CommandRun.figwatch(["sources", "--format", "json"] + config)
                rows = sources.stdout.split(separator: "\n").compactMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                }
                let slow = rows.first { $0["id"] as? String == "slow" }
                return slow?["lease_owner"] as? String == "daemon-a" && slow?["lease_until"] is String
            }
            #expect(held, "\(rows)")
            let acme = rows.first { $0["id"] as? String == "acme" }
            #expect(acme?["status"] as? String == "ok")
            #expect(acme?["lease_owner"] as? String == "daemon-a")
            #expect(acme?["lease_until"] is NSNull || acme?["lease_until"] == nil, "\(rows)")
            let table = try CommandRun.figwatch(["sources"] + config)
            #expect(table.stdout.contains("OWNER") && table.stdout.contains("daemon-a"), "\(table.stdout)")

            // A database that is not there: one line naming it, exit 1.
            let broken = fixture.directory.appendingPathComponent("broken.yaml").path
            try String(contentsOfFile: config[1], encoding: .utf8)
                .replacingOccurrences(of: "/\(database)?", with: "/absent_db?")
                .write(toFile: broken, atomically: true, encoding: .utf8)
            let absent = try CommandRun.figwatch(["alerts", "--config", broken])
            #expect(absent.status == 1)
            #expect(absent.stderr.contains("absent_db"), "\(absent.stderr)")
            #expect(absent.stderr.split(separator: "\n").count == 1, "\(absent.stderr)")
        }
    }
}
