import GRDB

/// Direct SQL on a test database, for setting up states the store itself never writes.
struct DatabaseHelper {
    let queue: DatabaseQueue

    static func open(_ path: String) throws -> DatabaseHelper { DatabaseHelper(queue: try DatabaseQueue(path: path)) }

    func execute(_ sql: String) throws { try queue.write { try $0.execute(sql: sql) } }
}

extension DatabaseHelper {
    /// Runs statements with foreign keys off, as a migration does: for rebuilding a table into an older shape.
    func executeWithoutForeignKeys(_ sql: String) throws {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.inTransaction {
                try db.execute(sql: sql)
                return .commit
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }
}
