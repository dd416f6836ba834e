import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

extension TimelineStore {
    /// Opens the timeline at `path` read-only, for the commands that only read it (list, summary, show, export,
    /// review, feeds status): no migration, no lock file, no write, so a researcher can read a timeline they may not
    /// write — a read-only file, folder or mount.
    ///
    /// SQLite keeps a write-ahead log and its index beside a WAL database while it is open. How they are treated
    /// depends on who reads:
    /// - the file's owner (or root) who could write it: an ordinary connection that only ever reads (every query
    ///   runs in a read-only transaction, and ``write(_:)`` refuses), so that SQLite removes the two files again when
    ///   it closes;
    /// - anyone else while a writer is at work (the log exists): a read-only connection sharing the writer's files;
    /// - anyone else with no writer (no log): the file is read as it stands (SQLite's `immutable`) and nothing is
    ///   created beside it — files made by another user would stop the owner's next writer from writing its log.
    ///
    /// - Throws: ``TimelineError/missing(path:)`` when there is no timeline at `path` (or an empty file);
    ///   ``TimelineError/newerSchema(path:)`` for a database a newer selfbuy wrote;
    ///   ``TimelineError/unreadable(path:reason:)`` for a file that is not a timeline, is damaged, or was written by
    ///   an older selfbuy and needs one writing command to upgrade it.
    public init(readingAt path: String) throws {
        self.path = path
        isReadOnly = true
        guard FileManager.default.fileExists(atPath: path) else { throw TimelineError.missing(path: path) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        let location: String
        if Self.couldWrite(path) {
            location = path
        } else {
            configuration.readonly = true
            let hasLog = FileManager.default.fileExists(atPath: path + "-wal")
            location = hasLog ? path : Self.immutableURI(path)
        }
        do {
            writer = try DatabaseQueue(path: location, configuration: configuration)
        } catch let error as DatabaseError {
            throw TimelineError.unreadable(path: path, reason: Self.reason(error))
        }
        let migrator = Self.migrator
        let (superseded, applied, complete) = try read { db in
            (
                try migrator.hasBeenSuperseded(db), try migrator.appliedIdentifiers(db),
                try migrator.hasCompletedMigrations(db)
            )
        }
        if superseded { throw TimelineError.newerSchema(path: path) }
        if applied.isEmpty {
            let tables = try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0 }
            if tables == 0 { throw TimelineError.missing(path: path) }
            throw TimelineError.unreadable(path: path, reason: "not a selfbuy timeline (no schema version)")
        }
        if !complete {
            throw TimelineError.unreadable(
                path: path,
                reason:
                    "written by an older selfbuy; run `selfbuy poll` or `selfbuy ingest` once to upgrade it "
                    + "(reading commands never change the timeline)")
        }
    }

    /// Whether this process could write the timeline itself: it owns the file (or is root) and may write both the
    /// file and its folder. Only then may SQLite create its log and index beside it: files made by another user would
    /// be theirs, and the owner's next writer could no longer write its own log.
    static func couldWrite(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0, access(path, W_OK) == 0 else { return false }
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return geteuid() == 0 || info.st_uid == geteuid()
    }

    /// An SQLite URI that reads `path` as an unchanging file: no locks, no log, nothing created.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + encoded + "?mode=ro&immutable=1"
    }
}
