import FigwatchCore
import Foundation
import Yams

/// Reads a configuration file (and the files it includes) into a validated `Configuration`.
///
/// Strict by design: unknown keys, wrong types, bad URLs, duplicate ids, rules naming
/// unknown entities, unparsable durations or amounts are all errors, every one of them
/// reported at once as `file:line:column: message`. A typo in a config must never
/// silently turn a rule off.
public struct ConfigLoader: Sendable {
    /// Reads a money threshold such as `"4 trillion HKD"` or `"4萬億港元"`: the extractor's
    /// own amount parser, so thresholds are read exactly as figures are.
    public typealias ThresholdParser = @Sendable (String) -> AlertRule.Threshold?

    let parseThreshold: ThresholdParser
    let environment: [String: String]

    public init(thresholdParser: @escaping ThresholdParser, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.parseThreshold = thresholdParser
        self.environment = environment
    }

    /// `--config`, else `$FIGWATCH_CONFIG`, else `/etc/figwatch/figwatch.yaml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["FIGWATCH_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/figwatch/figwatch.yaml"
    }

    /// Loads and validates; throws `ConfigError` listing every problem.
    public func load(path: String) throws(ConfigError) -> Configuration {
        var state = LoadState()
        guard let root = compose(path: path, state: &state) else {
            throw ConfigError(code: state.code, diagnostics: state.diagnostics)
        }
        // An empty file (or one of comments only) is a mistake, not a daemon that watches nothing:
        // most often the wrong path, or an editor that saved nothing.
        if case .mapping(let mapping) = root, mapping.isEmpty {
            throw ConfigError(code: .invalid, diagnostics: [.init(
                file: path, line: 1, column: 1,
                message: "the configuration is empty: it needs at least 'sources:' (see docs/CONFIG.md)")])
        }
        var config = Configuration(path: path, storage: .init(path: defaultStoragePath(), retention: nil))
        config.files = [path]
        let directory = (path as NSString).deletingLastPathComponent

        var reader = YAMLReader(file: path)
        var lists = ListNodes()
        if let entries = reader.mapping(root, at: "", allowed: ConfigSchema.topLevel) {
            for (key, _, value) in entries {
                switch key {
                case "storage": readStorage(value, into: &config, directory: directory, reader: &reader)
                case "fetch": readFetch(value, into: &config, reader: &reader)
                case "log": readLog(value, into: &config, reader: &reader)
                case "defaults":
                    readDefaults(value, into: &config, reader: &reader)
                    lists.defaults = value
                case "fx": readFX(value, into: &config, reader: &reader)
                case "http": readHTTP(value, into: &config, directory: directory, reader: &reader)
                case "include":
                    if let patterns = reader.stringList(value, at: "include") {
                        lists.includes = patterns.map { ($0, value) }
                    }
                default: lists.add(key, value, reader: reader)
                }
            }
        }
        state.diagnostics += reader.diagnostics

        // Included files may add entities, sources and alerts, nothing else.
        for (pattern, node) in lists.includes {
            let files = Self.glob(pattern, relativeTo: directory)
            if files.isEmpty && !pattern.contains("*") && !pattern.contains("?") {
                var r = YAMLReader(file: path)
                r.report(node, "include: no file matches '\(pattern)'")
                state.diagnostics += r.diagnostics
            }
            for file in files where !config.files.contains(file) {
                config.files.append(file)
                guard let included = compose(path: file, state: &state) else { continue }
                var r = YAMLReader(file: file)
                // A typo here is suggested only keys an included file may set.
                if let entries = r.mapping(included, at: "", allowed: ConfigSchema.topLevel, suggestFrom: ConfigSchema.includable) {
                    for (key, keyNode, value) in entries {
                        guard ConfigSchema.includable.contains(key) else {
                            r.report(keyNode, "'\(key)' cannot be set in an included file (only entities, sources and alerts)")
                            continue
                        }
                        lists.add(key, value, reader: r)
                    }
                }
                state.diagnostics += r.diagnostics
            }
        }

        // Entities first: sources and rules refer to them.
        var builder = ConfigBuilder(config: config, parseThreshold: parseThreshold, directory: directory)
        for (reader, node) in lists.entities { builder.readEntities(node, reader: reader) }
        for (reader, node) in lists.sources { builder.readSources(node, reader: reader) }
        // Notifiers before the rules that name them.
        for (reader, node) in lists.notifiers { builder.readNotifiers(node, reader: reader) }
        if let defaults = lists.defaults { builder.readDefaultNotify(defaults, reader: YAMLReader(file: path)) }
        for (reader, node) in lists.alerts { builder.readAlerts(node, reader: reader) }
        state.diagnostics += builder.diagnostics
        guard state.diagnostics.isEmpty else {
            throw ConfigError(code: state.code == .unreadable ? .unreadable : .invalid, diagnostics: state.diagnostics)
        }
        return builder.config
    }

    // MARK: - Files

    struct LoadState {
        var diagnostics: [ConfigDiagnostic] = []
        var code: ConfigError.Code = .invalid
    }

    struct ListNodes {
        var entities: [(YAMLReader, Node)] = []
        var sources: [(YAMLReader, Node)] = []
        var alerts: [(YAMLReader, Node)] = []
        var includes: [(String, Node)] = []
        var notifiers: [(YAMLReader, Node)] = []
        var defaults: Node?

        mutating func add(_ key: String, _ value: Node, reader: YAMLReader) {
            let fresh = YAMLReader(file: reader.file)
            switch key {
            case "entities": entities.append((fresh, value))
            case "sources": sources.append((fresh, value))
            case "alerts": alerts.append((fresh, value))
            case "notifiers": notifiers.append((fresh, value))
            default: break
            }
        }
    }

    private func compose(path: String, state: inout LoadState) -> Node? {
        let text: String
        switch Self.readFile(path) {
        case .success(let bytes):
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                state.diagnostics.append(.init(file: path, line: 1, column: 1, message: "not UTF-8 text"))
                return nil
            }
            text = decoded
        case .failure(let reason):
            state.code = .unreadable
            state.diagnostics.append(.init(file: path, line: 1, column: 1, message: "cannot read the file: \(reason)"))
            return nil
        }
        do {
            // `.basic`: no type-guessing rules; `YAMLReader` types each scalar by its key.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                return .mapping(.init([]))
            }
            return node
        } catch let error as YamlError {
            state.code = .syntax
            state.diagnostics.append(Self.diagnostic(for: error, file: path))
            return nil
        } catch {
            state.code = .syntax
            state.diagnostics.append(.init(file: path, line: 1, column: 1, message: "YAML syntax error: \(error)"))
            return nil
        }
    }

    struct ReadFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The file's bytes, or why not (`No such file or directory`, `Permission denied` ...).
    /// Plain POSIX reads: the reason is the system's own words, and Foundation's reader
    /// leaks a buffer on empty files.
    static func readFile(_ path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure(description: String(cString: strerror(errno)))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(description: String(cString: strerror(errno))))
            }
            if count == 0 { return .success(bytes) }
            guard bytes.count + count <= 16 << 20 else { return .failure(ReadFailure(description: "larger than 16 MiB")) }
            bytes += chunk[0..<count]
        }
    }

    static func diagnostic(for error: YamlError, file: String) -> ConfigDiagnostic {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence; the mistake is the second one, so point there.
            let key = duplicates.first ?? ""
            let first = context.mark
            let (line, column) = secondOccurrence(of: key, after: first, in: context.text) ?? (first.line, first.column)
            return .init(file: file, line: line, column: column,
                         message: "duplicate key '\(key)' (first at line \(first.line))")
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return .init(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(detail)\(problem)")
        case .reader(let problem, _, _, _):
            return .init(file: file, line: 1, column: 1, message: "YAML syntax error: \(problem)")
        default:
            return .init(file: file, line: 1, column: 1, message: "YAML syntax error: \(error)")
        }
    }

    /// Where `key` is written again after its first occurrence at `first` (1-based line and column):
    /// later on the same line in a flow mapping, else the next line that has it at the same column
    /// (a block mapping's keys line up).
    static func secondOccurrence(of key: String, after first: Mark, in text: String) -> (Int, Int)? {
        guard !key.isEmpty else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let keyScalars = Array(key.unicodeScalars)
        func isKey(_ line: [Unicode.Scalar], at index: Int) -> Bool {
            guard index >= 0, index + keyScalars.count <= line.count, Array(line[index..<index + keyScalars.count]) == keyScalars
            else { return false }
            return line[(index + keyScalars.count)...].drop { $0 == " " }.first == ":"
        }
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let firstLine = lines[first.line - 1]
        var index = first.column - 1 + keyScalars.count
        while index < firstLine.count {
            if isKey(firstLine, at: index), index > 0, [",", "{", " "].contains(firstLine[index - 1]) {
                return (first.line, index + 1)
            }
            index += 1
        }
        for number in first.line..<lines.count where isKey(lines[number], at: first.column - 1) {
            let indentation = lines[number].prefix(first.column - 1)
            if indentation.allSatisfy({ $0 == " " || $0 == "-" }) { return (number + 1, first.column) }
        }
        return nil
    }

    /// Paths matching a shell pattern, sorted; relative patterns are taken from the config's folder.
    static func glob(_ pattern: String, relativeTo directory: String) -> [String] {
        let full = pattern.hasPrefix("/") ? pattern : (directory.isEmpty ? pattern : directory + "/" + pattern)
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(full, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }

    private func defaultStoragePath() -> String {
        if let state = environment["STATE_DIRECTORY"], !state.isEmpty {
            // systemd may pass several directories separated by ':'; the first is ours.
            let first = state.split(separator: ":").first.map(String.init) ?? state
            return first + "/figwatch.sqlite"
        }
        return "./figwatch.sqlite"
    }
}
