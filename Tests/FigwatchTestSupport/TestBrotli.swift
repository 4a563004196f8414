import Foundation

/// Brotli for test bodies, by running Debian's `brotli` tool (package `brotli`, in the Makefile's
/// APT_DEPS): no encoder library is linked here, and libcurl only decodes.
public enum TestBrotli {
    /// The `brotli` executable, or `nil` when the package is missing (tests then skip their brotli rows).
    public static let tool: String? = ["/usr/bin/brotli", "/usr/local/bin/brotli"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether a brotli test runs: when the tool is there, and always under CI (where its absence fails).
    public static var testable: Bool { tool != nil || TestEnvironment.isCI }

    /// `count` zero bytes brotli-compressed (64 MiB become about 50 bytes): the body of a brotli bomb.
    public static func zeros(count: Int) throws -> [UInt8] {
        guard let tool else { throw TestGzip.Failure(description: "the brotli tool is not installed (apt-get install brotli)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "head -c \(count) /dev/zero | '\(tool)' -c -q 5"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestGzip.Failure(description: "brotli exited with status \(process.terminationStatus)")
        }
        return Array(data)
    }
}
