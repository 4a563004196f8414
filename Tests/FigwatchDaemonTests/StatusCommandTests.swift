import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

/// Figure statuses as a user meets them at the command line: `extract` prints every status, `series`
/// and `plot` show current figures unless `--status` asks, and `check-alert` replays a rule over the
/// statuses its `status:` key names.
@Suite("figwatch status at the command line")
struct StatusCommandTests {
    /// A store with Acme's valuation stated as fact (1.1tn), quoted as an older value (0.9tn) and
    /// expected (1.5tn), and a configuration with a rule reading facts and one reading forecasts.
    static func withStore(_ body: (_ config: [String], _ directory: URL) async throws -> Void) async throws {
        let reports = [(3, "1100000000000", FigureStatus.current), (4, "900000000000", .past), (4, "1500000000000", .forecast)]
            .map { day, value, status in
                CommandStore.Report(
                    day: day, url: "https://news.example/acme-\(value)", contentHash: value,
                    figure: Figure(
                        entity: "acme", metric: .valuation, kind: .level, value: ExactDecimal(value)!, currency: "USD",
                        text: value, sentence: "Acme, \(status.rawValue): \(value).", offset: 0, lang: "en", status: status))
            }
        try await CommandStore.with(reports, entity: "{id: acme, name: Acme Corp}", extra: """
            alerts:
              - {id: facts, entity: acme, metric: valuation, above: "$1tn"}
              - {id: forecasts, entity: acme, metric: valuation, above: "$1tn", status: forecast}
              - {id: older, entity: acme, metric: valuation, above: "$1tn", status: [past]}

            """, body)
    }

