import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The SQLite timeline: documents by content hash, events with their sources, and the daemon's per-feed state.
///
/// One `Sendable` value over a WAL `DatabasePool` with a busy timeout, so `list` reads while a poll writes. Every
/// write that records a document is one transaction: a document is either fully recorded or not at all. Reading
/// commands open it with ``init(readingAt:)`` instead: read-only, never migrated, no file created beside it.
public struct TimelineStore: Sendable {
    let writer: any DatabaseWriter
    public let path: String
    /// Opened with ``init(readingAt:)``: every write fails.
    public let isReadOnly: Bool
    /// Where ``read(_:)`` reads instead of the pool's readers, for a bulk ingest's cores (``reading(through:)``).
    var snapshotReaders: SnapshotReaders?

    /// Databases up to this size are checked with `PRAGMA quick_check` whenever a writer opens them (about 0.2 s for
    /// 256 MiB); larger ones only when their header looks wrong.
    public static let alwaysCheckedSize: Int64 = 256 * 1024 * 1024

    /// Opens (and when `create` is true, creates) the timeline at `path` for writing, migrating it to the current
    /// schema; a damaged file is refused before anything is written into it.
    ///
    /// - Throws: ``TimelineError/missing(path:)`` when the file does not exist and `create` is false;
    ///   ``TimelineError/newerSchema(path:)`` for a database a newer selfbuy wrote;
    ///   ``TimelineError/unreadable(path:reason:)`` for a file that is not a timeline or is damaged.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        isReadOnly = false
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard create else { throw TimelineError.missing(path: path) }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        // Opening switches a new file to WAL and migrates it; two processes doing that at once race (the loser saw
        // "database is locked" or "table already exists"), so opening is serialised by a lock file beside the database.
        let lock = Self.lockFile(for: path)
        defer { Self.unlock(lock) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The writer's transactions touch pages all over the content-hash indexes: with SQLite's default 2 MiB
            // cache it spilled and re-read pages mid-transaction (an ingest of 10,000 documents: 8,026 page writes and
            // 4,292 reads; with 64 MiB, 5,622 and 1,856). Readers keep the default.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -65536") }
        }
        try Self.checkIntegrityIfNeeded(path)
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw TimelineError.unreadable(path: path, reason: Self.reason(error))
        } catch {
            throw TimelineError.unreadable(path: path, reason: "\(error)")
        }
        let migrator = Self.migrator
        let superseded = try read { db in try migrator.hasBeenSuperseded(db) }
        if superseded { throw TimelineError.newerSchema(path: path) }
        do {
            try Self.createFromSnapshot(writer)
            try migrator.migrate(writer)
        } catch let error as DatabaseError {
            throw TimelineError.unreadable(path: path, reason: "cannot migrate: " + Self.reason(error))
        } catch {
            throw TimelineError.unreadable(path: path, reason: "cannot migrate: \(error)")
        }
    }

    private static func lockFile(for path: String) -> Int32 {
        let descriptor = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor >= 0 {
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
        return descriptor
    }

    private static func unlock(_ descriptor: Int32) {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        Glibc.close(descriptor)
    }

    /// The files kept for this timeline: the database, its write-ahead log and shared memory, the open lock and the
    /// daemon lock.
    public var files: [String] { [path, path + "-wal", path + "-shm", path + ".lock", path + ".daemon.lock"] }

    /// The default location: `$SELFBUY_DB`, else `$XDG_DATA_HOME/selfbuy/selfbuy.sqlite`, else
    /// `~/.local/share/selfbuy/selfbuy.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["SELFBUY_DB"], !path.isEmpty { return path }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return dataHome + "/selfbuy/selfbuy.sqlite"
    }

    /// `PRAGMA integrity_check`, a check that every event has a source and one that every document has its text's
    /// key (a document under another key is never found by its text).
    public func integrityProblems() throws -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let orphans =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_sources)") ?? 0
            if orphans > 0 { problems.append("\(orphans) events without a source") }
            let misfiled = try ContentKey.withSQLFunction(db) {
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM documents WHERE text_key != selfbuy_text_key(content_hash)") ?? 0
            }
            if misfiled > 0 { problems.append("\(misfiled) documents without their text's key") }
            problems += try String.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return problems
        }
    }
}
