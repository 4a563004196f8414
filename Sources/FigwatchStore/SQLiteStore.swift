import FigwatchCore
import Foundation
import GRDB
import GRDBSQLite

/// The figwatch store in one SQLite file (WAL mode), written by one daemon and read by any number of
/// CLI queries at the same time.
///
/// Opening for writing takes an exclusive lock on `<path>.lock` for the store's lifetime (a second
/// daemon fails at once with `StoreError.locked`) and brings the schema up to date with numbered
/// migrations; a file written by a newer figwatch is refused, never downgraded. Opening read-only
/// takes no lock and changes nothing. A command's few writes beside the daemon (silences) open it
/// read-write without the lock (`Options.takesWriterLock`).
///
/// ```swift
/// let store = try SQLiteStore(path: "/var/lib/figwatch/figwatch.sqlite")          // the daemon
/// let reader = try SQLiteStore(path: "/var/lib/figwatch/figwatch.sqlite", access: .readOnly)  // the CLI
/// ```
public final class SQLiteStore: FigureStore {
    public enum Access: Sendable {
        case readWrite
        case readOnly
    }

    /// What "the commit returned" promises.
    public enum Durability: Sendable {
        /// The commit survives the daemon being killed (`kill -9`, OOM, crash) at any moment: SQLite has
        /// written the WAL frames to the kernel before the commit returns (`synchronous = NORMAL`). A power
        /// loss may lose the last commits (never corrupt the file). The default: every page lost that way
        /// is simply fetched and stored again on the next pass, since its content hash is not stored.
        case processCrash
        /// The commit also survives power loss: the WAL is fsync'ed on every commit (`synchronous = FULL`),
        /// which costs a disk flush per page.
        case powerLoss
    }

    public struct Options: Sendable {
        public var access: Access
        public var durability: Durability
        /// How long observations, pages and history are kept (milliseconds); `nil` keeps everything.
        public var maxAge: Int64?
        /// Whether a `.readWrite` open takes the writer lock (and may migrate). The daemon does. A command
        /// that writes a few rows beside it (`figwatch silence`) does not: SQLite's own file locks
        /// serialise its short transaction with the daemon's, and the lock exists to keep a second
        /// *daemon* out, whose appends would double every figure. Such an open never migrates: the schema
        /// must be current, as for a read-only one.
        public var takesWriterLock: Bool

        public init(
            access: Access = .readWrite, durability: Durability = .processCrash, maxAge: Int64? = nil,
            takesWriterLock: Bool = true
        ) {
            self.access = access
            self.durability = durability
            self.maxAge = maxAge
            self.takesWriterLock = takesWriterLock
        }
    }

    public let path: String
    public let options: Options
    let pool: DatabasePool
    let appendQueue = AppendQueue()
    /// Held, never read: its lifetime is the lock's.
    private let lock: WriterLock?

