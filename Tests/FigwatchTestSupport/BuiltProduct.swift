import Foundation

/// Executables SwiftPM built next to the test binary (`swift build --build-tests` builds them all).
public enum BuiltProduct {
    public static func url(_ name: String) -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // Linux: .build/<triple>/debug/figwatchPackageTests.xctest; the bundle form nests one level deeper.
        if directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent(name)
    }

    /// The `figwatch` binary under test.
    public static var figwatch: URL { url("figwatch") }
}
