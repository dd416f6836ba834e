import GRDB

extension TimelineStore {
    /// Reads in a snapshot; SQLite's errors become ``TimelineError/storage(path:reason:)`` naming the file, while
    /// errors thrown by `body` itself (a failed output write) pass through unchanged.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            if let snapshotReaders { return try snapshotReaders.read(body) }
            return try writer.read(body)
        } catch let error as DatabaseError {
            throw TimelineError.storage(path: path, reason: Self.reason(error))
        }
    }

    /// This timeline, reading through `readers` (of the same file) instead of the pool's readers.
    func reading(through readers: SnapshotReaders) -> TimelineStore {
        var store = self
        store.snapshotReaders = readers
        return store
    }

    /// Writes in one transaction; SQLite's errors become ``TimelineError/storage(path:reason:)`` naming the file.
    /// A store opened with ``init(readingAt:)`` refuses every write.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw TimelineError.storage(path: path, reason: "opened read-only") }
        do {
            return try writer.write(body)
        } catch let error as DatabaseError {
            throw TimelineError.storage(path: path, reason: Self.reason(error))
        }
    }

    /// Sets the writer's automatic checkpoint (`PRAGMA wal_autocheckpoint`): the write-ahead log is copied into the
    /// database by the commit that makes it longer than `pages` pages. Returns the setting it replaces.
    @discardableResult
    func setAutomaticCheckpoint(pages: Int) throws -> Int {
        do {
            return try writer.writeWithoutTransaction { db in
                let previous = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(max(0, pages))")
                return previous
            }
        } catch let error as DatabaseError {
            throw TimelineError.storage(path: path, reason: Self.reason(error))
        }
    }

    /// `PRAGMA data_version` of the writer's connection, outside any transaction: it changes when another connection
    /// commits (``RecordedInRun``).
    func dataVersion() throws -> Int64 {
        do {
            return try writer.writeWithoutTransaction { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch let error as DatabaseError {
            throw TimelineError.storage(path: path, reason: Self.reason(error))
        }
    }

    /// What went wrong, in words, without the SQL statement GRDB appends.
    static func reason(_ error: DatabaseError) -> String {
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: return "not a selfbuy timeline (SQLite: \(message))"
        case .SQLITE_CORRUPT: return "the timeline is damaged (SQLite: \(message))"
        default: return "SQLite: \(message)"
        }
    }
}
