import Foundation

/// `figwatch` run as a child process, as systemd or a user would run it, with its
/// stderr (the log) captured line by line.
public final class DaemonProcess: Sendable {
    public let process: Process
    /// When the process was started.
    public let startedAt: ContinuousClock.Instant
    private let lines = LockedBox<[String]>([])
    /// Set when the reader has seen the end of stderr: every line the process wrote is in `lines`.
    private let drained = LockedBox<Bool>(false)

    /// Starts `figwatch ARGUMENTS...` with extra environment variables.
    public init(arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = BuiltProduct.figwatch
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "JOURNAL_STREAM", "WATCHDOG_USEC", "WATCHDOG_PID", "FIGWATCH_CONFIG"] { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        self.process = process
        let handle = stderr.fileHandleForReading
        let collected = lines, drained = drained
        let reader = Thread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    collected.withLock { $0.append(line) }
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            if !pending.isEmpty { collected.withLock { $0.append(String(decoding: pending, as: UTF8.self)) } }
            drained.withLock { $0 = true }
        }
        try process.run()
        startedAt = .now
        reader.start()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public var pid: Int32 { process.processIdentifier }

    /// The log lines written so far.
    public var log: [String] { lines.withLock { $0 } }

    /// Log lines parsed as JSON objects (with `log.format: json`).
    public var records: [[String: String]] {
        log.compactMap { line in
            guard let data = line.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return nil }
            return object.mapValues { "\($0)" }
        }
    }

    /// The messages of the warning and error records, for a failure message.
    public var warnings: [String] {
        records.filter { ["warning", "error", "critical"].contains($0["level"]) }.map { $0["msg"] ?? "" }
    }

    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit; its status, or `nil` if it still runs after `timeout`. Once it
    /// has exited, also waits (up to a second) for the reader to take in the last of its stderr, so
    /// `log` then holds every line it wrote.
    public func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else { return nil }
        // A child the process left running may hold the pipe open, so the end may never come.
        let drainedBy = ContinuousClock.now + .seconds(1)
        while !drained.withLock({ $0 }) && ContinuousClock.now < drainedBy {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return process.terminationStatus
    }

    /// Waits until a log record satisfies `predicate`; `false` on timeout.
    public func waitForRecord(timeout: Duration, _ predicate: ([String: String]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if records.contains(where: predicate) { return true }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return records.contains(where: predicate)
    }
}
