import FigwatchCore
@testable import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

/// Grouped notifications in the outbox, on both backends: a group's rows become one batch when it is
/// due, its lead alone carries the retries, and delivering the lead marks the whole batch.
@Suite("Outbox groups")
struct OutboxGroupTests {
    static let t0: Int64 = 1_756_900_800_000

    static func row(_ n: Int, at time: Int64, group: String = "rule=r") -> WebhookMessage {
        WebhookMessage(
            rule: "r", payload: "p\(n)", nextAttemptAt: time, expiresAt: time + 86_400_000, notifier: "chat", group: group,
            alert: #"{"n":\#(n)}"#)
    }

    @Test("group_wait, one batch, retries on the lead, delivery of all, then group_interval", arguments: StoreBackend.tested)
    func batches(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let t0 = Self.t0
            let state = AlertStateRecord(rule: "r", entity: "e", state: "firing", since: t0)
            try await store.recordAlert(state: state, event: nil, webhooks: [Self.row(1, at: t0), Self.row(2, at: t0 + 5_000)])
            try await store.recordAlert(state: state, event: nil, webhooks: [Self.row(3, at: t0, group: "rule=other")])

            let early = try await store.takeGroup(notifier: "chat", group: "rule=r", now: t0 + 5_000, wait: 30_000, interval: 300_000)
            #expect(early == .notBefore(t0 + 30_000))
            // Put off: the group's rows are not due before then; the other group's row is.
            #expect(try await store.dueWebhooks(now: t0 + 29_999, limit: 10).map(\.payload) == ["p3"])

            guard case .batch(let rows) = try await store.takeGroup(notifier: "chat", group: "rule=r", now: t0 + 30_000, wait: 30_000, interval: 300_000)
            else { Issue.record("no batch at group_wait"); return }
            #expect(rows.map(\.payload) == ["p1", "p2"])
            let lead = rows[0].id
            #expect(rows.allSatisfy { $0.batch == lead && $0.group == "rule=r" && $0.alert != nil })
            #expect(rows[0].expiresAt == t0 + 5_000 + 86_400_000)   // the batch lives as long as its last row

            try await store.markWebhookFailed(id: lead, error: "HTTP 500", nextAttemptAt: t0 + 40_000)
            #expect(try await store.dueWebhooks(now: t0 + 39_999, limit: 10, excluding: ["notifier:chat"]).isEmpty)
            let retry = try await store.dueWebhooks(now: t0 + 40_000, limit: 10)
            #expect(retry.filter { $0.group == "rule=r" }.map(\.id) == [lead])   // the lead stands for its batch
            #expect(try await store.batchMembers(lead: lead).map { ($0.attempts, $0.lastError) }.elementsEqual(
                [(1, "HTTP 500"), (1, "HTTP 500")], by: { $0 == $1 }))

            // A new row of the group waits while the earlier message is undelivered.
            try await store.recordAlert(state: state, event: nil, webhooks: [Self.row(4, at: t0 + 50_000)])
            let behind = try await store.takeGroup(notifier: "chat", group: "rule=r", now: t0 + 50_000, wait: 30_000, interval: 300_000)
            guard case .notBefore = behind else { Issue.record("not held back: \(behind)"); return }

            try await store.markWebhookDelivered(id: lead, at: t0 + 60_000)
            #expect(try await store.batchMembers(lead: lead).allSatisfy { $0.deliveredAt == t0 + 60_000 })
            // group_interval from when the first message was made (t0 + 30 s).
            let interval = try await store.takeGroup(notifier: "chat", group: "rule=r", now: t0 + 60_000, wait: 30_000, interval: 300_000)
            #expect(interval == .notBefore(t0 + 330_000))
            guard case .batch(let next) = try await store.takeGroup(notifier: "chat", group: "rule=r", now: t0 + 330_000, wait: 30_000, interval: 300_000)
            else { Issue.record("no batch after group_interval"); return }
            #expect(next.map(\.payload) == ["p4"])
            #expect(next[0].batch == next[0].id)
            #expect(try await store.takeGroup(notifier: "chat", group: "rule=r", now: t0 + 330_000, wait: 30_000, interval: 300_000) == .empty)
        }
    }
}
