import FigwatchAlerts
import FigwatchCore
import FigwatchHTTP
import Foundation
import Logging

/// Delivers alert transitions that need no queue: the log record, and the rule's command.
struct AlertDelivery: Sendable {
    let logger: Logger

    /// One record per transition: warning when firing, notice when resolved, with every
    /// field structured (journal fields `FIGWATCH_RULE=` ... under systemd); a muted one says which
    /// silence muted it (`FIGWATCH_SILENCE=`).
    func log(_ t: AlertTransition, entityName: String, rule: AlertRule) {
        var metadata: Logger.Metadata = [
            "event": "alert", "state": "\(t.state.rawValue)", "rule": "\(t.rule)", "entity": "\(t.entity)",
            "message_id": "\(AlertPayload.messageID(rule.condition))",
        ]
        if let metric = t.metric { metadata["metric"] = "\(metric.rawValue)" }
        if let value = t.value { metadata["value"] = "\(value)" }
        if let currency = t.currency { metadata["currency"] = "\(currency)" }
        if let threshold = t.threshold { metadata["threshold"] = "\(threshold)" }
        if let source = t.sourceURL { metadata["source"] = "\(source)" }
        if let sentence = t.sentence { metadata["sentence"] = "\(sentence)" }
        if let rate = t.rate { metadata["rate"] = "\(rate)" }
        if t.reminder { metadata["reminder"] = "true" }
        var text = t.text(entityName: entityName)
        if let silence = t.mutedBy {
            metadata["silence"] = "\(silence)"
            text += " (muted by silence \(silence))"
        }
        logger.log(level: t.state == .firing ? .warning : .notice, "\(text)", metadata: metadata)
    }

    /// Runs `argv` (no shell, no PATH search) with the alert in `FIGWATCH_*` variables and
    /// as JSON on stdin; killed after `timeout`. A failure is logged, never thrown.
    func run(_ argv: [String], transition t: AlertTransition, entityName: String, timeout: Duration) async {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FIGWATCH_") && $0.key != "NOTIFY_SOCKET" }
        environment.merge(AlertPayload.environment(t, entityName: entityName)) { _, new in new }
        process.environment = environment
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        let stderr = Pipe()
        process.standardError = stderr
        let (exited, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        do {
            try process.run()
        } catch {
            logger.error("Alert command could not be started: \(error)", metadata: ["rule": "\(t.rule)", "command": "\(argv[0])"])
            FigwatchMetrics.notification(channel: "exec", succeeded: false)
            return
        }
        let payload = Data((AlertPayload.json(t, entityName: entityName) + "\n").utf8)
        try? stdin.fileHandleForWriting.write(contentsOf: payload)
        try? stdin.fileHandleForWriting.close()
        let pid = process.processIdentifier
        let status: Int32? = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await exited.first { _ in true } }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        FigwatchMetrics.notification(channel: "exec", succeeded: status == 0)
        guard let status else {
            kill(pid, SIGKILL)
            logger.error("Alert command timed out and was killed.", metadata: [
                "rule": "\(t.rule)", "command": "\(argv[0])", "timeout": "\(timeout)",
            ])
            return
        }
        if status != 0 {
            let detail = String(decoding: (try? stderr.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
            logger.error("Alert command failed with status \(status).", metadata: [
                "rule": "\(t.rule)", "command": "\(argv[0])", "stderr": "\(detail.prefix(500))",
            ])
        }
    }
}
