import FigwatchCore
import FigwatchTestSupport
import Foundation
import GRDB
import Testing

@testable import FigwatchStore

@Suite("Store durability under kill -9")
struct CrashTests {
    /// `figwatch-store-crasher`, built next to the test binary by `swift build --build-tests`.
    static let crasher = BuiltProduct.url("figwatch-store-crasher")

    @Test("every page whose append returned survives SIGKILL at a random moment, 25 times over")
    func survivesKillNine() async throws {
        let crasher = Self.crasher
        try #require(
            FileManager.default.isExecutableFile(atPath: crasher.path),
            "figwatch-store-crasher not found at \(crasher.path): run swift build --build-tests")
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("crash.sqlite").path
            var committedTotal = 0
            var modes: Set<String> = []
            for round in 0..<25 {
                let process = Process()
                process.executableURL = crasher
                process.arguments = [path, String(round * 1_000_000)]
                let output = Pipe()
                let errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                try process.run()
                // From "still migrating a new file" up to a few hundred pages in.
                usleep(UInt32.random(in: 5_000...300_000))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                        "round \(round): the crasher ended by itself: \(stderr)")
                var lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    .split(separator: "\n", omittingEmptySubsequences: false)
                // A line cut by the kill was not fully announced; only whole lines count. What follows the
                // last newline (nothing, when the output ends with one) is dropped.
                lines.removeLast()
                if let first = lines.first { modes.insert(String(first)) }  // unless killed before it
                let committed = lines.filter { $0.hasPrefix("committed ") }.map { String($0.dropFirst("committed ".count)) }
                committedTotal += committed.count

                let store = try SQLiteStore(path: path)
                #expect(try await store.integrityCheck() == ["ok"], "round \(round)")
                // A page's figures: the observations it reported first, and the sightings of those it saw again.
                let counts = try await store.read("count figures per page") { db in
                    try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                        SELECT p.url, count(f.page_id) AS n FROM pages p
                        LEFT JOIN (SELECT page_id FROM observations UNION ALL SELECT page_id FROM sightings) f
                            ON f.page_id = p.id
                        GROUP BY p.id
                        """).map { ($0["url"] as String, $0["n"] as Int) })
                }
                let missing = committed.filter { counts[$0] != 20 }
                #expect(missing.isEmpty, "round \(round): committed pages missing or incomplete: \(missing.prefix(5))")
                // Nothing half-written either: every stored page has all of its 20 figures.
                #expect(counts.values.allSatisfy { $0 == 20 }, "round \(round): a page with a partial set of figures")
            }
            #expect(committedTotal > 0, "the crasher never committed a page before being killed")
            // It ran SQLite in the mode the figwatch binary uses, so this test covers that mode.
            #expect(modes == ["sqlite multi-thread"])
        }
    }
}
