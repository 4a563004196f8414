import FigwatchTestSupport
import Foundation
import Testing

/// `figwatch run` as a child process against the loopback server and a real NOTIFY_SOCKET.
@Suite("Daemon as a process", .serialized)
struct DaemonProcessTests {
    @Test("READY, watchdog pings, status, and STOPPING then exit 0 on SIGTERM")
    func lifecycle() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")])
            let daemon = try fixture.start()
            #expect(await fixture.notify.wait(for: .seconds(10)) { $0 == "READY=1" }, "no READY=1; log: \(daemon.log)")
            // How soon is a benchmark's question (`make bench BENCH=daemon`); the grace a stop gets is
            // tested on virtual time (`VirtualTimeTests.shutdownGrace`).
            #expect(await fixture.notify.wait(for: .seconds(10)) { $0 == "WATCHDOG=1" })
            #expect(await fixture.notify.wait(for: .seconds(10)) { $0.hasPrefix("STATUS=1 sources, 1 figures today") })
            daemon.signal(SIGTERM)
            let status = await daemon.waitForExit(timeout: .seconds(10))
            #expect(status == 0, "exit status \(String(describing: status)); log: \(daemon.log)")
            #expect(fixture.notify.assignments.contains("STOPPING=1"))
        }
    }

    @Test("a page that changes is picked up on the next cycle")
    func pageChange() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2", day: 3)))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")])
            let daemon = try fixture.start()
            #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme") == ["3200000000000"] })
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.5", day: 4)))
            #expect(await eventually(timeout: .seconds(10)) {
                await fixture.levels("acme") == ["3200000000000", "3500000000000"]
            }, "log: \(daemon.log)")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
        }
    }

    @Test("SIGHUP with a bad configuration keeps it running and logs every problem; a good one adds a source")
    func reload() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2")))
            fixture.server.route("/globex", .text(DaemonFixture.page("Globex", trillions: "1.1")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], interval: "1h")
            let daemon = try fixture.start()
            #expect(await fixture.notify.wait(for: .seconds(10)) { $0 == "READY=1" })

            // A broken file: two problems, both logged, daemon still up.
            try "fetch:\n  timeout: soon\nsoruces: []\n".write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
            daemon.signal(SIGHUP)
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["msg"]?.contains("fetch.timeout: unparsable duration 'soon'") == true })
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["msg"]?.contains("unknown key 'soruces' (did you mean 'sources'?)") == true })
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["msg"] == "Keeping the running configuration." })
            #expect(daemon.process.isRunning)

            // A good file with one more source: it is fetched without a restart, the old one not early.
            let acmeRequests = fixture.server.requestCount("/acme")
            try fixture.writeConfig(sources: [("acme", "/acme", "page"), ("globex", "/globex", "page")], interval: "1h",
                                    intervals: ["globex": "1s"])
            daemon.signal(SIGHUP)
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["msg"] == "Configuration reloaded." && $0["added"] == "globex" })
            #expect(await eventually(timeout: .seconds(10)) { fixture.server.requestCount("/globex") >= 1 })
            #expect(fixture.notify.assignments.contains("RELOADING=1"))
            #expect(fixture.notify.assignments.contains { $0.hasPrefix("MONOTONIC_USEC=") })
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
            #expect(fixture.server.requestCount("/acme") == acmeRequests, "an unchanged source was refetched early")
            #expect(daemon.pid > 0)
        }
    }

    @Test("a second daemon on the same store refuses to start with a clear message")
    func secondDaemonRefused() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2")))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")])
            let first = try fixture.start()
            #expect(await fixture.notify.wait(for: .seconds(10)) { $0 == "READY=1" })
            let second = try DaemonProcess(arguments: ["run", "--config", fixture.configPath])
            let status = await second.waitForExit(timeout: .seconds(10))
            #expect(status == 1)
            let pid = first.pid
            #expect(second.records.contains {
                ($0["msg"] ?? "").hasPrefix("Cannot open the store: store \(fixture.storePath) is already open for writing by process \(pid)")
            }, "log: \(second.log)")
            #expect(first.process.isRunning)
            first.signal(SIGTERM)
            #expect(await first.waitForExit(timeout: .seconds(10)) == 0)
        }
    }

    @Test("an invalid configuration at start exits 78 with every problem on stderr")
    func badConfigAtStart() async throws {
        try await DaemonFixture.with { fixture in
            try "log:\n  level: loud\n".write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
            let daemon = try fixture.start()
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 78)
            #expect(daemon.log == ["\(fixture.configPath):2:10: log.level must be one of trace, debug, info, notice, warning, error, critical, not 'loud'"])
        }
    }
}
