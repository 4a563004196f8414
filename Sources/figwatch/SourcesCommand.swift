import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Foundation

/// `figwatch sources`: each configured source's fetch state.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Show each source: last fetch, status, next due, consecutive failures, and which daemon holds it.",
        discussion: """
            Sources in the configuration that the daemon has not fetched yet are listed as 'never'. \
            With several daemons on one PostgreSQL store, OWNER is the daemon that holds the source's \
            lease, until LEASE UNTIL, or ('-' there) the daemon that fetched it last.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var options: StoreOptions

    @Option(help: "Output format: table or json (one object per line).")
    var format: Format = .table

    func run() async throws {
        try await Self.reportingErrors {
            let configuration = try ConfigSupport.load(explicitPath: options.config)
            // Before the daemon's first run there is no SQLite file yet: every source is 'never'.
            let stored: [SourceState]
            if configuration.storage.backend == .sqlite && !FileManager.default.fileExists(atPath: configuration.storage.path) {
                stored = []
            } else {
                stored = try await StoreSupport.withReadOnlyStore(configuration) { store in try await store.sources() }
            }
            do {
                let states = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                var rows: [[String]] = []
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                for source in configuration.sources {
                    let state = states[source.id]
                    let leaseUntil = state?.leaseUntil.flatMap { $0 > now ? $0 : nil }
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
                        object.add("lease_until", leaseUntil.map(Timestamp.iso8601))
                        Terminal.print(object.description)
                    } else {
                        rows.append([
                            source.id, status, state?.lastFetchedAt.map(Timestamp.iso8601) ?? "-",
                            state?.lastStatus.map(String.init) ?? "-", state?.nextDueAt.map(Timestamp.iso8601) ?? "-",
                            "\(state?.consecutiveFailures ?? 0)", state?.leaseOwner ?? "-", leaseUntil.map(Timestamp.iso8601) ?? "-",
                            TextTable.shorten(state?.lastError ?? source.url, to: 70),
                        ])
                    }
                }
                if format == .table {
                    Terminal.print(TextTable.render(
                        header: [
                            "SOURCE", "STATUS", "LAST FETCH", "HTTP", "NEXT DUE", "FAILURES", "OWNER", "LEASE UNTIL",
                            "LAST ERROR / URL",
                        ], rows: rows))
                }
            }
        }
    }
}
