import FigwatchCore
@testable import FigwatchPostgres
import PostgresNIO
@testable import FigwatchStore
import FigwatchTestSupport
import Foundation
import GRDB
import Testing

/// The store backends the protocol tests run against, so that SQLite and PostgreSQL cannot drift apart.
///
/// PostgreSQL is tested when it is installed, and always under CI (where a missing PostgreSQL must fail
/// the suite, not skip it); `PostgresAvailabilityTests` says in one line why it was skipped otherwise.
enum StoreBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let tested: [StoreBackend] =
        PostgresCluster.unavailableReason == nil || PostgresCluster.required ? [.sqlite, .postgres] : [.sqlite]

    var testDescription: String { rawValue }
}

/// Runs `body` with a fresh, empty store of `backend`: a file in a temporary directory, or a new database
/// in the process's throwaway PostgreSQL cluster, removed afterwards.
func withStore<T: Sendable>(
    _ backend: StoreBackend, maxAge: Int64? = nil, _ body: (any FigureStore) async throws -> T
) async throws -> T {
    switch backend {
    case .sqlite:
        return try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("s.sqlite").path, options: .init(maxAge: maxAge))
            return try await body(store)
        }
    case .postgres:
        return try await withPostgresDatabase { cluster, database in
            try await PostgresStore.withStore(
                PostgresLocation(url: cluster.url(database: database)), options: .init(maxAge: maxAge)
            ) { store in try await body(store) }
        }
    }
}

/// Runs `body` with a new empty database in the shared test cluster, dropped afterwards.
func withPostgresDatabase<T: Sendable>(_ body: (PostgresCluster, String) async throws -> T) async throws -> T {
    try await PostgresCluster.withDatabase(body)
}

/// Applies retention at `now` on either backend.
func applyRetention(_ store: any FigureStore, now: Int64) async throws -> PruneResult {
    switch store {
    case let sqlite as SQLiteStore: try await sqlite.applyRetention(now: now)
    case let postgres as PostgresStore: try await postgres.applyRetention(now: now)
    default: PruneResult()
    }
}

/// Makes the store refuse to insert an observation of `value`: a trigger in SQLite, a check
/// constraint in PostgreSQL.
func rejectObservations(ofValue value: Int, in store: any FigureStore) async throws {
    switch store {
    case let sqlite as SQLiteStore:
        try await sqlite.write("install trigger") { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER reject AFTER INSERT ON observations WHEN NEW.value = '\(value)'
                BEGIN SELECT RAISE(ABORT, 'rejected'); END
                """)
        }
    case let postgres as PostgresStore:
        let logger = postgres.logger
        try await postgres.write("add a check constraint") { connection in
            _ = try await connection.query(PostgresQuery(
                unsafeSQL: "ALTER TABLE observations ADD CONSTRAINT reject CHECK (value <> \(value))"), logger: logger)
        }
    default:
        Issue.record("unknown store \(type(of: store))")
    }
}

@Suite("PostgreSQL for the store tests")
struct PostgresAvailabilityTests {
    @Test(
        "a throwaway PostgreSQL cluster starts and answers",
        .enabled(if: PostgresCluster.unavailableReason == nil || PostgresCluster.required,
                 Comment(rawValue: PostgresCluster.unavailableReason ?? "")))
    func clusterAnswers() async throws {
        let cluster = try PostgresCluster.shared.get()
        let version = try cluster.sql("SHOW server_version_num")
        #expect((Int(version.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 130000)
        #expect(FileManager.default.fileExists(atPath: "\(cluster.directory)/data/PG_VERSION"))
    }
}
