/// Everything the store can fail with: a small fixed `code` (safe as a log field), a message that names
/// the store file or the subject and what failed, and the underlying cause when there is one.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// Another process holds the single-writer lock of this store.
        case locked
        /// The file was written by a newer figwatch: its schema has migrations this binary does not know.
        case schemaTooNew = "schema_too_new"
        /// A read-only open met a schema older than this binary's; the daemon upgrades it on its next start.
        case schemaOutdated = "schema_outdated"
        /// The file or its lock could not be opened or created.
        case openFailed = "open_failed"
        /// A write was attempted on a store opened read-only.
        case readOnly = "read_only"
        /// SQLite reported an error while reading or writing.
        case database
        /// A stored value could not be read back (a row written by something else than figwatch).
        case corruptValue = "corrupt_value"
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        guard let underlying else { return message }
        return "\(message): \(underlying)"
    }
}
