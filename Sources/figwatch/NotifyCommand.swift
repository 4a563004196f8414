import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchDaemon

/// `figwatch notify test NOTIFIER`: check a channel before an alert needs it.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Work with the configured notifiers.",
        subcommands: [Test.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Send a sample alert through a configured notifier and print the receiver's answer.",
            discussion: """
                The sample is a firing market-cap alert with a Chinese sentence, sent at once (not through \
                the outbox) in exactly the request real alerts use. Prints the receiver's answer (HTTP status \
                and body, or the SMTP reply); exits 0 when the receiver accepted it, 1 when not, 78 when the \
                configuration is invalid or names no such notifier. Tokens and passwords are never printed.

                Example: figwatch notify test team-slack
                """)

        @Option(help: "Configuration file (default: $FIGWATCH_CONFIG, then /etc/figwatch/figwatch.yaml).")
        var config: String?

        @Argument(help: "The notifier's id (notifiers: in the configuration).")
        var notifier: String

        func run() async throws {
            try await Self.reportingErrors {
                let loaded = try ConfigSupport.load(explicitPath: config)
                guard let target = loaded.notifiers.first(where: { $0.id == notifier }) else {
                    let known = loaded.notifiers.map(\.id).joined(separator: ", ")
                    throw CLIError.configuration("no notifier '\(notifier)' in \(loaded.path)" + (known.isEmpty ? "" : " (configured: \(known))"))
                }
                let result = await NotifierTest.send(target, configuration: loaded, at: SystemClock().now())
                Terminal.print("\(target.id) (\(target.kind.rawValue)): \(result.ok ? "accepted" : "FAILED")")
                Terminal.print(result.answer)
                if !result.ok { throw ExitCode.failure }
            }
        }
    }
}
