import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import FigwatchPostgres

/// Sightings under several writers: a row that commits after a row with a larger identity id is still
/// read after it, never skipped by a cursor that has passed.
@Suite("PostgreSQL sightings under concurrent writers")
struct PostgresSightingOrderTests {
    @Test("a sighting committed late is read, in order, after the ones already read", .enabled(if: PostgresStoreTests.enabled))
    func lateCommitIsNotSkipped() async throws {
        try await withPostgresDatabase { cluster, database in
            let location = try PostgresLocation(url: cluster.url(database: database))
            try await PostgresStore.withStore(location) { store in
                _ = try await store.append(page: page("https://first.example/a"), figures: [figure("acme", value: "1")],
                                           sourceID: nil)
                let cursor = try await store.lastSightingID()
                #expect(cursor == 1)
                // A writer that inserts a sighting (the lower identity id) and commits only when told to.
                let inserted = LockedBox(false), release = LockedBox(false)
                let logger = store.logger
                async let late: Void = store.write("a slow append") { connection in
                    try await connection.query(
                        "SELECT pg_advisory_xact_lock_shared(\(PostgresStore.publishLockKey))", logger: logger)
                    try await connection.query("""
                        INSERT INTO sightings (observation_id, page_id, host)
                        SELECT observation_id, page_id, 'late.example' FROM sightings LIMIT 1
                        """, logger: logger)
                    inserted.withLock { $0 = true }
                    while !release.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
                }
                #expect(await eventually(timeout: .seconds(30)) { inserted.withLock { $0 } })
                // Another writer commits meanwhile, with a larger identity id.
                _ = try await store.append(page: page("https://second.example/b"), figures: [figure("acme", value: "2")],
                                           sourceID: nil)
                async let read = store.sightings(after: cursor, limit: 10)
                try await Task.sleep(for: .milliseconds(300))
                release.withLock { $0 = true }
                try await late
                // The reader waited for the slow writer instead of passing its row by.
                let rows = try await read
                #expect(rows.map(\.host) == ["late.example", "second.example"])
                #expect(rows.map(\.id) == [cursor + 1, cursor + 2])
                #expect(try await store.sightings(after: cursor + 2, limit: 10).isEmpty)
            }
        }
    }
}
