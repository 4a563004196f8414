import Foundation

/// One run of the built `figwatch` command to its end: what a user at a terminal sees.
public struct CommandRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// Runs `figwatch ARGUMENTS...` and waits for it. Output goes through files, not pipes, so a
    /// command that writes more than a pipe holds cannot block while nobody reads.
    public static func figwatch(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRun {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        process.executableURL = BuiltProduct.figwatch
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["FIGWATCH_CONFIG"] = nil
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        return CommandRun(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Runs any program on the PATH (`argv[0]`) to its end, stdout and stderr together: for tools whose
    /// whole report is what a test reads (systemd-analyze, dpkg).
    public static func combined(_ argv: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
