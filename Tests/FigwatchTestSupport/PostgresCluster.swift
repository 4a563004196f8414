import Foundation

/// A throwaway PostgreSQL cluster for tests: `initdb` into a fresh temporary directory, the server
/// listening only on a Unix socket in that directory (no TCP port to collide with anything), trust
/// authentication for the user `figwatch`, `fsync=off` since the data is thrown away.
///
/// One cluster serves a whole test process (`shared`, started on first use); each test creates its own
/// database in it. The cluster is stopped and its directory removed when the process exits. initdb
/// refuses to run as root, so as root the directory is given to the `postgres` user (which Debian's
/// `postgresql` package creates) and the server runs as that user.
public final class PostgresCluster: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static let user = "figwatch"

    /// The directory of Debian's newest installed PostgreSQL binaries, or `nil`.
    public static let binDirectory: String? = {
        let base = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "\(base)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }()

    /// Why the Postgres tests cannot run here, in one line; `nil` when they can.
    public static var unavailableReason: String? {
        binDirectory == nil
            ? "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; `make test` installs it)" : nil
    }

    /// Under CI the Postgres tests must run: a missing PostgreSQL is a failure there, not a skip.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

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

    private init() throws {
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
        let settings = "-c listen_addresses='' -c unix_socket_directories='\(directory)' -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        try run("pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "60",
                           "-o", settings, "start"])
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

    /// Runs one of the PostgreSQL binaries (as `postgres` when we are root, for the server's own tools)
    /// and returns its output; throws with that output when it fails.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String], asPostgres: Bool = true) throws -> String {
        let process = Process()
        if runsAsPostgres && asPostgres {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "postgres", "--", "\(bin)/\(tool)"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "\(bin)/\(tool)")
            process.arguments = arguments
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed "
                          + "(status \(process.terminationStatus)): \(text.suffix(2000))")
        }
        return text
    }
}
