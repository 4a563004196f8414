import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Foundation

/// How query commands open the store: read-only, so they work while the daemon writes.
enum StoreSupport {
    static func openReadOnly(_ configuration: Configuration) throws -> SQLiteStore {
        guard configuration.storage.backend == .sqlite else {
            throw CLIError.runtime(
                "storage backend \(configuration.storage.backend.rawValue) is not supported by this command yet")
        }
        let path = configuration.storage.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.runtime("no store at \(path) yet: run the daemon (figwatch run) first")
        }
        do {
            return try SQLiteStore(path: path, access: .readOnly)
        } catch {
            throw CLIError.runtime("\(error)")
        }
    }

    /// `WHEN`: a date (`2025-09-03`), a date-time (`2025-09-03T10:00:00Z`), or an age (`30d`, `12h`).
    static func when(_ text: String, now: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) throws -> Int64 {
        if let absolute = Timestamp.parse(text) { return absolute }
        if let age = ConfigValues.duration(text) {
            return now - (age.components.seconds * 1000 + age.components.attoseconds / 1_000_000_000_000_000)
        }
        throw CLIError.usage("'\(text)' is not a date (2025-09-03), a date-time (2025-09-03T10:00:00Z) or an age (30d, 12h)")
    }
}
