import FigwatchConfig
import FigwatchCore
import FigwatchFetch
import Foundation

/// How the CLI finds and loads the configuration: exactly the loader the daemon uses.
enum ConfigSupport {
    static let loader = ConfigLoader.standard

    /// The configuration at `--config`, `$FIGWATCH_CONFIG` or the default path; a problem is exit 78.
    static func load(explicitPath: String?) throws -> Configuration {
        let path = explicitPath ?? ConfigLoader.defaultPath()
        do {
            return try loader.load(path: path)
        } catch {
            throw CLIError.configuration(error.description)
        }
    }

    /// Like `load`, but no configuration at all (no --config, nothing at the default
    /// path) is fine: commands such as `extract` then run without a watchlist.
    static func loadOptional(explicitPath: String?) throws -> Configuration? {
        if explicitPath == nil {
            let path = ConfigLoader.defaultPath()
            guard FileManager.default.fileExists(atPath: path) else { return nil }
        }
        return try load(explicitPath: explicitPath)
    }

    static func fetchOptions(_ configuration: Configuration) -> FetchOptions {
        let fetch = configuration.fetch
        var options = FetchOptions()
        options.userAgent = fetch.userAgent
        options.timeout = fetch.timeout
        options.connectTimeout = fetch.connectTimeout
        options.maxBodyBytes = fetch.maxBodyBytes
        options.maxRedirects = fetch.maxRedirects
        options.concurrency = fetch.concurrency
        options.perHostConcurrency = fetch.perHostConcurrency
        options.allowFileURLs = fetch.allowFileURLs
        options.blockPrivateAddresses = fetch.blockPrivateAddresses
        return options
    }
}
