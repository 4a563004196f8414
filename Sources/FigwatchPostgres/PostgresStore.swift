import FigwatchCore
import FigwatchStore
import Logging
import PostgresNIO

/// The figwatch store in a PostgreSQL database that several daemons can share (issue 8).
///
/// Same protocol, same semantics as `SQLiteStore`: exact decimal values (`NUMERIC`, never a float),
/// one observation per figure per UTC day, sightings whose ids only grow, numbered migrations with a
/// refusal of a schema newer than this binary. Connections come from a small pool (`PostgresClient`)
/// that opens them on demand and, when the database goes away, opens new ones with exponential backoff;
/// each call waits for a connection at most `Options.operationTimeout`, so a store call fails with
/// `StoreError(.database)` rather than hangs while the database is down.
///
/// The pool needs a task to run in, so a store lives inside `withStore`:
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://figwatch@db.internal/figwatch")
/// try await PostgresStore.withStore(location) { store in
///     _ = try await store.append(page: page, figures: figures, sourceID: "netease-alibaba")
/// }
/// ```
///
/// A service that manages its own tasks calls `run()` in one of them and `open()` before the first use.
public final class PostgresStore: FigureStore {
    public typealias Access = SQLiteStore.Access

    public struct Options: Sendable {
        public var access: Access
        /// Connections in the pool: a daemon's fetch workers share them; more than a few only adds
        /// server processes.
        public var maximumConnections: Int
        /// How long one store call may wait for a connection and its queries before it fails.
        public var operationTimeout: Duration
        /// How long observations, pages and history are kept (milliseconds); `nil` keeps everything.
        public var maxAge: Int64?

        public init(access: Access = .readWrite, maximumConnections: Int = 4, operationTimeout: Duration = .seconds(30),
                    maxAge: Int64? = nil) {
            self.access = access
            self.maximumConnections = maximumConnections
            self.operationTimeout = operationTimeout
            self.maxAge = maxAge
        }
    }

    public let location: PostgresLocation
    public let options: Options
    let client: PostgresClient
    let logger: Logger

    /// Makes the store's pool; nothing connects until `run()` runs and a call needs a connection.
    public init(location: PostgresLocation, options: Options = Options(), logger: Logger? = nil) throws {
        self.location = location
        self.options = options
        self.logger = logger ?? Logger(label: "figwatch.postgres")
        var configuration = try location.clientConfiguration()
        configuration.options.minimumConnections = 0
        configuration.options.maximumConnections = max(1, options.maximumConnections)
        configuration.options.connectTimeout = .seconds(10)
        if options.access == .readOnly {
            // Defence in depth: the server itself refuses writes on a reader's connections.
            configuration.options.additionalStartupParameters = [("default_transaction_read_only", "on")]
        }
        client = PostgresClient(configuration: configuration, backgroundLogger: self.logger)
    }

    /// Runs the connection pool until the calling task is cancelled; store calls need it running.
    public func run() async {
        await client.run()
    }

    /// Opens a store at `location`, brings its schema up to date (or checks it, read-only), runs `body`
    /// with it, then closes the pool.
    ///
    /// - Throws: `StoreError` `.schemaTooNew`, `.schemaOutdated` (read-only), `.openFailed` when the
    ///   database cannot be reached or migrated; whatever `body` throws.
    public static func withStore<T: Sendable>(
        _ location: PostgresLocation, options: Options = Options(), logger: Logger? = nil,
        _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        let store = try PostgresStore(location: location, options: options, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            try await store.open()
            return try await body(store)
        }
    }

    // MARK: Helpers shared by the extensions

    /// Runs `body` on one pooled connection inside a transaction, mapping failures to `StoreError`
    /// naming `subject`.
    func write<T: Sendable>(
        _ subject: @autoclosure () -> String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        guard options.access == .readWrite else {
            throw StoreError(.readOnly, "cannot \(subject()): postgres store \(location) is open read-only")
        }
        return try await perform(subject()) { client, logger in
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    /// Runs `body` on one pooled connection (one statement is its own snapshot; several that must agree
    /// use `write`, or a transaction of their own).
    func read<T: Sendable>(
        _ subject: @autoclosure () -> String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await perform(subject()) { client, _ in
            try await client.withConnection { connection in try await body(connection) }
        }
    }

    func perform<T: Sendable>(
        _ subject: String, _ body: @escaping @Sendable (PostgresClient, Logger) async throws -> T
    ) async throws -> T {
        let client = self.client
        let logger = self.logger
        let timeout = options.operationTimeout
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body(client, logger) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else {
                    throw StoreError(
                        .database, "cannot \(subject) in postgres store \(location): no answer within \(timeout) "
                            + "(is the database down or overloaded?)")
                }
                return result
            }
        } catch {
            let cause = Self.innermost(error)
            if let storeError = cause as? StoreError { throw storeError }
            throw StoreError(.database, "cannot \(subject) in postgres store \(location)",
                             underlying: PostgresFailure(cause))
        }
    }

    /// The error that caused a failure: a transaction's wrapper names where it failed (begin, body,
    /// commit); what the caller needs is the error inside, e.g. the `StoreError` the body threw.
    static func innermost(_ error: any Error) -> any Error {
        guard let transaction = error as? PostgresTransactionError else { return error }
        return transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? error
    }

    static func urlError(_ problem: String) -> StoreError {
        StoreError(.openFailed, "the store URL \(problem)")
    }
}

/// A PostgresNIO error as text: `PSQLError`'s own `description` hides the server's message (it may
/// contain data), but an operator needs it, so the store keeps its `debugDescription`.
struct PostgresFailure: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        if let error = error as? PSQLError, let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            description = message + state
        } else {
            description = String(reflecting: error)
        }
    }
}
