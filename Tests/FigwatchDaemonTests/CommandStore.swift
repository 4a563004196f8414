import FigwatchCore
import FigwatchStore
import Foundation

/// A store written as the daemon writes it, then closed, and a configuration naming it: what the CLI
/// tests run `figwatch` against.
enum CommandStore {
    static let september3: Int64 = 1_756_857_600_000

    /// One page reporting one figure, `day` days of September 2025 (fetched a minute after it was published).
    struct Report {
        var day: Int
        var url: String
        var contentHash: String
        var figure: Figure
    }

    /// Stores `reports` from source `news` in a new folder, writes a configuration with `entity` (a YAML
    /// flow mapping) and `extra` YAML, runs `body` with `--config PATH` and the folder, then removes it.
    static func with(
        _ reports: [Report], entity: String, extra: String = "", _ body: (_ config: [String], _ directory: URL) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let storePath = directory.appendingPathComponent("figwatch.sqlite").path
        do {
            // The daemon's part: written and closed before the CLI reads the file.
            let store = try SQLiteStore(path: storePath)
            for report in reports {
                let time = september3 + Int64(report.day - 3) * 86_400_000
                let page = PageRecord(
                    url: report.url, contentHash: report.contentHash, title: "Acme", language: "en",
                    publishedAt: time, fetchedAt: time + 60_000)
                _ = try await store.append(page: page, figures: [report.figure], sourceID: "news")
            }
        }
        let configPath = directory.appendingPathComponent("figwatch.yaml").path
        try """
            storage:
              path: \(storePath)
            entities:
              - \(entity)
            sources:
              - {id: news, url: "https://news.example/acme"}

            """.appending(extra).write(toFile: configPath, atomically: true, encoding: .utf8)
        try await body(["--config", configPath], directory)
    }
}
