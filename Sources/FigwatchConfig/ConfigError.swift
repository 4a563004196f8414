/// One problem in a configuration file, located as `file:line:column`.
public struct ConfigDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `PATH:LINE:COLUMN: message`, the form editors and `check-config` users expect.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found in a configuration, reported all at once.
///
/// Loading never stops at the first problem: a user fixing a file wants the whole
/// list, the way a compiler reports every error.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The file (or an included one) could not be read.
        case unreadable
        /// The YAML itself is malformed.
        case syntax
        /// Well-formed YAML that is not a valid configuration.
        case invalid
    }

    public var code: Code
    public var diagnostics: [ConfigDiagnostic]

    public init(code: Code, diagnostics: [ConfigDiagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
