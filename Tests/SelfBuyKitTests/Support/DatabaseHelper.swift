import GRDB

/// Direct SQL on a test database, for setting up states the store itself never writes.
struct DatabaseHelper {
    let queue: DatabaseQueue

    static func open(_ path: String) throws -> DatabaseHelper { DatabaseHelper(queue: try DatabaseQueue(path: path)) }

    func execute(_ sql: String) throws { try queue.write { try $0.execute(sql: sql) } }
}
