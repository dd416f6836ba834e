import Foundation
import GRDB
import Testing

@testable import SelfBuyKit

@Suite("The log checkpointer copies a writer's commits into the database while the writer goes on")
struct LogCheckpointerTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func size(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    }

    /// A WAL database whose writer never checkpoints, with about 2 MB committed to its log.
    func database(_ name: String) throws -> (DatabasePool, String) {
        let path = directory.path(name)
        let pool = try DatabasePool(path: path)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)")
            try db.inTransaction {
                for id in 0..<500 {
                    try db.execute(sql: "INSERT INTO t VALUES (?, zeroblob(4000))", arguments: [id])
                }
                return .commit
            }
        }
        return (pool, path)
    }

    @Test("a commit told of is in the database file once the checkpointer is finished; the pool stays open")
    func copiesCommits() throws {
        let (pool, path) = try database("copied.sqlite")
        #expect(try size(path) < 100_000, "the rows are still only in the log")
        let checkpointer = LogCheckpointer(path: path)
        checkpointer.start()
        checkpointer.committed()
        checkpointer.finish()
        #expect(checkpointer.count == 1)
        #expect(try size(path) > 2_000_000)
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 500)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the checkpointer's connection was not the last")
    }

    @Test("finished without a commit, it copies nothing; on a file that is gone, it creates none")
    func nothingToCopy() throws {
        let (pool, path) = try database("untouched.sqlite")
        let idle = LogCheckpointer(path: path)
        idle.start()
        idle.finish()
        #expect(idle.count == 0)
        #expect(try size(path) < 100_000)
        withExtendedLifetime(pool) {}

        let gone = directory.path("gone.sqlite")
        let missing = LogCheckpointer(path: gone)
        missing.start()
        missing.committed()
        missing.finish()
        #expect(missing.count == 0)
        #expect(!FileManager.default.fileExists(atPath: gone))
    }
}
