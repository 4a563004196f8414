import Foundation

/// The shared corpus of real news pages (`../shared/corpus` beside the repository).
///
/// A user's clone has no such folder: corpus tests are then skipped with one line
/// saying why, while the repository's own fixtures still exercise every stage.
/// `FIGWATCH_CORPUS` overrides the location.
public enum Corpus {
    /// The corpus folder, or `nil` when it is not there.
    public static let directory: URL? = {
        if let path = ProcessInfo.processInfo.environment["FIGWATCH_CORPUS"] {
            let url = URL(fileURLWithPath: path, isDirectory: true)
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("MANIFEST.tsv").path) ? url : nil
        }
        let url = Repository.root.appendingPathComponent("../shared/corpus", isDirectory: true).standardizedFileURL
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("MANIFEST.tsv").path) ? url : nil
    }()

    public static var isAvailable: Bool { directory != nil }

    /// The one-line reason corpus tests give when they skip.
    public static let skipReason = "corpus not found at ../shared/corpus (set FIGWATCH_CORPUS): corpus tests skipped"

    /// `pages/NAME` etc. inside the corpus; only call when `isAvailable`.
    public static func url(_ relativePath: String) -> URL {
        directory!.appendingPathComponent(relativePath)
    }

    /// All `pages/*.html`, sorted by name.
    public static func pages() throws -> [URL] {
        guard let dir = directory?.appendingPathComponent("pages") else { return [] }
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "html" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

/// Locations inside this repository, for fixtures written by us.
public enum Repository {
    /// The repository root, found from this file's path.
    public static let root: URL = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // FigwatchTestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // root
    }()

    /// `Tests/Fixtures/<relativePath>`.
    public static func fixture(_ relativePath: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }
}
