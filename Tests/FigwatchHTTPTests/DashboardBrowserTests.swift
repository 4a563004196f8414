import FigwatchTestSupport
import Foundation
import Testing

/// The dashboard as a browser sees it: headless Chromium (installed by `make test`) loads `/` and
/// `/entity/acme` from a daemon the test starts; the DOM holds the latest value and the chart, CSP
/// blocks nothing the page needs, and screenshots (desktop and phone width) land in `.build/dashboard/`.
@Suite("HTTP dashboard in Chromium", .serialized)
struct DashboardBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let output = Repository.root.appendingPathComponent(".build/dashboard")

    /// Runs Chromium headless with `arguments` and `url`; its stdout.
    static func runChromium(_ arguments: [String], _ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=2000",
        ] + arguments + [url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("--dump-dom of / and /entity/acme; screenshots at desktop and phone width")
    func pagesInChromium() async throws {
        guard Self.chromium != nil else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("chromium is not installed (make deps)") }
            print("skipped: chromium is not installed (make deps installs it)")
            return
        }
        let fixture = try await ListenerFixture()
        defer { Task { await fixture.cleanUp() } }
        fixture.server.route("/acme", .text(ListenerFixture.page("Acme", trillions: "3.2", extra: DashboardTests.hostile)))
        fixture.server.route("/acme2", .text(ListenerFixture.page("Acme", trillions: "3.4", day: 9)))
        try fixture.writeConfig(http: "listen: 127.0.0.1:0", sources: [("acme", "/acme"), ("acme2", "/acme2")])
        let daemon = try fixture.start()
        defer { daemon.signal(SIGKILL) }
        let target = try #require(await ListenerFixture.listening(daemon), "log: \(daemon.log)")
        guard case .tcp(_, let port) = target else { return }
        #expect(await eventually(timeout: .seconds(15)) {
            (try? SimpleHTTPClient.get(target, "/entity/acme"))?.body.contains("data-value=\"3400000000000\"") == true
        })
        let base = "http://127.0.0.1:\(port)"

        let index = try Self.runChromium(["--dump-dom"], base + "/")
        #expect(index.contains("<td class=\"num value\" data-value=\"3400000000000\">3.4 trillion USD</td>"), "\(index)")
        #expect(index.contains("<polyline points="))
        let entity = try Self.runChromium(["--dump-dom"], base + "/entity/acme")
        #expect(entity.contains("<figure class=\"chart\" id=\"chart-market_cap\"><svg"))
        #expect(entity.contains("class=\"level-line\""))
        // The hostile sentence is text in the DOM, not an element.
        #expect(entity.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;"), "\(entity)")
        #expect(!entity.contains("<script"))

        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        for (name, path, size) in [
            ("index", "/", "1280,800"), ("entity-acme", "/entity/acme", "1280,1400"),
            ("index-phone", "/", "390,844"), ("entity-acme-phone", "/entity/acme", "390,1600"),
        ] {
            let file = Self.output.appendingPathComponent("\(name).png")
            try? FileManager.default.removeItem(at: file)
            _ = try Self.runChromium(["--screenshot=\(file.path)", "--window-size=\(size)"], base + path)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            #expect(bytes > 10_000, "\(file.path): \(bytes) bytes")
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(6)) == 0)
    }
}
