import FigwatchCore
import Foundation
import GRDB
import GRDBSQLite

/// Direct access to a prepared statement's parameters and result columns through the SQLite C API,
/// for the two loops that run per figure (append) and per point (series).
///
/// GRDB's `StatementArguments` and `Row` box every value as a `DatabaseValue` and every text as a
/// `String`; over a million figures or a 100,000-point series that boxing was most of the time. A
/// `RawStatement` is only valid inside the `Database` access that produced the statement, and it
/// resets the statement when done so GRDB's statement cache can hand it out again.
struct RawStatement {
    private let handle: OpaquePointer

    init(_ statement: Statement) {
        handle = statement.sqliteStatement
    }

    // MARK: Binding (1-based indexes, as in SQL)

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    /// Binds a copy of the text (SQLITE_TRANSIENT): the Swift string's storage is not guaranteed to
    /// outlive the call.
    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            _ = sqlite3_bind_text(
                handle, index, UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                    .assumingMemoryBound(to: CChar.self),
                Int32(bytes.count), Self.transient)
        }
    }

    /// Binds text that stays where it is (SQLITE_STATIC), or NULL for nil: `text` must stay valid and
    /// unchanged until the statement has run and this parameter is bound again or cleared
    /// (`clearBindings()`). An empty text is bound as '' (a null pointer would bind NULL).
    func bindInPlace(_ index: Int32, _ text: UnsafeBufferPointer<UInt8>?) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        guard let start = text.baseAddress, !text.isEmpty else {
            // A literal's bytes live as long as the program.
            let empty: StaticString = ""
            empty.utf8Start.withMemoryRebound(to: CChar.self, capacity: 1) {
                _ = sqlite3_bind_text(handle, index, $0, 0, nil)
            }
            return
        }
        start.withMemoryRebound(to: CChar.self, capacity: text.count) {
            _ = sqlite3_bind_text(handle, index, $0, Int32(text.count), nil)  // nil: SQLITE_STATIC
        }
    }

    /// Unbinds every parameter (all become NULL), so none points into memory about to go.
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Runs a statement that returns no rows; the caller reads `changes` afterwards if it needs to.
    func execute(_ db: Database) throws {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    // MARK: Stepping and reading (0-based columns, as in the C API)

    /// Steps to the next row: true when there is one. The statement is reset by `finish()`.
    func next(_ db: Database) throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        case let code:
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    func finish() {
        sqlite3_reset(handle)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : sqlite3_column_int64(handle, column)
    }

    /// The column's text, or nil for NULL. Texts of up to 15 bytes make no allocation.
    func string(_ column: Int32) -> String? {
        guard let bytes = utf8(column) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The column's text bytes, valid until the next step or reset; nil for NULL.
    func utf8(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The column's text bytes up to its first NUL, valid until the next step or reset; nil for NULL.
    /// For texts that hold no NUL byte (digits, codes, JSON): measuring them is cheaper than asking
    /// SQLite for their length, one more call through its API (about 40 ns here, as much as a short
    /// `strlen`'s several times over).
    func nulTerminatedUTF8(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: strlen(text))
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
