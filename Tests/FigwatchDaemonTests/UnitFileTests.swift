import FigwatchTestSupport
import Foundation
import Testing

/// `systemd/figwatch.service` as systemd itself judges it.
@Suite("systemd unit")
struct UnitFileTests {
    static let unit = Repository.root.appendingPathComponent("systemd/figwatch.service")

    /// The unit with its binary path pointing at the figwatch under test (verify checks it exists).
    static func installedCopy() throws -> URL {
        let text = try String(contentsOf: unit, encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/figwatch", with: BuiltProduct.figwatch.path)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = directory.appendingPathComponent("figwatch.service")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        return copy
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try CommandRun.combined(["systemd-analyze"] + arguments)
    }

    @Test("systemd-analyze verify prints no warning")
    func verifies() throws {
        let copy = try Self.installedCopy()
        // --man=no: Documentation= names the man pages the package installs (make deb); this host has
        // not installed them, and whether they exist is DebianPackageTests' question.
        let (status, output) = try Self.run(["verify", "--man=no", copy.path])
        #expect(status == 0)
        #expect(output.isEmpty, "\(output)")
    }

    @Test("systemd-analyze security rates the sandbox 2.0 or lower")
    func sandboxed() throws {
        let (status, output) = try Self.run(["security", "--offline=true", Self.unit.path])
        #expect(status == 0)
        let line = output.split(separator: "\n").first { $0.contains("Overall exposure level") }
        let score = line.flatMap { $0.split(separator: ":").last?.split(separator: " ").first }.flatMap { Double($0) }
        #expect(score != nil && score! <= 2.0, "\(line ?? "no exposure line")")
    }

    @Test("the unit has the contract INTERFACE.md and the daemon rely on")
    func contract() throws {
        let lines = Set(try String(contentsOf: Self.unit, encoding: .utf8).split(separator: "\n").map(String.init))
        for expected in [
            "Type=notify", "ExecStartPre=/usr/local/bin/figwatch check-config", "ExecStart=/usr/local/bin/figwatch run",
            "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "RestartPreventExitStatus=78", "DynamicUser=yes",
            "StateDirectory=figwatch", "ConfigurationDirectory=figwatch",
        ] {
            #expect(lines.contains(expected), "\(expected)")
        }
        #expect(lines.contains { $0.hasPrefix("WatchdogSec=") })
    }
}
