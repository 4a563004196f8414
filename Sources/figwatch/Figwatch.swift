import ArgumentParser
import FigwatchStore

@main
struct Figwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figwatch",
        abstract: "Watch company valuations and market capitalisations as the news reports them.",
        discussion: """
            figwatch fetches news pages, reduces them to the article's text, pulls out \
            valuation, market-cap and funding figures (Chinese and English), keeps them as a \
            time series and raises alerts when thresholds are crossed.

            Exit status: 0 success, 1 runtime failure, 64 usage error, 78 configuration error.
            """,
        version: FigwatchVersion.string,
        subcommands: [
            RunCommand.self, CheckConfigCommand.self, TextCommand.self, ExtractCommand.self, SeriesCommand.self,
            PlotCommand.self, AlertsCommand.self, CheckAlertCommand.self, SourcesCommand.self,
            NotifyCommand.self,
        ]
    )

    /// ArgumentParser's own `main`, after the one setting that must precede every other use of SQLite
    /// in the process (`SQLiteStore.useMultiThreadMode`), while nothing else runs yet.
    static func main() async {
        SQLiteStore.useMultiThreadMode()
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

enum FigwatchVersion {
    static let string = "0.1.0"
}
