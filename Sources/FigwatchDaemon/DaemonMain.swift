import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Foundation
import Logging
import ServiceLifecycle

/// `figwatch run`: loads the configuration, opens the store, and runs the scheduler
/// and the reloader in one service group until SIGTERM or SIGINT.
public enum DaemonMain {
    /// Exit statuses, as the systemd unit and INTERFACE.md expect them.
    public enum Status: Int32 {
        case success = 0
        case failure = 1
        case configuration = 78
    }

    public static func run(configPath: String, once: Bool) async -> Status {
        let configuration: Configuration
        do {
            configuration = try ConfigLoader.standard.load(path: configPath)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return .configuration
        }
        let output = LogOutput.resolve(configuration.log.format.rawValue)
        LogOutput.bootstrap(output, level: Logger.Level(rawValue: configuration.log.level) ?? .info)
        var logger = Logger(label: "figwatch")
        logger.logLevel = Logger.Level(rawValue: configuration.log.level) ?? .info
        let notifier = SystemdNotifier()

        // The PostgreSQL store exists (FigwatchPostgres) but the daemon does not run on it yet: refuse
        // rather than silently write to the SQLite default.
        guard configuration.storage.backend == .sqlite else {
            logger.critical("storage backend \(configuration.storage.backend.rawValue) is not supported by figwatch run yet")
            return .configuration
        }
        let store: SQLiteStore
        do {
            try FileManager.default.createDirectory(
                atPath: (configuration.storage.path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            store = try SQLiteStore(path: configuration.storage.path)
        } catch {
            logger.critical("Cannot open the store: \(error)", metadata: ["path": "\(configuration.storage.path)"])
            return .failure
        }

        let daemon: Daemon
        do {
            daemon = try Daemon(configuration: configuration, store: store, notifier: notifier, logger: logger)
            try await daemon.prepare()
        } catch {
            logger.critical("Cannot start: \(error)")
            return .failure
        }
        logger.notice("figwatch started.", metadata: [
            "config": "\(configPath)", "store": "\(configuration.storage.path)",
            "sources": "\(configuration.sources.count)", "entities": "\(configuration.entities.count)",
            "alert_rules": "\(configuration.alerts.count)", "once": "\(once)",
        ])

        if once {
            await daemon.run(once: true)
            await daemon.close()
            let summary = await daemon.summary
            logger.notice("One pass done: \(summary).")
            return .success
        }

        let summary = await daemon.summary
        notifier.ready(status: summary.description)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: SchedulerService(daemon: daemon)),
                .init(service: ReloadService(daemon: daemon, configuration: configuration, notifier: notifier, logger: logger)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            logger.error("Stopped with an error: \(error)")
            await daemon.close()
            return .failure
        }
        await daemon.close()
        logger.notice("figwatch stopped.")
        return .success
    }
}
