import ArgumentParser
import FigwatchConfig
import FigwatchDaemon

/// `figwatch run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: fetch every source on its interval, store figures, raise alerts.",
        discussion: """
            Under systemd (Type=notify) it reports READY, STATUS and WATCHDOG pings; SIGHUP or an \
            edit of the configuration reloads it (an invalid new configuration is logged and the \
            running one kept); SIGTERM or SIGINT stops it within a few seconds. Logs go to the \
            journal under systemd, else to stderr as text or JSON (log.format).

            --once runs every source once, evaluates alerts and exits: for cron, tests and demos.
            Exit status: 0 stopped cleanly (with --once: every source fetched), 1 runtime failure \
            (e.g. the store is in use by another daemon), 75 with --once when any source failed \
            (see 'figwatch sources'), 78 configuration error.
            """)

    @Option(help: "Configuration file (default: $FIGWATCH_CONFIG, then /etc/figwatch/figwatch.yaml).")
    var config: String?

    @Flag(help: "Run every source once, evaluate alerts, then exit.")
    var once = false

    func run() async throws {
        let status = await DaemonMain.run(configPath: config ?? ConfigLoader.defaultPath(), once: once)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
