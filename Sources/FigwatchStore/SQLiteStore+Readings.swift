import Foundation
import GRDB

extension SQLiteStore: StoreReadings {
    public func webhookQueueDepth(now: Int64) async throws -> Int {
        try await read("count the queued webhooks") { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM webhook_outbox WHERE delivered_at IS NULL AND expires_at > ?",
                arguments: [now]) ?? 0
        }
    }

    public func sizeBytes() async throws -> Int64 {
        [path, path + "-wal"].reduce(Int64(0)) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}
