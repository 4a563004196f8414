import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

/// `figwatch series` on an SQLite store, as a user runs it: the table reads no provenance, CSV and JSON
/// print each point's sentence.
@Suite("figwatch series")
struct SeriesCommandTests {
    static let sentence = #"Acme's market value, "by some counts", reached $4.2 trillion."#

    /// A store with two of Acme's market-cap levels, and a configuration naming it.
    static func withStore(_ body: (_ config: [String]) async throws -> Void) async throws {
        let reports = [(3, "4200000000000", "4.2"), (4, "4300000000000", "4.3")].map { day, value, words in
            CommandStore.Report(
                day: day, url: "https://news.example/acme-\(day)", contentHash: "h\(day)",
                figure: Figure(
                    entity: "acme", metric: .marketCap, kind: .level, value: ExactDecimal(value)!,
                    currency: "USD", text: "$\(words) trillion", sentence: day == 3 ? sentence : "Acme: $4.3 trillion.",
                    offset: 40, lang: "en"))
        }
        try await CommandStore.with(reports, entity: "{id: acme, name: Acme Corp, aliases: [Acme]}") { config, _ in
            try await body(config)
        }
    }

    @Test("the table shows the points and no sentence; CSV and JSON carry each point's sentence")
    func formats() async throws {
        try await Self.withStore { config in
            let table = try CommandRun.figwatch(["series", "acme"] + config)
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.contains("4200000000000") && table.stdout.contains("4300000000000"), "\(table.stdout)")
            #expect(table.stdout.contains("https://news.example/acme-3"), "\(table.stdout)")
            #expect(!table.stdout.contains("by some counts"), "\(table.stdout)")

            let csv = try CommandRun.figwatch(["series", "acme", "market_cap", "--format", "csv"] + config)
            #expect(csv.status == 0, "\(csv.stderr)")
            // RFC 4180: the sentence holds a comma and quotes, so it is quoted with its quotes doubled.
            let quoted = "\"" + Self.sentence.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            #expect(csv.stdout.contains(quoted + "\r\n"), "\(csv.stdout)")
            #expect(csv.stdout.contains(",Acme: $4.3 trillion.\r\n"), "\(csv.stdout)")

            let json = try CommandRun.figwatch(["series", "acme", "--format", "json"] + config)
            #expect(json.status == 0, "\(json.stderr)")
            let lines = try json.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(lines.map { $0["sentence"] as? String } == [Self.sentence, "Acme: $4.3 trillion."])
            #expect(lines.map { $0["published_at"] as? String } == ["2025-09-03T00:00:00Z", "2025-09-04T00:00:00Z"])
            #expect(lines.map { $0["time"] as? String } == ["2025-09-03T00:00:00Z", "2025-09-04T00:00:00Z"])
            #expect(lines.map { $0["offset"] as? Int } == [40, 40])
        }
    }
}
