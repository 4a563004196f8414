import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchStore

/// `figwatch sources`: each configured source's fetch state.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Show each source: last fetch, status, next due, consecutive failures.",
        discussion: "Sources in the configuration that the daemon has not fetched yet are listed as 'never'.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var options: StoreOptions

    @Option(help: "Output format: table or json (one object per line).")
    var format: Format = .table

    func run() async throws {
        try await Self.reportingErrors {
            let (configuration, store) = try options.open()
            let states = Dictionary(try await store.sources().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var rows: [[String]] = []
            for source in configuration.sources {
                let state = states[source.id]
                let status: String
                if let state, state.lastFetchedAt != nil {
                    status = state.consecutiveFailures > 0 ? "failing" : "ok"
                } else {
                    status = "never"
                }
                if format == .json {
                    var object = JSONObject()
                    object.add("id", source.id)
                    object.add("url", source.url)
                    object.add("type", source.type.rawValue)
                    object.add("status", status)
                    object.add("last_fetched_at", state?.lastFetchedAt.map(Timestamp.iso8601))
                    object.add("last_status", state?.lastStatus)
                    object.add("next_due_at", state?.nextDueAt.map(Timestamp.iso8601))
                    object.add("consecutive_failures", state?.consecutiveFailures ?? 0)
                    object.add("last_error", state?.lastError)
                    object.add("lease_owner", state?.leaseOwner)
                    Terminal.print(object.description)
                } else {
                    rows.append([
                        source.id, status, state?.lastFetchedAt.map(Timestamp.iso8601) ?? "-",
                        state?.lastStatus.map(String.init) ?? "-", state?.nextDueAt.map(Timestamp.iso8601) ?? "-",
                        "\(state?.consecutiveFailures ?? 0)", TextTable.shorten(state?.lastError ?? source.url, to: 70),
                    ])
                }
            }
            if format == .table {
                Terminal.print(TextTable.render(
                    header: ["SOURCE", "STATUS", "LAST FETCH", "HTTP", "NEXT DUE", "FAILURES", "LAST ERROR / URL"], rows: rows))
            }
        }
    }
}