    /// Opens (and creates, for writing) the store at `path`.
    ///
    /// - Throws: `StoreError` `.locked` when another process writes the store, `.schemaTooNew` when a
    ///   newer figwatch wrote it, `.schemaOutdated` for a read-only (or unlocked) open of an older schema,
    ///   `.openFailed` when the file cannot be opened.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        switch options.access {
        case .readWrite where options.takesWriterLock:
            lock = try WriterLock(path: path + ".lock", storePath: path)
        case .readWrite:
            lock = nil
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError(.openFailed, "no store at \(path) (the daemon creates it on its first start)")
            }
        case .readOnly:
            lock = nil
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError(.openFailed, "no store at \(path) (the daemon creates it on its first start)")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration(options))
        } catch {
            throw StoreError(.openFailed, "cannot open store \(path)", underlying: error)
        }
        try prepareSchema()
    }

    /// Convenience for `init(path:options:)` with only the access mode.
    public convenience init(path: String, access: Access) throws {
        try self.init(path: path, options: Options(access: access))
    }

    private static func configuration(_ options: Options) -> Configuration {
        var config = Configuration()
        config.readonly = options.access == .readOnly
        config.foreignKeysEnabled = true
        config.label = "figwatch.store"
        // A reader may briefly wait for a checkpoint. The daemon's writer competes only with a command's
        // one-row transactions (silences, unlocked: see `Options.takesWriterLock`), and each side waits
        // for the other's commit here. Every write transaction begins IMMEDIATE (GRDB's default), so none
        // fails by finding another's commit after its own read.
        config.busyMode = .timeout(5)
        // The daemon reads little at a time (sightings, page hashes, a rule's series); the CLI is a
        // process of its own. Three readers are plenty, and each costs a cache.
        config.maximumReaderCount = 3
        let readOnly = options.access == .readOnly
        let synchronous = options.durability == .powerLoss ? "FULL" : "NORMAL"
        config.prepareDatabase { db in
            // The page cache is most of the daemon's own memory, and a full cache stays full: it is
            // what the daemon's private memory grows into as the file grows. The daemon's writer gets
            // SQLite's default of 2 MiB: an append touches the tables' and indexes' right-hand edges and
            // a few leaves of the hash and URL indexes, which a larger cache does not keep either once
            // the file is larger than it, and a miss is a read from the kernel's page cache (16 MiB ran
            // `figwatch-bench store`'s appends no faster). The daemon's readers do small lookups (page
            // hashes, sightings, a rule's window of a series) and get 512 KiB each, so the store's
            // heap stays under 2 + 3 x 0.5 = 3.5 MiB however large the file grows (issue 25). A
            // read-only open (the CLI, one process reading a long series once) gets 16 MiB. GRDB opens a
            // pool's readers read-only.
            let writer = sqlite3_db_readonly(db.sqliteConnection, "main") == 0
            try db.execute(sql: "PRAGMA cache_size = \(Self.cacheKiB(writer: writer, readOnlyStore: readOnly))")
            // A read-only open (the CLI: one process, a few queries) reads through a memory map of the
            // file. The daemon does not: in WAL mode a connection drops its whole map when it begins a
            // read transaction after another connection committed (`strace -k`: munmap under
            // sqlite3PagerSharedLock), so a daemon that commits and reads all the time unmapped and
            // remapped the file ~170 times a second, with a TLB shootdown each time. Without the map it
            // spends 9% less CPU per page, and `figwatch-bench store` appends and reads series no slower.
            try db.execute(sql: "PRAGMA mmap_size = \(readOnly ? 268_435_456 : 0)")
            guard !readOnly else { return }
            // auto_vacuum can only be chosen before the first page is written; GRDB switches the file to
            // WAL right after this, which writes page 1. INCREMENTAL lets retention hand freed pages back
            // to the file system without a full VACUUM.
            if try Int.fetchOne(db, sql: "PRAGMA page_count") == 0 {
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            }
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            // Checkpoint every 8192 WAL pages (32 MiB at 4 KiB) instead of SQLite's 1000: index pages that
            // every append touches are then copied to the main file once per checkpoint, not every few
            // dozen pages, and the checkpoint's fsync is paid eight times less often.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
        }
        return config
    }

    /// The page cache of a connection, as `PRAGMA cache_size` takes it (negative: KiB).
    static func cacheKiB(writer: Bool, readOnlyStore: Bool) -> Int {
        readOnlyStore ? -16384 : writer ? -2048 : -512
    }

    /// Migrates a writable store, or checks that a read-only one has exactly our schema.
    private func prepareSchema() throws {
        let migrator = Self.migrator
        let state: (superseded: Bool, userVersion: Int, complete: Bool)
        do {
            state = try pool.read { db in
                (try migrator.hasBeenSuperseded(db), try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                 try migrator.hasCompletedMigrations(db))
            }
        } catch {
            throw StoreError(.openFailed, "cannot read the schema of store \(path) (is it an SQLite file?)", underlying: error)
        }
        if state.superseded || state.userVersion > Self.schemaVersion {
            throw StoreError(
                .schemaTooNew,
                "store \(path) has schema version \(state.userVersion), newer than this figwatch knows "
                    + "(\(Self.schemaVersion)); it was written by a newer figwatch: upgrade figwatch, "
                    + "or point it at another file")
        }
        if options.access == .readOnly || !options.takesWriterLock {
            guard state.complete else {
                throw StoreError(
                    .schemaOutdated,
                    "store \(path) has schema version \(state.userVersion), older than this figwatch's "
                        + "(\(Self.schemaVersion)); start the daemon once to upgrade it")
            }
            return
        }
        do {
            try migrator.migrate(pool)
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)")
            }
        } catch {
            throw StoreError(.openFailed, "cannot upgrade the schema of store \(path)", underlying: error)
        }
    }

    // MARK: Helpers shared by the extensions

    /// Runs `body` in one write transaction, mapping failures to `StoreError` naming `subject`.
    func write<T: Sendable>(
        _ subject: @autoclosure () -> String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        guard options.access == .readWrite else {
            throw StoreError(.readOnly, "cannot \(subject()): store \(path) is open read-only")
        }
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "cannot \(subject()) in store \(path)", underlying: error)
        }
    }

    /// Runs `body` in a read snapshot, mapping failures to `StoreError` naming `subject`.
    func read<T: Sendable>(
        _ subject: @autoclosure () -> String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "cannot \(subject()) in store \(path)", underlying: error)
        }
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, else SQLite's list of problems.
    public func integrityCheck() async throws -> [String] {
        try await read("check integrity") { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Writes the WAL back into the main file and truncates it (for size measurements and backups).
    public func checkpoint() throws {
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw StoreError(.database, "cannot checkpoint store \(path)", underlying: error)
        }
    }
}
