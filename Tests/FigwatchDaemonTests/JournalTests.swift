import FigwatchTestSupport
import Foundation
import Testing

/// Native journal entries, read from a journal socket the test binds where journald's
/// would be (only when no journald runs on this machine: its socket is then free).
@Suite("Journal logging")
struct JournalTests {
    static let socketPath = "/run/systemd/journal/socket"
    static let available = getuid() == 0 && !FileManager.default.fileExists(atPath: socketPath)

    @Test("alerts and problems become journal entries with structured fields, MESSAGE_ID and priority",
          .enabled(if: available, "journald's socket is in use (or not root): the journal cannot be intercepted here"))
    func structuredEntries() async throws {
        try FileManager.default.createDirectory(atPath: "/run/systemd/journal", withIntermediateDirectories: true)
        let journal = try DatagramListener(path: Self.socketPath)
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2")))
            fixture.server.route("/gone", .status(410))
            try fixture.writeConfig(sources: [("acme", "/acme", "page"), ("gone", "/gone", "page")], extra: DaemonAlertTests.rule)
            var yaml = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
            yaml = yaml.replacingOccurrences(of: "format: json", with: "format: journal")
            try yaml.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
            let daemon = try DaemonProcess(arguments: ["run", "--once", "--config", fixture.configPath])
            // 75: a source (/gone) failed in this pass (`run --once` tells cron so).
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 75)
            #expect(daemon.log.isEmpty, "nothing goes to stderr in journal format: \(daemon.log)")
            let entries = journal.received.map(JournalEntry.parse)
            let alert = try #require(entries.first { $0["FIGWATCH_EVENT"] == "alert" })
            #expect(alert["PRIORITY"] == "4")
            #expect(alert["MESSAGE_ID"] == "6a1f0e2c8b3d4f5e9a7b1c2d3e4f5a01")
            #expect(alert["FIGWATCH_RULE"] == "acme-above-4t")
            #expect(alert["FIGWATCH_ENTITY"] == "acme")
            #expect(alert["FIGWATCH_VALUE"] == "4200000000000")
            #expect(alert["FIGWATCH_STATE"] == "firing")
            #expect(alert["SYSLOG_IDENTIFIER"] == "figwatch")
            #expect(alert["MESSAGE"]?.hasPrefix("ALERT firing acme-above-4t: Acme Corp market_cap 4.2 trillion USD >= 4 trillion USD") == true)
            let failing = try #require(entries.first { $0["FIGWATCH_EVENT"] == "source_failing" })
            #expect(failing["PRIORITY"] == "4")
            #expect(failing["FIGWATCH_SOURCE"] == "gone")
            #expect(failing["FIGWATCH_ERROR"] == "GET \(fixture.server.url("/gone")) returned HTTP 410")
        }
    }
}
