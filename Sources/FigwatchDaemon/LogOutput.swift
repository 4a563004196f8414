import CSystemd
import FigwatchCore
import Foundation
import Logging

/// Where log records go, and in what form.
///
/// Under systemd the native journal keeps every structured field (`FIGWATCH_SOURCE=`,
/// `FIGWATCH_RULE=` ...) searchable with `journalctl FIGWATCH_RULE=...`; elsewhere
/// JSON lines suit log shippers and text suits people.
public enum LogOutput: String, Sendable, CaseIterable {
    case journal, json, text

    /// `auto` means the journal when systemd connected our stderr to it (`JOURNAL_STREAM`), else text.
    public static func resolve(_ configured: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> LogOutput {
        if let explicit = LogOutput(rawValue: configured) { return explicit }
        return environment["JOURNAL_STREAM"].map { !$0.isEmpty } == true ? .journal : .text
    }

    /// Installs the process-wide logging backend. Call once, before the first logger is made.
    public static func bootstrap(_ output: LogOutput, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler
            switch output {
            case .journal: handler = JournalLogHandler(label: label)
            case .json: handler = StreamLogHandler(label: label, format: .json)
            case .text: handler = StreamLogHandler(label: label, format: .text)
            }
            handler.logLevel = level
            return handler
        }
    }

    /// Journal field name for a metadata key: `source.id` -> `FIGWATCH_SOURCE_ID`.
    static func journalField(_ key: String) -> String {
        var out = "FIGWATCH_"
        for scalar in key.unicodeScalars {
            if ("a"..."z").contains(scalar) {
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            } else if ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "_"
            }
        }
        return out
    }

    /// Keys whose values stay JSON strings even when they look like numbers: names (a source called
    /// "2024") and money, which every figwatch JSON keeps as an exact decimal string.
    static let textKeys: Set<String> = ["source", "rule", "entity", "owner", "id", "date", "value", "threshold", "rate"]

    /// Whether a metadata value is written as a JSON number in JSON logs: a plain decimal numeral
    /// (`3`, `-2`, `0.25`; at most 15 integer digits, so every reader's double holds it exactly) under
    /// a key that is not a name or an amount of money.
    static func isJSONNumber(_ value: String, key: String) -> Bool {
        guard !textKeys.contains(key) else { return false }
        var bytes = Substring(value).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let integer = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !integer.isEmpty, integer.count <= 15, integer.count == 1 || integer.first != UInt8(ascii: "0") else { return false }
        let rest = bytes.dropFirst(integer.count)
        if rest.isEmpty { return true }
        guard rest.first == UInt8(ascii: "."), rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A logfmt value: bare when it is one plain word, else quoted with `"`, `\` and control
    /// characters escaped, so that `key=value` pairs split the same way whatever a value holds.
    static func logfmt(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" && $0.value != 0x7F
        }
        if plain { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// syslog priority of a swift-log level.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// Flattens metadata values to strings (nested values as JSON-ish text), sorted by key
    /// so records read the same every time.
    static func flatten(_ metadata: Logger.Metadata) -> [(String, String)] {
        metadata.map { ($0.key, $0.value.flatDescription) }.sorted { $0.0 < $1.0 }
    }
}

extension Logger.MetadataValue {
    var flatDescription: String {
        switch self {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let items): return "[" + items.map(\.flatDescription).joined(separator: ", ") + "]"
        case .dictionary(let dict):
            return "{" + dict.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.flatDescription)" }.joined(separator: ", ") + "}"
        }
    }
}

/// What both handlers share: metadata as a value, merged with the provider's and the event's.
protocol FigwatchLogHandler: LogHandler {
    var metadata: Logger.Metadata { get set }
}

extension FigwatchLogHandler {
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The handler's metadata, then the provider's, then the record's own (later wins).
    func metadata(for event: LogEvent) -> Logger.Metadata {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        return all
    }
}

/// Text or JSON lines on stderr.
struct StreamLogHandler: FigwatchLogHandler {
    enum Format { case text, json }

    let label: String
    let format: Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, format: Format) {
        self.label = label
        self.format = format
    }

    func log(event: LogEvent) {
        let all = metadata(for: event)
        let fields = LogOutput.flatten(all)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var line: String
        switch format {
        case .json:
            var object = JSONObject()
            object.add("ts", Timestamp.iso8601(now))
            object.add("level", event.level.rawValue)
            object.add("msg", event.message.description)
            for (key, value) in fields {
                if LogOutput.isJSONNumber(value, key: key) { object.add(key, raw: value) } else { object.add(key, value) }
            }
            line = object.description
        case .text:
            line = "\(Timestamp.iso8601(now)) \(event.level.rawValue.uppercased()) \(event.message)"
            // An alert's message already says everything its fields do.
            let isAlert = all["event"]?.flatDescription == "alert"
            for (key, value) in fields where key != "event" && !isAlert {
                line += " \(key)=" + LogOutput.logfmt(value)
            }
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Native journal entries through `sd_journal_sendv`, one field per metadata key.
struct JournalLogHandler: FigwatchLogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String) {
        self.label = label
    }

    func log(event: LogEvent) {
        let all = metadata(for: event)
        var fields = [
            "MESSAGE=\(event.message)",
            "PRIORITY=\(LogOutput.priority(event.level))",
            "SYSLOG_IDENTIFIER=figwatch",
        ]
        for (key, value) in LogOutput.flatten(all) {
            // MESSAGE_ID is the journal's own field: one fixed id per kind of record.
            fields.append(key == "message_id" ? "MESSAGE_ID=\(value)" : "\(LogOutput.journalField(key))=\(value)")
        }
        Self.send(fields)
    }

    /// Sends `FIELD=value` strings; values may contain newlines (sd_journal_sendv allows it).
    /// All fields live in one buffer so every iovec points into memory that stays valid
    /// for the whole call.
    static func send(_ fields: [String]) {
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = buffer.count
            buffer.append(contentsOf: field.utf8)
            ranges.append(start..<buffer.count)
        }
        buffer.withUnsafeMutableBytes { raw in
            let vectors = ranges.map { range in
                iovec(iov_base: raw.baseAddress.map { $0 + range.lowerBound }, iov_len: range.count)
            }
            _ = fw_journal_sendv(vectors, Int32(vectors.count))
        }
    }
}
