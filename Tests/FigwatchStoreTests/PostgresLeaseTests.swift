import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

@testable import FigwatchPostgres

/// Several daemons sharing one database's sources through leases (issue 8).
@Suite("PostgreSQL source leases")
struct PostgresLeaseTests {
    @Test("two daemons claiming at once take disjoint batches that together cover every due source",
          .enabled(if: PostgresStoreTests.enabled))
    func concurrentClaimsAreDisjoint() async throws {
        try await withPostgresDatabase { cluster, database in
            let location = try PostgresLocation(url: cluster.url(database: database))
            let now = september3
            try await PostgresStore.withStore(location) { store in
                for n in 0..<200 {
                    // 150 due (some never fetched), 50 due only later.
                    let due: Int64? = n % 4 == 3 ? now + hour : (n % 2 == 0 ? nil : now - Int64(n))
                    try await store.updateSourceState(SourceState(
                        id: String(format: "s%03d", n), url: "https://a.example/\(n)", nextDueAt: due))
                }
            }
            // Two daemons, each with its own pool, claiming batches of 7 until nothing is left; both
            // start claiming once both are open (opening takes longer than claiming 150 sources).
            let ready = LockedBox(0)
            let claims = try await withThrowingTaskGroup(of: (String, [String]).self) { group in
                for owner in ["daemon-a", "daemon-b"] {
                    group.addTask {
                        try await PostgresStore.withStore(location) { store in
                            _ = try await store.sources()
                            ready.withLock { $0 += 1 }
                            while ready.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(5)) }
                            var mine: [String] = []
                            while true {
                                let batch = try await store.claimDueSources(owner: owner, now: now, limit: 7, leaseFor: 60_000)
                                if batch.isEmpty { break }
                                #expect(batch.allSatisfy { $0.leaseOwner == owner && $0.leaseUntil == now + 60_000 })
                                mine += batch.map(\.id)
                            }
                            return (owner, mine)
                        }
                    }
                }
                var result: [String: [String]] = [:]
                for try await (owner, ids) in group { result[owner] = ids }
                return result
            }
            let a = claims["daemon-a"] ?? [], b = claims["daemon-b"] ?? []
            #expect(Set(a).isDisjoint(with: b), "claimed twice: \(Set(a).intersection(b).sorted())")
            #expect(a.count + b.count == 150)
            #expect(Set(a + b) == Set((0..<200).filter { $0 % 4 != 3 }.map { String(format: "s%03d", $0) }))
            // Both took part (SKIP LOCKED does not make one wait for the other to finish everything).
            #expect(!a.isEmpty && !b.isEmpty, "a: \(a.count), b: \(b.count)")
            try await PostgresStore.withStore(location) { store in
                let leased = try await store.sources().filter { $0.leaseOwner != nil }
                #expect(leased.count == 150)
            }
        }
    }

    @Test("a lease that is renewed holds; one that expires is taken over by another daemon",
          .enabled(if: PostgresStoreTests.enabled))
    func leasesExpireUnlessRenewed() async throws {
        try await withPostgresDatabase { cluster, database in
            try await PostgresStore.withStore(PostgresLocation(url: cluster.url(database: database))) { store in
                let now = september3
                for id in ["kept", "lost"] {
                    try await store.updateSourceState(SourceState(id: id, url: "https://a.example/\(id)", nextDueAt: now))
                }
                let first = try await store.claimDueSources(owner: "a", now: now, limit: 10, leaseFor: 30_000)
                #expect(first.map(\.id) == ["kept", "lost"])
                #expect(try await store.claimDueSources(owner: "b", now: now + 10_000, limit: 10, leaseFor: 30_000).isEmpty)
                // "a" renews one lease while fetching, then dies without renewing the other.
                #expect(try await store.renewLeases(owner: "a", sourceIDs: ["kept"], until: now + 90_000) == ["kept"])
                let takeover = try await store.claimDueSources(owner: "b", now: now + 30_000, limit: 10, leaseFor: 30_000)
                #expect(takeover.map(\.id) == ["lost"])
                // "a" can no longer renew what "b" took; releasing frees only its own.
                #expect(try await store.renewLeases(owner: "a", sourceIDs: ["kept", "lost"], until: now + 120_000) == ["kept"])
                try await store.releaseLeases(owner: "a", sourceIDs: ["kept", "lost"])
                #expect(try await store.source(id: "kept")?.leaseOwner == nil)
                #expect(try await store.source(id: "lost")?.leaseOwner == "b")
            }
        }
    }
}
