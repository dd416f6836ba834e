import Foundation
import GRDB
import Testing

@testable import SelfBuyKit

@Suite("A new timeline created from the schema snapshot")
struct SchemaSnapshotTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// `sqlite_master` as (type, name, table, SQL), by type and name.
    func schema(_ queue: DatabaseQueue) throws -> [[String?]] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").map {
                [$0[0], $0[1], $0[2], $0[3]]
            }
        }
    }

    @Test("the snapshot builds the same sqlite_master and migration list as running every migration")
    func snapshotEqualsMigrations() throws {
        let migrated = try DatabaseQueue(path: directory.path("migrated.sqlite"))
        try TimelineStore.migrator.migrate(migrated)
        let created = try DatabaseQueue(path: directory.path("snapshot.sqlite"))
        try TimelineStore.createFromSnapshot(created)
        let applied = try created.read { db in try TimelineStore.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(TimelineStore.migrator.migrations))
        #expect(TimelineStore.snapshotMigrations == TimelineStore.migrator.migrations)
        let expected = try schema(migrated)
        let actual = try schema(created)
        #expect(actual == expected, "regenerate TimelineStore+Schema.swift from: \(snapshotStatements(migrated))")
        // Migrating the snapshot changes nothing.
        try TimelineStore.migrator.migrate(created)
        #expect(try schema(created) == expected)
    }

    @Test("a timeline opened on a new file is created from the snapshot, an existing one is migrated as before")
    func newAndExistingFiles() throws {
        let path = directory.path("new.sqlite")
        _ = try TimelineStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let migrated = try DatabaseQueue(path: directory.path("reference.sqlite"))
        try TimelineStore.migrator.migrate(migrated)
        #expect(try schema(queue) == (try schema(migrated)))
        // A database with tables is left to the migrator, never re-created.
        try queue.write { db in try db.execute(sql: "CREATE TABLE mine (x)") }
        try TimelineStore.createFromSnapshot(queue)
        #expect(try queue.read { db in try db.tableExists("mine") })
    }

    /// The statements to paste into the snapshot: tables, then indexes, as `sqlite_master` keeps them.
    func snapshotStatements(_ queue: DatabaseQueue) -> String {
        let sql =
            (try? queue.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'grdb_migrations'
                        ORDER BY type = 'index', rowid
                        """)
            }) ?? []
        return sql.joined(separator: ";\n")
    }
}
