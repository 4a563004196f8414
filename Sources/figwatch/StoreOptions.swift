import ArgumentParser
import FigwatchConfig
import FigwatchStore

/// `--config`, shared by the commands that read the store: they load the configuration
/// the daemon uses and open its store read-only.
struct StoreOptions: ParsableArguments {
    @Option(help: "Configuration file (default: $FIGWATCH_CONFIG, then /etc/figwatch/figwatch.yaml).")
    var config: String?

    func open() throws -> (Configuration, SQLiteStore) {
        let configuration = try ConfigSupport.load(explicitPath: config)
        return (configuration, try StoreSupport.openReadOnly(configuration))
    }
}
