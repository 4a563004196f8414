import FigwatchTestSupport
import Foundation
import Testing

/// The command line as a new user finds it (issue 25): every one of these was a stumble.
@Suite("figwatch commands, edge by edge")
struct CommandLineTests {
    /// A fresh folder, removed after `body`.
    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    @Test("help for a command that does not exist is a usage error listing the commands")
    func helpUnknown() throws {
        let run = try CommandRun.figwatch(["help", "nosuch"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("no command 'nosuch'") && run.stderr.contains("check-config") && run.stderr.contains("sources"),
                "\(run.stderr)")
        #expect(try CommandRun.figwatch(["help", "run"]).status == 0)
    }

    @Test("text: a missing file says so; other URL schemes say which are read")
    func textInputs() throws {
        let missing = try CommandRun.figwatch(["text", "/nonexistent/page.html"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/page.html: no such file"), "\(missing.stderr)")
        for url in ["ftp://example.com/a.html", "file:///etc/hostname"] {
            let run = try CommandRun.figwatch(["text", url])
            #expect(run.status == 64 && run.stderr.contains("http:// or https://"), "\(url): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("text: a binary file is refused; a DTD's declarations are never text")
    func textBinaryAndDTD() async throws {
        try await Self.withFolder { folder in
            let binary = folder.appendingPathComponent("image.png")
            try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xE9, 0xFF]).write(to: binary)
            let refused = try CommandRun.figwatch(["text", binary.path])
            #expect(refused.status == 1 && refused.stderr.contains("not text or HTML"), "\(refused.stderr)")
            #expect(refused.stdout.isEmpty, "\(refused.stdout)")

            let page = folder.appendingPathComponent("dtd.html")
            try """
                <!DOCTYPE html [
                <!ENTITY company "Acme">
                <!ELEMENT note ANY>
                <!ATTLIST note kind CDATA #IMPLIED>
                ]>
                <html><body><!-- <!ENTITY kept "in a comment"> --><p>Acme's market value rose to $4 trillion.</p></body></html>
                """.write(to: page, atomically: true, encoding: .utf8)
            let dtd = folder.appendingPathComponent("schema.dtd")
            try "<!ENTITY foo \"bar > baz\">\n<!ELEMENT x ANY>\n".write(to: dtd, atomically: true, encoding: .utf8)
            for (file, full) in [(page, false), (page, true), (dtd, false)] {
                let run = try CommandRun.figwatch(["text"] + (full ? ["--full"] : []) + [file.path])
                #expect(run.status == 0, "\(run.stderr)")
                for word in ["ENTITY", "ELEMENT", "ATTLIST", "CDATA", "]>", "baz"] {
                    #expect(!run.stdout.contains(word), "\(file.lastPathComponent): \(run.stdout)")
                }
            }
            #expect(try CommandRun.figwatch(["text", page.path]).stdout.contains("Acme's market value rose to $4 trillion."))
        }
    }

    @Test("extract: CSV has the JSON's fields as columns; a table over several inputs names each one's source")
    func extractFormats() async throws {
        try await Self.withFolder { folder in
            let a = folder.appendingPathComponent("a.txt"), b = folder.appendingPathComponent("b.txt")
            try "Acme's market value reached $4.2 trillion on Monday.".write(to: a, atomically: true, encoding: .utf8)
            try "Beta Corp was valued at $30 billion, people said.".write(to: b, atomically: true, encoding: .utf8)
            let csv = try CommandRun.figwatch(["extract", "--format", "csv", a.path, b.path])
            #expect(csv.status == 0, "\(csv.stderr)")
            let records = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(records.first?.hasPrefix("entity,entity_text,metric,kind,value,currency,") == true, "\(csv.stdout)")
            #expect(records.first?.hasSuffix(",source,published_at,status") == true)
            #expect(records.count == 3)
            #expect(records.contains { $0.contains(",4200000000000,USD,") && $0.contains(a.path) }, "\(csv.stdout)")
            // The sentence holds a comma: quoted (RFC 4180).
            #expect(csv.stdout.contains("\"Beta Corp was valued at $30 billion, people said.\""), "\(csv.stdout)")

            let table = try CommandRun.figwatch(["extract", "--format", "table", a.path, b.path])
            #expect(table.status == 0)
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("SOURCE") == true, "\(table.stdout)")
            #expect(lines.contains { $0.hasPrefix(a.path) && $0.contains("4.2 trillion USD") }, "\(table.stdout)")
            #expect(lines.contains { $0.hasPrefix(b.path) && $0.contains("30 billion USD") }, "\(table.stdout)")
            let single = try CommandRun.figwatch(["extract", "--format", "table", a.path])
            #expect(single.stdout.hasPrefix("ENTITY"), "\(single.stdout)")
        }
    }

    @Test("sources before the daemon's first run: every source 'never', in both formats")
    func sourcesBeforeFirstRun() async throws {
        try await Self.withFolder { folder in
            let config = folder.appendingPathComponent("figwatch.yaml").path
            try """
                storage:
                  path: \(folder.appendingPathComponent("not-yet.sqlite").path)
                sources:
                  - {id: one, url: "https://example.com/1.html"}
                  - {id: two, url: "https://example.com/2.html"}
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let table = try CommandRun.figwatch(["sources", "--config", config])
            #expect(table.status == 0, "\(table.stderr)")
            let rows = table.stdout.split(separator: "\n").dropFirst()
            #expect(rows.count == 2 && rows.allSatisfy { $0.contains(" never ") }, "\(table.stdout)")
            let json = try CommandRun.figwatch(["sources", "--config", config, "--format", "json"])
            let objects = try json.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(objects.map { $0["status"] as? String } == ["never", "never"])
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("not-yet.sqlite").path))
        }
    }

    @Test("plot --output - writes the SVG to stdout, titled with the entity's name and the metric in words")
    func plotToStdout() async throws {
        try await SeriesCommandTests.withStore { config in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-plot-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let process = Process()
            process.executableURL = BuiltProduct.figwatch
            process.arguments = ["plot", "acme", "market_cap", "--output", "-"] + config
            process.currentDirectoryURL = folder
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let svg = String(decoding: data, as: UTF8.self)
            #expect(process.terminationStatus == 0)
            #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"), "\(svg.prefix(200))")
            #expect(svg.contains(">Acme Corp: market capitalisation</text>"), "\(svg.prefix(2000))")
            #expect(svg.contains(">market capitalisation (USD)</text>") && svg.contains(">date (UTC)</text>"))
            #expect(!svg.contains("wrote "))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
        }
    }

    @Test("check-alert --format json: each transition as the webhook body, the summary on stderr")
    func checkAlertJSON() async throws {
        try await SeriesCommandTests.withStore { config in
            let path = config[1]
            var yaml = try String(contentsOfFile: path, encoding: .utf8)
            yaml += "\nalerts:\n  - {id: acme-4t, entity: acme, metric: market_cap, above: \"4 trillion USD\"}\n"
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let run = try CommandRun.figwatch(["check-alert", "acme-4t", "--format", "json"] + config)
            #expect(run.status == 0, "\(run.stderr)")
            let objects = try run.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(objects.count == 1, "\(run.stdout)")
            #expect(objects.first?["state"] as? String == "firing" && objects.first?["rule"] as? String == "acme-4t")
            #expect(objects.first?["value"] as? String == "4200000000000")
            #expect(objects.first?["at"] as? String == "2025-09-03T00:00:00Z")
            #expect(run.stderr.contains("acme-4t: 1 transitions"), "\(run.stderr)")
        }
    }
}

/// `run --once` tells cron and CI that a source failed.
@Suite("figwatch run --once exit status", .serialized)
struct RunOnceStatusTests {
    @Test("every source fetched: 0; any source failing: 75")
    func exitStatus() async throws {
        let fixture = try await DaemonFixture()
        defer { Task { await fixture.cleanUp() } }
        fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2")))
        fixture.server.route("/error", .status(500))
        try fixture.writeConfig(sources: [("acme", "/acme", "page")])
        let good = try DaemonProcess(arguments: ["run", "--once", "--config", fixture.configPath])
        #expect(await good.waitForExit(timeout: .seconds(15)) == 0, "log: \(good.log)")
        try fixture.writeConfig(sources: [("acme", "/acme", "page"), ("error", "/error", "page")])
        let failing = try DaemonProcess(arguments: ["run", "--once", "--config", fixture.configPath])
        #expect(await failing.waitForExit(timeout: .seconds(15)) == 75, "log: \(failing.log)")
    }
}
