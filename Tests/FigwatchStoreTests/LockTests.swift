import FigwatchCore
import Foundation
import Testing

@testable import FigwatchStore

@Suite("Store single-writer lock")
struct LockTests {
    @Test("a second writer fails with a message naming the store and the holder; readers open meanwhile")
    func secondWriterFails() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("daemon.sqlite").path
            let daemon = try SQLiteStore(path: path)
            _ = try await daemon.append(page: page("https://a.example/1", published: september3),
                                        figures: [figure("alibaba", value: "4000000000000", "HKD")], sourceID: nil)
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
            #expect(error?.code == .locked)
            #expect(error?.message == """
                store \(path) is already open for writing by process \(getpid()) (lock \(path).lock); \
                only one figwatch daemon may write a store, open it read-only to query it
                """)
            let reader = try SQLiteStore(path: path, access: .readOnly)
            let points = try await reader.series(entity: "alibaba", metric: nil, kind: nil, since: nil, until: nil, detail: .summary)
            #expect(points.map(\.value.description) == ["4000000000000"])
            // The reader sees the daemon's later commits.
            _ = try await daemon.append(page: page("https://a.example/2", published: september3 + day),
                                        figures: [figure("alibaba", value: "4100000000000", "HKD")], sourceID: nil)
            #expect(try await reader.series(entity: "alibaba", metric: nil, kind: nil, since: nil, until: nil, detail: .summary).count == 2)
        }
    }

    @Test("the lock is released when the store goes away")
    func lockReleasedOnClose() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("daemon.sqlite").path
            do {
                _ = try SQLiteStore(path: path)
            }
            let again = try SQLiteStore(path: path)
            #expect(try await again.integrityCheck() == ["ok"])
        }
    }
}
