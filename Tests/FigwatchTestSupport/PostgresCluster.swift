import Foundation

/// A throwaway PostgreSQL cluster for tests: `initdb` into a fresh temporary directory, the server
/// listening only on a Unix socket in that directory (no TCP port to collide with anything), trust
/// authentication for the user `figwatch`, `fsync=off` since the data is thrown away.
///
/// One cluster serves a whole test process (`shared`, started on first use); each test creates its own
/// database in it. A test that restarts the server starts a cluster of its own (`init()`) and stops it.
/// However the test process ends (a failed test, a crash, SIGKILL), a small watcher process stops the
/// server and removes its directory once the test process is gone. initdb refuses to run as root, so as
/// root the directory is given to the `postgres` user (which Debian's `postgresql` package creates) and
/// the server runs as that user.
///
/// The server's tools run with their output in a file and every inherited descriptor above stderr
/// closed: `pg_ctl start` leaves the postmaster running with whatever it inherited, and a postmaster
/// holding the write end of a pipe that a test reads to its end (this process's own `Pipe`s, or
/// another test's child) makes that read wait forever.
public final class PostgresCluster: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static let user = "figwatch"

    /// The directory of Debian's newest installed PostgreSQL binaries, or `nil`.
    /// `FIGWATCH_POSTGRES_BIN` names another (a directory without `initdb` shows what a machine without
    /// PostgreSQL does: skip, or fail under CI).
    public static let binDirectory: String? = {
        if let chosen = ProcessInfo.processInfo.environment["FIGWATCH_POSTGRES_BIN"] {
            return FileManager.default.isExecutableFile(atPath: "\(chosen)/initdb") ? chosen : nil
        }
        let base = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "\(base)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }()

    /// Why the Postgres tests cannot run here, in one line; `nil` when they can.
    public static var unavailableReason: String? {
        binDirectory == nil
            ? "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or $FIGWATCH_POSTGRES_BIN; `make test` installs it)" : nil
    }

    /// Under CI the Postgres tests must run: a missing PostgreSQL is a failure there, not a skip.
    public static var required: Bool { TestEnvironment.isCI }

    /// The process's cluster, started on first use.
    public static let shared: Result<PostgresCluster, Failure> = {
        do {
            let cluster = try PostgresCluster()
            atexit { PostgresCluster.stopShared() }
            return .success(cluster)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(description: "cannot start a test PostgreSQL: \(error)"))
        }
    }()

    /// The cluster's directory: `data/`, `server.log` and the server's socket.
    public let directory: String
    private let bin: String
    private let runsAsPostgres: Bool

    /// Starts a cluster of the caller's own (stop it with `stop()`); most tests use `shared`.
    public init() throws {
        guard let bin = Self.binDirectory else { throw Failure(description: Self.unavailableReason ?? "") }
        self.bin = bin
        runsAsPostgres = geteuid() == 0
        // Short: a Unix socket path must fit in 107 bytes.
        directory = "/tmp/figwatch-pg-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        if runsAsPostgres {
            guard let account = getpwnam("postgres") else {
                throw Failure(description: "running as root, but there is no `postgres` user to run initdb as")
            }
            chown(directory, account.pointee.pw_uid, account.pointee.pw_gid)
        }
        try run("initdb", ["-D", "\(directory)/data", "-U", Self.user, "-A", "trust", "-E", "UTF8", "--no-locale",
                           "--no-sync"])
        try startServer()
        try watchOwner()
    }

    /// `pg_ctl stop -m fast`: the server goes away until `startServer()`; the directory stays.
    public func stopServer() throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "-t", "60", "stop"])
    }

    /// Starts the server `stopServer()` stopped, with the settings it had.
    public func startServer() throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "60",
                           "-o", Self.settings(directory), "start"])
    }

    static func settings(_ directory: String) -> String {
        "-c listen_addresses='' -c unix_socket_directories='\(directory)' -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    }

    /// `pg_ctl restart`: the server goes away (every connection drops) and comes back on the same socket.
    public func restart() throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/server.log", "-m", "fast", "-w", "-t", "60",
                           "restart"])
    }

    /// `postgres://figwatch@/DATABASE?host=DIRECTORY`: the URL form figwatch's config takes.
    public func url(database: String) -> String {
        "postgres://\(Self.user)@/\(database)?host=\(directory)"
    }

    /// Creates an empty database with a fresh name and returns the name.
    public func createDatabase() throws -> String {
        let name = "figwatch_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try sql("CREATE DATABASE \(name)")
        return name
    }

    /// Runs `body` with a new empty database in the shared cluster, dropped afterwards (also when
    /// `body` throws).
    public static func withDatabase<T: Sendable>(_ body: (PostgresCluster, String) async throws -> T) async throws -> T {
        let cluster = try shared.get()
        let database = try cluster.createDatabase()
        do {
            let result = try await body(cluster, database)
            try cluster.dropDatabase(database)
            return result
        } catch {
            try? cluster.dropDatabase(database)
            throw error
        }
    }

    /// Drops a database, ending whatever sessions are still connected to it.
    public func dropDatabase(_ name: String) throws {
        try sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one SQL command through `psql` as the cluster's superuser.
    @discardableResult
    public func sql(_ command: String, database: String = "postgres") throws -> String {
        try run("psql", ["-h", directory, "-U", Self.user, "-d", database, "-v", "ON_ERROR_STOP=1", "-Atc", command],
                asPostgres: false)
    }

    /// Stops the server and removes its directory.
    public func stop() {
        _ = try? run("pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func stopShared() {
        if case .success(let cluster) = shared { cluster.stop() }
    }

    /// Starts a detached shell that waits for this test process to end, then stops the server and removes
    /// the directory: the cleanup `atexit` cannot promise after a crash or SIGKILL.
    private func watchOwner() throws {
        let stop = "\(bin)/pg_ctl -D '\(directory)/data' -m immediate -w stop"
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(runsAsPostgres ? "/usr/sbin/runuser -u postgres -- \(stop)" : stop) >/dev/null 2>&1
            rm -rf '\(directory)'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", Self.closingInheritedDescriptors + "exec setsid /bin/bash -c \"$0\"", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Bash that closes every descriptor above stderr it inherited (Foundation's `Pipe`s are not
    /// close-on-exec), so that nothing this process reads to its end stays open in a long-lived child.
    private static let closingInheritedDescriptors = """
        for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null;
        """

    /// Runs one of the PostgreSQL binaries (as `postgres` when we are root, for the server's own tools)
    /// and returns its output; throws with that output when it fails.
    ///
    /// The output goes to a file, never a pipe: see the type's comment.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String], asPostgres: Bool = true) throws -> String {
        let quoted = ([(runsAsPostgres && asPostgres) ? "/usr/sbin/runuser -u postgres -- \(bin)/\(tool)" : "\(bin)/\(tool)"]
            + arguments.map(Self.shellQuoted)).joined(separator: " ")
        // Inside the cluster directory, so that the watcher removes it too when this process dies.
        let outputPath = "\(directory)/output-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", Self.closingInheritedDescriptors + "exec " + quoted + " </dev/null >" + outputPath + " 2>&1"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed "
                          + "(status \(process.terminationStatus)): \(text.suffix(2000))")
        }
        return text
    }

    private static func shellQuoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
