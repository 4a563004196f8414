import FigwatchConfig
import FigwatchCore
import FigwatchHTTP
import FigwatchPostgres
import FigwatchStore
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `figwatch run`: loads the configuration, opens the store, and runs the scheduler
/// and the reloader in one service group until SIGTERM or SIGINT.
public enum DaemonMain {
    /// Exit statuses, as the systemd unit and INTERFACE.md expect them.
    public enum Status: Int32 {
        case success = 0
        case failure = 1
        /// `run --once` ran, and at least one source failed (EX_TEMPFAIL): cron and CI notice, and
        /// can tell it from a daemon that could not run at all.
        case sourcesFailed = 75
        case configuration = 78
    }

    public static func run(configPath: String, once: Bool) async -> Status {
        MallocTuning.configure()
        FigwatchMetrics.bootstrap()
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
        // SIGHUP's default action ends the process: it is ignored from here on (a reload asked for
        // before the store is open has nothing to reload), and trapped for the reloader just before
        // READY=1 (see `run`), so a reload that follows READY at once is queued, never lost.
        signal(SIGHUP, SIG_IGN)

        switch configuration.storage.backend {
        case .sqlite:
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
            return await run(configuration, configPath: configPath, store: store, storeName: configuration.storage.path,
                             once: once, notifier: notifier, logger: logger)
        case .postgres:
            let store: PostgresStore
            do {
                let location = try PostgresLocation(url: configuration.storage.url ?? "")
                // A call waits at most 10 s for the database: then the page waits in memory, and the
                // fetch worker goes on (PendingResults).
                store = try PostgresStore(
                    location: location,
                    options: .init(maximumConnections: min(16, max(4, configuration.fetch.concurrency / 2)),
                                   operationTimeout: .seconds(10),
                                   maxAge: configuration.storage.retention.map(\.milliseconds)),
                    logger: logger)
            } catch {
                logger.critical("Cannot use storage.url: \(error)")
                return .configuration
            }
            // The pool runs beside the daemon and stops with it.
            return await withTaskGroup(of: Void.self) { group in
                group.addTask { await store.run() }
                defer { group.cancelAll() }
                do {
                    try await store.open()
                } catch {
                    logger.critical("Cannot open the store: \(error)", metadata: ["store": "\(store.location)"])
                    return .failure
                }
                return await run(configuration, configPath: configPath, store: store, storeName: "\(store.location)",
                                 once: once, notifier: notifier, logger: logger)
            }
        }
    }

    private static func run(
        _ configuration: Configuration, configPath: String, store: any FigureStore, storeName: String, once: Bool,
        notifier: SystemdNotifier, logger: Logger
    ) async -> Status {
        let daemon: Daemon
        do {
            daemon = try Daemon(configuration: configuration, store: store, notifier: notifier, logger: logger)
            try await daemon.prepare()
        } catch {
            logger.critical("Cannot start: \(error)")
            return .failure
        }
        logger.notice("figwatch started.", metadata: [
            "config": "\(configPath)", "store": "\(storeName)",
            "sources": "\(configuration.sources.count)", "entities": "\(configuration.entities.count)",
            "alert_rules": "\(configuration.alerts.count)", "once": "\(once)",
        ])

        if once {
            await daemon.run(once: true)
            await daemon.close()
            let summary = await daemon.summary
            logger.notice("One pass done: \(summary).")
            return summary.failing > 0 ? .sourcesFailed : .success
        }

        let summary = await daemon.summary
        // Trapped before READY=1: systemd may send the first reload the moment it sees READY, and
        // the sequence buffers signals until the reloader starts reading them.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        notifier.ready(status: summary.description)
        // The HTTP listener (issue 23) runs even without an `http:` section, so a reload can add one.
        let http = HTTPListenerService(configuration: configuration, store: store, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: SchedulerService(daemon: daemon)),
                .init(service: ReloadService(
                    daemon: daemon, configuration: configuration, hangups: hangups, notifier: notifier, logger: logger,
                    onReload: { http.reconfigure($0) })),
                // A listener that cannot bind at start stops the daemon gracefully (exit 1), as a bad store would.
                .init(service: http, failureTerminationBehavior: .gracefullyShutdownGroup),
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
