import CSQLiteSetup
import GRDBSQLite

extension SQLiteStore {
    /// Puts SQLite in multi-thread mode for the whole process: call it first thing in `main`, before
    /// any thread opens a database. Returns whether it took effect (it does not once SQLite has
    /// opened a connection; the process then keeps SQLite's build default, which is equally correct).
    ///
    /// Debian's SQLite is built serialized: every connection has a mutex, and every bind, step and
    /// column read locks and unlocks it. GRDB already hands each connection to one thread at a time
    /// (it supports no other use), and so does `RawStatement`, so that mutex guards nothing here, yet
    /// it was about a fifth of a 100,000-point series query in C (`figwatch-bench store` prints the
    /// mode it ran in). GRDB does not let an application choose the per-connection open flag, hence
    /// the process-wide setting. SQLite's memory statistics go with it, which would take a global
    /// mutex on every allocation; figwatch reads none of them.
    @discardableResult
    public static func useMultiThreadMode() -> Bool {
        fw_sqlite_use_multithread_mode() == SQLITE_OK
    }

    /// Whether connections opened from now on take a mutex of their own (serialized mode).
    public static var connectionsTakeMutex: Bool {
        fw_sqlite_connections_take_mutex() != 0
    }
}
