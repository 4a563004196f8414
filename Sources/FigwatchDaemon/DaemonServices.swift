import FigwatchConfig
import Logging
import ServiceLifecycle
import UnixSignals

/// The scheduler as a service: graceful shutdown (SIGTERM, SIGINT) stops it taking
/// new work and lets in-flight fetches finish or cancels them within a few seconds.
public struct SchedulerService: Service, CustomStringConvertible {
    let daemon: Daemon
    /// The name swift-service-lifecycle logs and keeps for the life of the group (else a dump of
    /// every stored property).
    public var description: String { "scheduler" }

    public init(daemon: Daemon) {
        self.daemon = daemon
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await daemon.run(once: false)
        } onGracefulShutdown: {
            daemon.requestShutdown()
        }
    }
}

/// Reloads the configuration on SIGHUP and whenever a configuration file changes.
///
/// A new configuration is validated with the same loader as `check-config` first; an
/// invalid one is logged problem by problem and the running one stays in force.
public struct ReloadService: Service, CustomStringConvertible {
    let daemon: Daemon
    /// Short, as swift-service-lifecycle names a service by its description: the default, a dump of
    /// the whole configuration, was a string of half a megabyte at 1,000 sources, kept for good.
    public var description: String { "reload" }
    let path: String
    let notifier: SystemdNotifier
    let logger: Logger
    let reloader: Reloader
    /// SIGHUP, trapped by the caller before it announced READY=1 (signals wait here until `run`).
    let hangups: UnixSignalsSequence
    /// Told of each configuration a reload applied (the HTTP listener follows it).
    let onReload: @Sendable (Configuration) -> Void

    public init(
        daemon: Daemon, configuration: Configuration, hangups: UnixSignalsSequence, notifier: SystemdNotifier,
        logger: Logger, onReload: @escaping @Sendable (Configuration) -> Void = { _ in }
    ) {
        self.daemon = daemon
        self.onReload = onReload
        self.hangups = hangups
        self.path = configuration.path
        self.notifier = notifier
        self.logger = logger
        self.reloader = Reloader(files: configuration.files)
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in hangups.cancelOnGracefulShutdown() {
                    await reload(reason: "SIGHUP")
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    let files = await reloader.files
                    guard let watcher = ConfigWatcher(files: files) else {
                        logger.warning("Cannot watch the configuration files; reload with SIGHUP.")
                        return
                    }
                    defer { watcher.stop() }
                    for await _ in watcher.changes.cancelOnGracefulShutdown() {
                        // Editors write in several steps: wait for the dust to settle.
                        try? await Task.sleep(for: .milliseconds(300))
                        await reload(reason: "configuration file changed")
                        if await reloader.files != files { break }  // includes changed: watch anew
                    }
                    if Task.isCancelled || Task.isShuttingDownGracefully { return }
                }
            }
            await group.waitForAll()
        }
    }

    func reload(reason: String) async {
        notifier.reloading()
        logger.info("Reloading the configuration.", metadata: ["reason": "\(reason)", "config": "\(path)"])
        do {
            let loaded = try ConfigLoader.standard.load(path: path)
            try await daemon.apply(loaded)
            await reloader.setFiles(loaded.files)
            onReload(loaded)
        } catch let error as ConfigError {
            for diagnostic in error.diagnostics {
                logger.error("Invalid configuration: \(diagnostic)", metadata: ["event": "config_invalid", "config": "\(path)"])
            }
            logger.error("Keeping the running configuration.", metadata: ["problems": "\(error.diagnostics.count)"])
        } catch {
            logger.error("Reload failed; keeping the running configuration: \(error)")
        }
        notifier.reloaded(status: await daemon.summary.description)
    }
}

/// The set of files a reload watches, which changes when includes do.
actor Reloader {
    private(set) var files: [String]

    init(files: [String]) {
        self.files = files
    }

    func setFiles(_ new: [String]) {
        files = new
    }
}
