import GRDB
import GRDBSQLite

/// A cached GRDB statement run through SQLite's C API: for the statements every document runs (is this text stored,
/// where; insert the document), where GRDB's boxed arguments and rows cost more than SQLite's own work.
///
/// GRDB prepares and caches the statement (`Database.cachedStatement`), so its SQL stays in ``RecordSQL``; each use
/// binds every parameter, steps, and resets, so the statement holds no lock and no value once a use ends. Errors are
/// GRDB's `DatabaseError`, which ``TimelineStore`` turns into ``TimelineError`` as for any other statement.
struct BoundStatement {
    /// GRDB's statement, kept so that its handle stays valid as long as this value is used.
    private let statement: Statement
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// Binds `values` to the parameters in order and steps once.
    ///
    /// - Returns: whether a row came (read its columns with `body`, before the statement is reset).
    @discardableResult
    func step<each V: SQLiteBindable, T>(_ values: repeat each V, row body: (Row) -> T) throws -> T? {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        try bind(repeat each values)
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return body(Row(handle: handle))
        case SQLITE_DONE: return nil
        case let code: throw error(code)
        }
    }

    /// Every row the statement gives for `values`, each read with `body`.
    func all<each V: SQLiteBindable, T>(_ values: repeat each V, row body: (Row) -> T) throws -> [T] {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        try bind(repeat each values)
        var rows: [T] = []
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: rows.append(body(Row(handle: handle)))
            case SQLITE_DONE: return rows
            case let code: throw error(code)
            }
        }
    }

    /// Whether the statement gives a row for `values`.
    func exists<each V: SQLiteBindable>(_ values: repeat each V) throws -> Bool {
        try step(repeat each values) { _ in true } ?? false
    }

    /// Runs a statement that gives no rows.
    func execute<each V: SQLiteBindable>(_ values: repeat each V) throws {
        _ = try step(repeat each values) { _ in () }
    }

    /// Runs a statement with named parameters (`:name`, each bound wherever it appears) that gives no rows.
    func execute(named values: [(name: String, value: any SQLiteBindable)]) throws {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        for (name, value) in values {
            let index = sqlite3_bind_parameter_index(handle, ":" + name)
            guard index > 0 else { throw DatabaseError(resultCode: .SQLITE_RANGE, message: "no parameter :\(name)") }
            let code = value.bind(to: handle, at: index)
            guard code == SQLITE_OK else { throw error(code) }
        }
        switch sqlite3_step(handle) {
        case SQLITE_ROW, SQLITE_DONE: return
        case let code: throw error(code)
        }
    }

    /// The current row's columns.
    struct Row {
        let handle: SQLiteStatement

        func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

        /// The column's text whole, NUL characters included (for values copied from row to row), nil for NULL.
        func wholeText(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }

        /// The column's integer, nil for NULL.
        func optionalInteger(_ column: Int32) -> Int64? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
        }

        func text(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            // As GRDB decodes text: up to the first NUL, invalid UTF-8 repaired.
            return String(cString: bytes)
        }
    }

    /// Binds the values to the parameters in order: a pack, so that the strings are passed as they are, with no
    /// array or boxed copy of them for each use.
    private func bind<each V: SQLiteBindable>(_ values: repeat each V) throws {
        var index: Int32 = 0
        for value in repeat each values {
            index += 1
            let code = value.bind(to: handle, at: index)
            guard code == SQLITE_OK else { throw error(code) }
        }
        // Every parameter bound: a reset statement keeps its last values, which a shorter pack would reuse.
        assert(index == sqlite3_bind_parameter_count(handle), "\(index) values for a statement of other parameters")
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }
}

/// A value a ``BoundStatement`` binds to a parameter: text, an integer, a Boolean (0 or 1), or NULL for nil.
protocol SQLiteBindable {
    /// Binds the value to parameter `index` (from 1); returns SQLite's result code.
    func bind(to handle: SQLiteStatement, at index: Int32) -> Int32
}

extension String: SQLiteBindable {
    func bind(to handle: SQLiteStatement, at index: Int32) -> Int32 {
        // SQLite copies the bytes (SQLITE_TRANSIENT): the string's storage need not outlive the call.
        if let code = utf8.withContiguousStorageIfAvailable({ bytes in
            sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
        }) {
            return code
        }
        var text = self
        return text.withUTF8 { bytes in
            sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
        }
    }
}

extension Int64: SQLiteBindable {
    func bind(to handle: SQLiteStatement, at index: Int32) -> Int32 { sqlite3_bind_int64(handle, index, self) }
}

extension Int: SQLiteBindable {
    func bind(to handle: SQLiteStatement, at index: Int32) -> Int32 { sqlite3_bind_int64(handle, index, Int64(self)) }
}

extension Bool: SQLiteBindable {
    func bind(to handle: SQLiteStatement, at index: Int32) -> Int32 { sqlite3_bind_int64(handle, index, self ? 1 : 0) }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    func bind(to handle: SQLiteStatement, at index: Int32) -> Int32 {
        switch self {
        case .some(let value): return value.bind(to: handle, at: index)
        case .none: return sqlite3_bind_null(handle, index)
        }
    }
}

/// `SQLITE_TRANSIENT`, which the C macro defines as the destructor -1: SQLite copies what it is given.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
