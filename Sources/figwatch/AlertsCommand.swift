import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchStore

/// `figwatch alerts`: the alert history.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List the alert history: every time a rule fired or resolved.",
        discussion: """
            Reads the store named by the configuration, read-only (safe while the daemon runs). A \
            transition that a silence muted (recorded and logged, not delivered) names it: the MUTED \
            column ('silence 3'), or "silence": 3 in JSON (null when delivered).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var options: StoreOptions

    @Option(help: "Only alerts at or after WHEN: a date (2025-09-03), a date-time, or an age (30d, 12h).")
    var since: String?

    @Option(help: "Output format: table or json (one object per line).")
    var format: Format = .table

    func run() async throws {
        try await Self.reportingErrors {
            try await options.withStore { _, store in
                let events = try await store.alertHistory(since: try since.map { try StoreSupport.when($0) })
                switch format {
                case .json:
                    for event in events { Terminal.print(Self.json(event)) }
                case .table:
                    guard !events.isEmpty else {
                        Terminal.print("no alerts")
                        return
                    }
                    let rows = events.map { e -> [String] in
                        [Timestamp.iso8601(e.at), e.state, e.rule, e.entity,
                         e.value.map { AmountWords.describe($0, currency: e.currency) } ?? "-", e.threshold ?? "-",
                         e.silenceID.map { "silence \($0)" } ?? "-", e.sourceURL ?? "-"]
                    }
                    Terminal.print(TextTable.render(
                        header: ["AT", "STATE", "RULE", "ENTITY", "VALUE", "THRESHOLD", "MUTED", "SOURCE"], rows: rows))
                }
            }
        }
    }

    static func json(_ e: AlertEvent) -> String {
        var object = JSONObject()
        object.add("at", Timestamp.iso8601(e.at))
        object.add("state", e.state)
        object.add("rule", e.rule)
        object.add("entity", e.entity)
        object.add("metric", e.metric?.rawValue)
        object.add("value", e.value?.description)
        object.add("currency", e.currency)
        object.add("threshold", e.threshold)
        object.add("source", e.sourceURL)
        object.add("sentence", e.sentence)
        object.add("silence", e.silenceID)
        return object.description
    }
}
