import FigwatchConfig
import FigwatchCore
import FigwatchPostgres
import FigwatchStore
import Foundation
import Logging

/// How query commands open the store: read-only, so they work while the daemon writes.
enum StoreSupport {
    /// Runs `body` with the configured store open read-only: the SQLite file, or a pool of a few
    /// connections to the PostgreSQL database (read-only sessions), closed when `body` returns.
    static func withReadOnlyStore<T: Sendable>(
        _ configuration: Configuration, _ body: (any FigureStore) async throws -> T
    ) async throws -> T {
        switch configuration.storage.backend {
        case .sqlite:
            return try await body(try openSQLite(configuration))
        case .postgres:
            let options = PostgresStore.Options(access: .readOnly, maximumConnections: 2, operationTimeout: .seconds(10))
            return try await withPostgres(configuration, options: options, body)
        }
    }

    /// Runs `body` with the configured store open for the few rows a command writes (silences) while the
    /// daemon may be running. SQLite: read-write without the writer lock the daemon holds (a one-row
    /// transaction that SQLite's own locking serialises with the daemon's, see
    /// `SQLiteStore.Options.takesWriterLock`); the store must exist with the current schema. PostgreSQL:
    /// an ordinary read-write connection, as the daemons sharing it have.
    static func withSilenceStore<T: Sendable>(
        _ configuration: Configuration, _ body: (any FigureStore) async throws -> T
    ) async throws -> T {
        switch configuration.storage.backend {
        case .sqlite:
            let path = configuration.storage.path
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError.runtime("no store at \(path) yet: run the daemon (figwatch run) first")
            }
            let store: SQLiteStore
            do {
                store = try SQLiteStore(path: path, options: .init(access: .readWrite, takesWriterLock: false))
            } catch {
                throw CLIError.runtime("\(error)")
            }
            return try await body(store)
        case .postgres:
            let options = PostgresStore.Options(access: .readWrite, maximumConnections: 1, operationTimeout: .seconds(10))
            return try await withPostgres(configuration, options: options, body)
        }
    }

    /// The configured PostgreSQL store, opened with `options` for `body`; a bad URL is a configuration
    /// error, a store that cannot be opened a runtime one.
    private static func withPostgres<T: Sendable>(
        _ configuration: Configuration, options: PostgresStore.Options, _ body: (any FigureStore) async throws -> T
    ) async throws -> T {
        let location: PostgresLocation
        do {
            location = try PostgresLocation(url: configuration.storage.url ?? "")
        } catch {
            throw CLIError.configuration("\(configuration.path): storage.url: \(error)")
        }
        do {
            return try await PostgresStore.withStore(location, options: options, logger: quietLogger) { store in
                try await body(store)
            }
        } catch let error as StoreError {
            throw CLIError.runtime("\(error)")
        }
    }

    /// PostgresNIO logs connection trouble itself; the command reports the failure in its one line.
    private static let quietLogger: Logger = {
        var logger = Logger(label: "figwatch.postgres")
        logger.logLevel = .critical
        return logger
    }()

    private static func openSQLite(_ configuration: Configuration) throws -> SQLiteStore {
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
