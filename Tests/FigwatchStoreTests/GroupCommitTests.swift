import Dispatch
import FigwatchCore
import Foundation
import GRDB
import Synchronization
import Testing

@testable import FigwatchStore

/// Appends that arrive while the SQLite writer is busy share its next transaction (`AppendQueue`).
@Suite("Store group commit", .serialized, .timeLimit(.minutes(2)))
struct GroupCommitTests {
    @Test("pages appended while the writer is busy commit together, each append returning once stored")
    func waitingPagesShareOneTransaction() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("group.sqlite").path)
            let urls = (0..<10).map { "https://news.example/group/\($0)" }
            let results = try await whileWriterHeld(store, waitingFor: urls.count) {
                try await appendAll(store, urls)
            }
            #expect(results.values.allSatisfy { (try? $0.get())?.created == 2 })
            #expect(store.appendTransactions == 1)
            let points = try await store.series(entity: "alibaba", metric: .marketCap, kind: .level, since: nil, until: nil, detail: .summary)
            #expect(points.count == urls.count * 2)
            #expect(Set(points.map(\.firstSourceURL)) == Set(urls))
        }
    }

    @Test("a page that fails inside a shared transaction costs only itself")
    func failingPageCostsOnlyItself() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("group.sqlite").path)
            try await store.pool.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER refuse_bad_pages BEFORE INSERT ON pages WHEN NEW.url LIKE '%/bad'
                    BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                    """)
            }
            let urls = ["https://news.example/1", "https://news.example/2", "https://news.example/bad",
                        "https://news.example/3", "https://news.example/4"]
            let results = try await whileWriterHeld(store, waitingFor: urls.count) {
                try await appendAll(store, urls)
            }
            for url in urls where url != "https://news.example/bad" {
                #expect((try? results[url]?.get())?.created == 2, "\(url) was not stored")
            }
            guard case .failure(let error)? = results["https://news.example/bad"] else {
                Issue.record("the refused page did not fail: \(String(describing: results["https://news.example/bad"]))")
                return
            }
            let message = "\(error)"
            #expect(message.contains("https://news.example/bad") && message.contains("refused by the test"), "\(message)")
            // The shared transaction rolled back; the four good pages were then committed one by one.
            #expect(store.appendTransactions == 4)
            let points = try await store.series(entity: "alibaba", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.count == 8)
            #expect(try await store.pageUnchanged(url: "https://news.example/bad", contentHash: "hash of https://news.example/bad") == false)
        }
    }

    @Test("cancelling the task of an append in a shared transaction fails neither it nor the other pages")
    func cancellationDoesNotSpread() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("group.sqlite").path)
            let urls = (0..<5).map { "https://news.example/cancel/\($0)" }
            let results = try await whileWriterHeld(store, waitingFor: urls.count) {
                // The first page's writer block is queued first, so it is the one that takes all five.
                let first = Task { try await store.append(page: page(urls[0]), figures: [figure("alibaba", value: "1")], sourceID: "s") }
                let by = ContinuousClock.now + .seconds(10)
                while store.appendQueue.waitingCount < 1, ContinuousClock.now < by { try await Task.sleep(for: .milliseconds(1)) }
                try await Task.sleep(for: .milliseconds(50))
                async let others = appendAll(store, Array(urls.dropFirst()))
                // Still held: the writer is released only once all five wait (so no loop here for
                // that; one raced the release and could spin).
                first.cancel()
                var all = try await others
                all[urls[0]] = await first.result
                return all
            }
            for url in urls {
                #expect((try? results[url]?.get())?.unchanged == false, "\(url): \(String(describing: results[url]))")
            }
            let points = try await store.series(entity: "alibaba", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.count == 1 + (urls.count - 1) * 2)
        }
    }

    @Test("a page that arrives while a transaction writes joins it before the commit")
    func latePageJoinsTheOpenTransaction() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("group.sqlite").path)
            // The first page's insert waits inside its transaction until the second page is queued.
            let first = "https://news.example/join/first", second = "https://news.example/join/second"
            let firstInserted = Atomic<Bool>(false)
            try await store.pool.writeWithoutTransaction { db in
                db.add(function: DatabaseFunction("wait_for_second_page", argumentCount: 0, pure: false) { _ in
                    firstInserted.store(true, ordering: .releasing)
                    let by = ContinuousClock.now + .seconds(10)
                    while store.appendQueue.waitingCount < 1, ContinuousClock.now < by { usleep(1_000) }
                    return store.appendQueue.waitingCount
                })
                try db.execute(sql: """
                    CREATE TEMP TRIGGER hold_first_page AFTER INSERT ON main.pages WHEN NEW.url = '\(first)'
                    BEGIN SELECT wait_for_second_page(); END
                    """)
            }
            let firstAppend = Task { try await store.append(page: page(first), figures: [figure("alibaba", value: "1000")], sourceID: "s") }
            let by = ContinuousClock.now + .seconds(10)
            while !firstInserted.load(ordering: .acquiring), ContinuousClock.now < by {
                try await Task.sleep(for: .milliseconds(1))
            }
            let started = firstInserted.load(ordering: .acquiring)
            #expect(started, "the first page's transaction did not start")
            let secondResult = try await store.append(page: page(second), figures: [figure("alibaba", value: "2000")], sourceID: "s")
            let firstResult = try await firstAppend.value
            #expect(firstResult.created == 1 && secondResult.created == 1)
            #expect(store.appendTransactions == 1, "the second page had a transaction of its own")
            let points = try await store.series(entity: "alibaba", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(Set(points.map(\.firstSourceURL)) == [first, second])
        }
    }

    @Test("new figures and further sightings in one transaction take distinct ids, in order")
    func sightingIDsInASharedTransaction() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("group.sqlite").path)
            _ = try await store.append(
                page: page("https://first.example/a"),
                figures: [figure("alibaba", value: "1000"), figure("alibaba", value: "2000")], sourceID: "s")
            // One transaction: new figures, then a page that reports a known figure (a `sightings` row,
            // whose insert advances the ids itself) beside a new one, then new figures again.
            let pages: [(String, [String])] = [
                ("https://second.example/b", ["3000", "4000"]),
                ("https://third.example/c", ["1000", "5000"]),
                ("https://fourth.example/d", ["6000", "7000"]),
            ]
            let results = try await whileWriterHeld(store, waitingFor: pages.count) {
                try await withThrowingTaskGroup(of: AppendResult.self) { group in
                    for (index, (url, values)) in pages.enumerated() {
                        group.addTask {
                            // In order: each waits until the one before is queued.
                            while store.appendQueue.waitingCount < index { try await Task.sleep(for: .milliseconds(1)) }
                            return try await store.append(
                                page: page(url), figures: values.map { figure("alibaba", value: $0) }, sourceID: "s")
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(store.appendTransactions == 2)
            #expect(results.map(\.created).reduce(0, +) == 5 && results.map(\.merged).reduce(0, +) == 1)
            let sightings = try await store.sightings(after: 0, limit: 100)
            let ids = sightings.map(\.id)
            #expect(ids.count == 8, "\(sightings)")
            #expect(ids == ids.sorted() && Set(ids).count == ids.count, "ids repeat or go back: \(ids)")
            #expect(try await store.lastSightingID() == ids.last)
            let known = sightings.filter { $0.value == ExactDecimal("1000")! }
            #expect(known.map(\.host) == ["first.example", "third.example"])
            #expect(Set(known.map(\.observationID)).count == 1)
        }
    }

    @Test("the same page twice in one transaction is stored once")
    func duplicateInOneTransaction() async throws {
        try await withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("group.sqlite").path)
            let url = "https://news.example/twice"
            let results = try await whileWriterHeld(store, waitingFor: 2) {
                try await withThrowingTaskGroup(of: AppendResult.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            try await store.append(page: page(url), figures: [figure("alibaba", value: "4000000000000")], sourceID: "s")
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(results.map(\.unchanged).sorted { !$0 && $1 } == [false, true])
            #expect(store.appendTransactions == 1)
            let points = try await store.series(entity: "alibaba", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.map(\.sourceCount) == [1])
        }
    }
}

/// Appends a page with two figures for each URL, all at once; the outcome per URL.
private func appendAll(_ store: SQLiteStore, _ urls: [String]) async throws -> [String: Result<AppendResult, any Error>] {
    await withTaskGroup(of: (String, Result<AppendResult, any Error>).self) { group in
        for (n, url) in urls.enumerated() {
            group.addTask {
                let figures = [figure("alibaba", value: "\(4_000 + n)000000000"), figure("alibaba", value: "\(5_000 + n)000000000")]
                do {
                    return (url, .success(try await store.append(page: page(url), figures: figures, sourceID: "s")))
                } catch {
                    return (url, .failure(error))
                }
            }
        }
        return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }
}

/// Runs `body` while a write of our own holds SQLite's writer, releasing it once `count` appends wait
/// in the queue; so those appends are bound to meet in one transaction.
private func whileWriterHeld<T: Sendable>(
    _ store: SQLiteStore, waitingFor count: Int, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    // Only the writer's own (overcommit) thread ever blocks: a wait on a thread of
    // DispatchQueue.global() could take one of its two threads on this machine away from everything
    // else in the test process, and with a second such wait, deadlock it.
    let held = Atomic<Bool>(false)
    let release = DispatchSemaphore(value: 0)
    let holder = Task {
        try await store.pool.writeWithoutTransaction { _ in
            held.store(true, ordering: .releasing)
            release.wait()
        }
    }
    let heldBy = ContinuousClock.now + .seconds(10)
    while !held.load(ordering: .acquiring), ContinuousClock.now < heldBy {
        try await Task.sleep(for: .milliseconds(2))
    }
    guard held.load(ordering: .acquiring) else {
        release.signal()
        throw StoreError(.database, "the test could not hold the writer within 10 s")
    }
    let work = Task { try await body() }
    let deadline = ContinuousClock.now + .seconds(10)
    while store.appendQueue.waitingCount < count, ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(5))
    }
    #expect(store.appendQueue.waitingCount == count, "the appends did not all reach the queue")
    release.signal()
    try await holder.value
    return try await work.value
}
