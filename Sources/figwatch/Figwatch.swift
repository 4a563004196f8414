import ArgumentParser
import Foundation
import FigwatchDaemon
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

            Exit status: 0 success, 1 runtime failure, 64 usage error, 75 'run --once' when a \
            source failed, 78 configuration error.
            """,
        version: FigwatchVersion.string,
        subcommands: [
            RunCommand.self, CheckConfigCommand.self, TextCommand.self, ExtractCommand.self, SeriesCommand.self,
            PlotCommand.self, AlertsCommand.self, CheckAlertCommand.self, SourcesCommand.self, HealthCommand.self,
            NotifyCommand.self, SilenceCommand.self,
        ]
    )

    /// ArgumentParser's own `main`, after the settings that must come before anything else in the
    /// process, while no other thread runs yet: the allocator's (glibc caps new arenas only, and every
    /// thread that allocates before the cap gets one of its own: `run` set it once the concurrency pool's
    /// threads had made four) and SQLite's (`SQLiteStore.useMultiThreadMode`).
    static func main() async {
        MallocTuning.configure()
        SQLiteStore.useMultiThreadMode()
        unknownHelpTopic(Array(CommandLine.arguments.dropFirst()))
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

extension Figwatch {
    /// `figwatch help nosuch`: ArgumentParser prints the root help and exits 0, which a script takes
    /// for success. Say which commands there are, and exit 64 (usage error) as for any other bad word.
    static func unknownHelpTopic(_ arguments: [String]) {
        guard arguments.count >= 2, arguments[0] == "help" else { return }
        let names = configuration.subcommands.map { $0._commandName }
        guard !names.contains(arguments[1]) else { return }
        Terminal.error("figwatch: no command '\(arguments[1])'; the commands are: \(names.joined(separator: ", ")), help")
        Foundation.exit(64)
    }
}

enum FigwatchVersion {
    static let string = "0.1.0"
}
