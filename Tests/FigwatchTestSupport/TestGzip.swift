import Foundation

/// gzip for test bodies, by running the system `gzip`: no zlib Swift module exists here, and the real
/// tool produces exactly the streams servers send.
public enum TestGzip {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `bytes` gzip-compressed.
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("figwatch-gzip-\(UUID().uuidString)")
        try Data(bytes).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        return try run("gzip -c -n -9 '\(input.path)'")
    }

    /// `count` zero bytes gzip-compressed (about 1000:1): the body of a gzip bomb.
    public static func zeros(count: Int) throws -> [UInt8] {
        try run("head -c \(count) /dev/zero | gzip -c -n -9")
    }

    private static func run(_ command: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "`\(command)` exited with status \(process.terminationStatus)")
        }
        return Array(data)
    }
}
