import ArgumentParser
import FigwatchConfig

/// `figwatch check-config`: validate a configuration exactly as the daemon would load it.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration; print a summary, or every problem with its position.",
        discussion: """
            Runs the loader the daemon runs (the systemd unit calls it before start and reload). \
            On success prints 'ok: N sources, M entities, K alert rules' and exits 0; otherwise \
            prints every problem as PATH:LINE:COLUMN: message on stderr and exits 78.
            """)

    @Option(help: "Configuration file (default: $FIGWATCH_CONFIG, then /etc/figwatch/figwatch.yaml).")
    var config: String?

    func run() async throws {
        try await Self.reportingErrors {
            let path = config ?? ConfigLoader.defaultPath()
            do {
                let loaded = try ConfigSupport.loader.load(path: path)
                Terminal.print(loaded.summary)
                for warning in loaded.warnings { Terminal.error("warning: \(warning)") }
            } catch let error as ConfigError {
                // One problem per line, no prefix: editors jump to PATH:LINE:COLUMN.
                Terminal.error(error.description)
                throw ExitCode(78)
            }
        }
    }
}
