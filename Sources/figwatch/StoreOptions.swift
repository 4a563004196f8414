import ArgumentParser
import FigwatchConfig
import FigwatchStore

/// `--config`, shared by the commands that read the store: they load the configuration
/// the daemon uses and open its store read-only.
struct StoreOptions: ParsableArguments {
    @Option(help: "Configuration file (default: $FIGWATCH_CONFIG, then /etc/figwatch/figwatch.yaml).")
    var config: String?

    /// Runs `body` with the configuration and its store (SQLite or PostgreSQL), open read-only.
    func withStore<T: Sendable>(_ body: (Configuration, any FigureStore) async throws -> T) async throws -> T {
        let configuration = try ConfigSupport.load(explicitPath: config)
        return try await StoreSupport.withReadOnlyStore(configuration) { store in try await body(configuration, store) }
    }
}
