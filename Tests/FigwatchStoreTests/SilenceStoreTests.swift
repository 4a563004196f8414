import FigwatchCore
import Foundation
import GRDB
import Testing

@testable import FigwatchStore

@Suite("Store silences")
struct SilenceStoreTests {
    static func silence(_ rule: String, _ entity: String?, from start: Int64, to end: Int64) -> Silence {
        Silence(rule: rule, entity: entity, startsAt: start, endsAt: end, comment: "earnings day, 财报",
                createdBy: "ops", createdAt: start)
    }

    @Test("silences are added, listed and expired; a pass sees those of its rule active at its time", arguments: StoreBackend.tested)
    func addListExpire(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let one = try await store.addSilence(Self.silence("alibaba-above-4t", "alibaba", from: september3, to: september3 + day))
            let all = try await store.addSilence(Self.silence("alibaba-above-4t", nil, from: september3 + hour, to: september3 + 2 * hour))
            let other = try await store.addSilence(Self.silence("tencent-below", nil, from: september3, to: september3 + day))
            #expect(one.id > 0 && all.id > one.id && other.id > all.id)
            #expect(try await store.silences() == [one, all, other])

            func active(at time: Int64) async throws -> [Int64] {
                try await store.silences(rule: "alibaba-above-4t", activeAt: time).map(\.id)
            }
            // From the start (inclusive) to the end (exclusive).
            #expect(try await active(at: september3 - 1) == [])
            #expect(try await active(at: september3) == [one.id])
            #expect(try await active(at: september3 + hour) == [one.id, all.id])
            #expect(try await active(at: september3 + 2 * hour - 1) == [one.id, all.id])
            #expect(try await active(at: september3 + 2 * hour) == [one.id])
            #expect(try await active(at: september3 + day) == [])

            // Expired by hand: stops muting at once, whatever time the pass asks about.
            let expired = try await store.expireSilence(id: one.id, at: september3 + 5)
            #expect(expired?.expiredAt == september3 + 5)
            #expect(expired?.end == september3 + 5)
            #expect(try await active(at: september3 + hour) == [all.id])
            #expect(try await active(at: september3 + 1) == [])
            // A second expiry keeps the first time; an unknown id is nil.
            #expect(try await store.expireSilence(id: one.id, at: september3 + 9)?.expiredAt == september3 + 5)
            #expect(try await store.expireSilence(id: 999_999, at: september3) == nil)
            #expect(try await store.silences().map(\.expiredAt) == [september3 + 5, nil, nil])

            // A transition records the silence that muted it.
            let state = AlertStateRecord(rule: "alibaba-above-4t", entity: "alibaba", state: "firing", since: september3 + hour)
            let event = AlertEvent(rule: "alibaba-above-4t", entity: "alibaba", state: "firing", at: september3 + hour,
                                   metric: .marketCap, value: ExactDecimal("4200000000000"), currency: "HKD", silenceID: all.id)
            try await store.recordAlert(state: state, event: event, webhooks: [])
            #expect(try await store.alertHistory(since: nil).map(\.silenceID) == [all.id])

            // Retention takes the silences that ended before its cutoff (by their time or by hand) only.
            let pruned = try await store.prune(olderThan: september3 + 3 * hour)
            #expect(pruned.silences == 2)
            #expect(try await store.silences().map(\.id) == [other.id])
        }
    }

    @Test("a command adds silences without the writer lock while the daemon holds it and appends; the daemon sees them")
    func besideTheLockedWriter() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("daemon.sqlite").path
            let daemon = try SQLiteStore(path: path)
            // The lock stays the daemon's: a second locked writer is still refused.
            #expect((#expect(throws: StoreError.self) { try SQLiteStore(path: path) })?.code == .locked)
            let command = try SQLiteStore(path: path, options: .init(takesWriterLock: false))
            // Both write at once: the daemon's page appends and the command's silences all commit, none is
            // turned away busy (every write transaction begins IMMEDIATE and waits for the other's commit).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<40 {
                    group.addTask {
                        _ = try await daemon.append(page: page("https://a.example/\(n)", published: september3),
                                                    figures: [figure("alibaba", value: "\(4_000_000_000_000 + n)", "HKD")],
                                                    sourceID: nil)
                    }
                }
                for n in 0..<20 {
                    group.addTask {
                        _ = try await command.addSilence(Self.silence("r\(n % 2)", nil, from: september3, to: september3 + day))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await daemon.silences(rule: "r0", activeAt: september3).count == 10)
            #expect(try await daemon.silences().map(\.id) == Array(1...20))
            #expect(try await daemon.sightings(after: 0, limit: 100).count == 40)
            #expect(try await daemon.integrityCheck() == ["ok"])
        }
    }

    @Test("an unlocked open needs an existing store at the current schema, and never migrates")
    func unlockedOpenChecks() async throws {
        try await withTemporaryDirectory { dir in
            let missing = dir.appendingPathComponent("missing.sqlite").path
            let notThere = #expect(throws: StoreError.self) { try SQLiteStore(path: missing, options: .init(takesWriterLock: false)) }
            #expect(notThere?.code == .openFailed)
            #expect(!FileManager.default.fileExists(atPath: missing))

            let path = dir.appendingPathComponent("old.sqlite").path
            try await makeOldStore(at: path, upTo: "v9-outbox-notifier", "SELECT 1")
            let outdated = #expect(throws: StoreError.self) { try SQLiteStore(path: path, options: .init(takesWriterLock: false)) }
            #expect(outdated?.code == .schemaOutdated)
            #expect(outdated?.message.contains("start the daemon once to upgrade it") == true)
            let applied = try await DatabaseQueue(path: path).read { db in try SQLiteStore.migrator.appliedMigrations(db) }
            #expect(applied.last == "v9-outbox-notifier")
        }
    }
}
