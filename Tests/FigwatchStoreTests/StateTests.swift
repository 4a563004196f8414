import FigwatchCore
import Foundation
import Testing

@testable import FigwatchStore

@Suite("Store sources, followed links, alerts and outbox")
struct StateTests {
    @Test("source state is upserted and listed; leases go to one owner at a time", arguments: StoreBackend.tested)
    func sourceState(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var state = SourceState(id: "netease-alibaba", url: "https://www.163.com/dy/article/X.html")
            try await store.updateSourceState(state)
            state.etag = "\"abc\""
            state.lastModified = "Wed, 03 Sep 2025 10:00:00 GMT"
            state.lastStatus = 503
            state.lastError = "GET https://www.163.com/dy/article/X.html returned HTTP 503"
            state.consecutiveFailures = 2
            state.lastFetchedAt = september3
            state.nextDueAt = september3 + hour
            try await store.updateSourceState(state)
            try await store.updateSourceState(SourceState(id: "gone", url: "https://gone.example/"))
            #expect(try await store.sources() == [SourceState(id: "gone", url: "https://gone.example/"), state])

            #expect(try await store.acquireLease(sourceID: state.id, owner: "a", until: september3 + 10, now: september3))
            #expect(try await store.acquireLease(sourceID: state.id, owner: "b", until: september3 + 20, now: september3 + 5) == false)
            #expect(try await store.acquireLease(sourceID: state.id, owner: "b", until: september3 + 30, now: september3 + 10))
            #expect(try await store.source(id: state.id)?.leaseOwner == "b")

            try await store.removeSources(notIn: [state.id])
            #expect(try await store.sources().map(\.id) == [state.id])
        }
    }

    @Test("followed links: only new ones are returned, once recorded they are not", arguments: StoreBackend.tested)
    func followedLinks(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let links = ["https://a.example/1", "https://a.example/2", "https://a.example/1"]
            #expect(try await store.newLinks(sourceID: "feed", among: links) == ["https://a.example/1", "https://a.example/2"])
            try await store.markFollowed(sourceID: "feed", urls: ["https://a.example/1"], at: september3)
            #expect(try await store.newLinks(sourceID: "feed", among: links) == ["https://a.example/2"])
            #expect(try await store.newLinks(sourceID: "other", among: links).count == 2)
        }
    }

    @Test("an alert transition saves state, history and webhook together; the outbox retries and expires", arguments: StoreBackend.tested)
    func alertsAndOutbox(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let state = AlertStateRecord(rule: "alibaba-above-4t", entity: "alibaba", state: "firing", since: september3,
                                         lastValue: ExactDecimal("4200000000000"), lastCurrency: "HKD")
            let event = AlertEvent(rule: "alibaba-above-4t", entity: "alibaba", state: "firing", at: september3,
                                   metric: .marketCap, value: ExactDecimal("4200000000000"), currency: "HKD",
                                   threshold: "4 trillion HKD", sourceURL: "https://www.163.com/x", sentence: "...")
            let hook = WebhookMessage(rule: "alibaba-above-4t", payload: #"{"state":"firing"}"#,
                                      nextAttemptAt: september3, expiresAt: september3 + day)
            try await store.recordAlert(state: state, event: event, webhook: hook)
            #expect(try await store.alertState(rule: "alibaba-above-4t", entity: "alibaba") == state)
            let history = try await store.alertHistory(since: nil)
            #expect(history.count == 1)
            var expected = event
            expected.id = history[0].id
            #expect(history == [expected])

            let due = try await store.dueWebhooks(now: september3, limit: 10)
            #expect(due.map(\.payload) == [#"{"state":"firing"}"#])
            try await store.markWebhookFailed(id: due[0].id, error: "HTTP 502", nextAttemptAt: september3 + 60_000)
            #expect(try await store.dueWebhooks(now: september3 + 1, limit: 10).isEmpty)
            let retry = try await store.dueWebhooks(now: september3 + 60_000, limit: 10)
            #expect(retry.map(\.attempts) == [1])
            #expect(retry.map(\.lastError) == ["HTTP 502"])
            try await store.markWebhookDelivered(id: retry[0].id, at: september3 + 61_000)
            #expect(try await store.dueWebhooks(now: september3 + day - 1, limit: 10).isEmpty)

            // An undelivered message is not tried after it expires.
            try await store.recordAlert(state: state, event: nil, webhook: WebhookMessage(
                rule: "alibaba-above-4t", payload: "{}", nextAttemptAt: september3, expiresAt: september3 + hour))
            #expect(try await store.dueWebhooks(now: september3 + hour - 1, limit: 10).count == 1)
            #expect(try await store.dueWebhooks(now: september3 + hour, limit: 10).isEmpty)
        }
    }
}
