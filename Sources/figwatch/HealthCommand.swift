import ArgumentParser
import FigwatchConfig
import FigwatchFetch
import Foundation

/// `figwatch health`: asks a running daemon's `/readyz`, for scripts and `ExecStartPost=` checks.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Ask the running daemon whether it is ready (its /readyz); exit 0 if so, 1 if not.",
        discussion: """
            Without --url, the address is the configuration's http.listen (an http: section is then \
            required). The daemon is ready when its configuration is loaded, its store answers and a \
            fetch has finished since it started. Prints the daemon's one-line answer ('ready', or \
            'not ready: ...'). With http.users_file, give the credentials in the URL \
            (http://NAME:PASSWORD@127.0.0.1:9464/readyz) or in $FIGWATCH_HEALTH_USER and \
            $FIGWATCH_HEALTH_PASSWORD.

            Examples:
              figwatch health
              figwatch health --url http://127.0.0.1:9464/readyz
              figwatch health --url unix:/run/figwatch/http.sock
            """)

    @Option(help: "Configuration file (default: $FIGWATCH_CONFIG, then /etc/figwatch/figwatch.yaml).")
    var config: String?

    @Option(help: "The URL of /readyz (http://HOST:PORT/readyz), or unix:PATH for a Unix socket.")
    var url: String?

    @Option(help: "Give up after this many seconds.")
    var timeout: Int = 5

    func run() async throws {
        try await Self.reportingErrors {
            let target = try url ?? Self.defaultURL(config: config)
            let (status, body) = try await Self.ask(target, timeout: timeout)
            let answer = body.trimmingCharacters(in: .whitespacesAndNewlines)
            Terminal.print(answer.isEmpty ? "HTTP \(status)" : answer)
            if status != 200 { throw ExitCode.failure }
        }
    }

    static func defaultURL(config: String?) throws -> String {
        let path = config ?? ConfigLoader.defaultPath()
        let loaded: Configuration
        do {
            loaded = try ConfigSupport.loader.load(path: path)
        } catch {
            throw CLIError.configuration(error.description)
        }
        guard let http = loaded.http else {
            throw CLIError.usage("\(path) has no http: section; give --url")
        }
        switch http.listen {
        case .unix(let socket): return "unix:" + socket
        case .tcp(let host, let port):
            let address = host.contains(":") ? "[\(host)]" : (host == "0.0.0.0" ? "127.0.0.1" : (host == "::" ? "[::1]" : host))
            return "http://\(address):\(port)/readyz"
        }
    }

    static func ask(_ target: String, timeout: Int) async throws -> (Int, String) {
        let environment = ProcessInfo.processInfo.environment
        let credentials = environment["FIGWATCH_HEALTH_USER"].map { ($0, environment["FIGWATCH_HEALTH_PASSWORD"] ?? "") }
        if target.hasPrefix("unix:") {
            return try UnixSocketGet.get(socket: String(target.dropFirst(5)), path: "/readyz", credentials: credentials,
                                         timeout: timeout)
        }
        var url = target
        if let (user, password) = credentials, var parts = URLComponents(string: target) {
            parts.user = user
            parts.password = password
            url = parts.string ?? target
        }
        let fetcher = try CurlFetcher(options: FetchOptions(
            userAgent: "figwatch-health", connectTimeout: .seconds(timeout), timeout: .seconds(timeout),
            maxBodyBytes: 64 * 1024, maxRedirects: 0, concurrency: 1, perHostConcurrency: 1))
        defer { fetcher.shutdown() }
        do {
            let response = try await fetcher.fetch(FetchRequest(url: url))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        } catch {
            throw CLIError.runtime("\(target): \(error)")
        }
    }
}
