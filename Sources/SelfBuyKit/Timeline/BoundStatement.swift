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

    /// A parameter value.
    enum Value {
        case text(String)
        case integer(Int64)
        case null
    }

    /// Binds `values` to the parameters in order and steps once.
    ///
    /// - Returns: whether a row came (read its columns with `body`, before the statement is reset).
    @discardableResult
    func step<T>(_ values: [Value], _ body: (Row) -> T) throws -> T? {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        try bind(values)
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return body(Row(handle: handle))
        case SQLITE_DONE: return nil
        case let code: throw error(code)
        }
    }

    /// Every row the statement gives for `values`, each read with `body`.
    func all<T>(_ values: [Value], _ body: (Row) -> T) throws -> [T] {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        try bind(values)
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
    func exists(_ values: [Value]) throws -> Bool { try step(values) { _ in true } ?? false }

    /// Runs a statement that gives no rows.
    func execute(_ values: [Value]) throws { _ = try step(values) { _ in () } }

    /// Runs a statement with named parameters (`:name`, each bound wherever it appears) that gives no rows.
    func execute(named values: [(name: String, value: Value)]) throws {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        for (name, value) in values {
            let index = sqlite3_bind_parameter_index(handle, ":" + name)
            guard index > 0 else { throw DatabaseError(resultCode: .SQLITE_RANGE, message: "no parameter :\(name)") }
            let code = bind(value, at: index)
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

        func text(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            // As GRDB decodes text: up to the first NUL, invalid UTF-8 repaired.
            return String(cString: bytes)
        }
    }

    private func bind(_ values: [Value]) throws {
        for (offset, value) in values.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    private func bind(_ value: Value, at index: Int32) -> Int32 {
        switch value {
        case .null: return sqlite3_bind_null(handle, index)
        case .integer(let number): return sqlite3_bind_int64(handle, index, number)
        case .text(var text):
            // SQLite copies the bytes (SQLITE_TRANSIENT): the string's storage need not outlive the call.
            return text.withUTF8 { bytes in
                sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
            }
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }

    /// `SQLITE_TRANSIENT`, which the C macro defines as the destructor -1.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension BoundStatement.Value {
    static func text(_ text: String?) -> Self { text.map { .text($0) } ?? .null }
    static func integer(_ number: Int?) -> Self { number.map { .integer(Int64($0)) } ?? .null }
    static func integer(_ number: Int64?) -> Self { number.map { .integer($0) } ?? .null }
}