    static func csvStatuses(_ run: CommandRun) -> [String] {
        // The status column follows the bound (see SeriesCSV.header).
        run.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[7]) }
    }

    @Test("series: current figures by default; --status picks others, in any spelling; a bad word is a usage error")
    func seriesStatus() async throws {
        try await Self.withStore { config, _ in
            let plain = try CommandRun.figwatch(["series", "acme", "valuation", "--format", "csv"] + config)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(Self.csvStatuses(plain) == ["current"], "\(plain.stdout)")
            #expect(plain.stdout.hasPrefix("time,metric,kind,value,value_words,currency,bound,status,sources,"))

            let two = try CommandRun.figwatch(["series", "acme", "--status", "forecast,past", "--format", "csv"] + config)
            #expect(Self.csvStatuses(two) == ["past", "forecast"], "\(two.stdout)")
            let repeated = try CommandRun.figwatch(
                ["series", "acme", "--status", "forecast", "--status", "past", "--format", "csv"] + config)
            #expect(repeated.stdout == two.stdout)

            let all = try CommandRun.figwatch(["series", "acme", "--status", "all", "--format", "json"] + config)
            #expect(all.status == 0, "\(all.stderr)")
            let objects = try all.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(objects.map { $0["status"] as? String } == ["current", "past", "forecast"])
            #expect(objects.map { $0["value"] as? String } == ["1100000000000", "900000000000", "1500000000000"])

            let table = try CommandRun.figwatch(["series", "acme", "--status", "forecast"] + config)
            #expect(table.stdout.contains("1500000000000") && table.stdout.contains("forecast"), "\(table.stdout)")
            #expect(!table.stdout.contains("1100000000000"), "\(table.stdout)")

            let bad = try CommandRun.figwatch(["series", "acme", "--status", "rumour"] + config)
            #expect(bad.status == 64)
            #expect(bad.stderr.contains("'rumour' is not a status (current, past, forecast or all)"), "\(bad.stderr)")
        }
    }

    @Test("plot draws current figures by default and the statuses asked for otherwise")
    func plotStatus() async throws {
        try await Self.withStore { config, directory in
            let svg = directory.appendingPathComponent("acme.svg").path
            let plain = try CommandRun.figwatch(["plot", "acme", "valuation", "--output", svg] + config)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(plain.stdout == "wrote \(svg): 1 points\n")
            let all = try CommandRun.figwatch(["plot", "acme", "valuation", "--status", "all", "--output", svg] + config)
            #expect(all.stdout == "wrote \(svg): 3 points\n", "\(all.stderr)")
            let none = try CommandRun.figwatch(["plot", "acme", "funding", "--status", "forecast", "--output", svg] + config)
            #expect(none.status == 1)
            #expect(none.stderr.contains("no funding points for acme to plot (status forecast)"), "\(none.stderr)")
        }
    }

    @Test("check-alert replays a rule over the statuses it names: facts by default, forecasts when asked")
    func checkAlertStatus() async throws {
        try await Self.withStore { config, _ in
            let facts = try CommandRun.figwatch(["check-alert", "facts"] + config)
            #expect(facts.status == 0, "\(facts.stderr)")
            #expect(facts.stdout.contains("1.1 trillion USD"), "\(facts.stdout)")
            #expect(!facts.stdout.contains("1.5 trillion"), "\(facts.stdout)")
            #expect(facts.stdout.hasSuffix("facts: 1 transitions from 1 figures (status current)\n"), "\(facts.stdout)")

            let forecasts = try CommandRun.figwatch(["check-alert", "forecasts"] + config)
            #expect(forecasts.stdout.contains("1.5 trillion USD"), "\(forecasts.stdout)")
            #expect(!forecasts.stdout.contains("1.1 trillion"), "\(forecasts.stdout)")
            #expect(forecasts.stdout.hasSuffix("forecasts: 1 transitions from 1 figures (status forecast)\n"))

            // The older value (0.9tn) is below the threshold: read, but nothing fires.
            let older = try CommandRun.figwatch(["check-alert", "older"] + config)
            #expect(older.stdout == "older: 0 transitions from 1 figures (status past)\n", "\(older.stdout)")
        }
    }

    @Test("extract prints each figure's status: last in JSON, a STATUS column in the table; bad hints are usage errors")
    func extractStatus() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("acme.txt").path
        try "Acme raised $2 billion at a valuation of $61.5 billion, the company said on Monday.\n"
            .write(toFile: input, atomically: true, encoding: .utf8)

        let json = try CommandRun.figwatch(["extract", "--currency", "usd", "--region", "US", input])
        #expect(json.status == 0, "\(json.stderr)")
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(json.stdout)")
        for line in lines {
            // Key order is part of the format (docs/FIGURES.md): status comes last, after published_at.
            #expect(line.hasSuffix(#""published_at":null,"status":"current"}"#), "\(line)")
        }

        let table = try CommandRun.figwatch(["extract", "--format", "table", input])
        let rows = table.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.contains("BOUND  STATUS   SENTENCE") == true, "\(table.stdout)")
        #expect(rows.dropFirst().allSatisfy { $0.contains("exact  current  Acme raised") }, "\(table.stdout)")

        for (option, value, message) in [
            ("--currency", "HKS", "--currency: 'HKS' is not a currency code figwatch knows"),
            ("--region", "TWN", "--region: 'TWN' is not an ISO 3166 two-letter region code"),
        ] {
            let bad = try CommandRun.figwatch(["extract", option, value, input])
            #expect(bad.status == 64)
            #expect(bad.stderr.contains(message), "\(bad.stderr)")
        }
    }

    @Test("extract reads German and Japanese, and says once which languages it could not read")
    func extractLanguages() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("mixed.txt").path
        try """
            Die Nordwerk AG ist an der Börse 1.200 Milliarden Euro wert.
            ノードワークの時価総額は2兆3000億円増えた。
            La valorisation de Nordwerk a atteint 12 milliards d'euros.
            Le groupe a levé 2 milliards d'euros.

            """.write(toFile: input, atomically: true, encoding: .utf8)
        let run = try CommandRun.figwatch(["extract", input])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stdout)")
        #expect(lines.first?.contains(#""value":"1200000000000","currency":"EUR""#) == true, "\(run.stdout)")
        #expect(lines.last?.contains(#""kind":"change","value":"2300000000000","currency":"JPY""#) == true, "\(run.stdout)")
        let notes = run.stderr.split(separator: "\n").filter { $0.contains("no figures read") }
        #expect(notes.count == 1, "\(run.stderr)")
        #expect(notes.first?.contains("fr (2 sentences)") == true, "\(run.stderr)")
    }
}
