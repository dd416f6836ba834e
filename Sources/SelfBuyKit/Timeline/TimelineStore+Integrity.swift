import Foundation
import GRDB

extension TimelineStore {
    /// Refuses a damaged timeline before a writer puts anything into it: SQLite only notices damage in the pages a
    /// statement happens to touch, so an ingest could otherwise add documents to a file whose other tables are
    /// broken and exit 0.
    ///
    /// Runs before the writer's pool is opened, on a connection of its own, because opening a pool already writes
    /// (GRDB creates and drops a table to start the write-ahead log). `PRAGMA quick_check` reads every page, so it
    /// runs on files up to ``alwaysCheckedSize``, and on larger ones only when their header does not match the file
    /// (see ``headerLooksWrong(_:)``).
    ///
    /// - Throws: ``TimelineError/unreadable(path:reason:)`` naming the first problem found.
    static func checkIntegrityIfNeeded(_ path: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        guard size > 0, size <= alwaysCheckedSize || headerLooksWrong(path) else { return }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let problems: [String]
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        } catch let error as DatabaseError {
            throw TimelineError.unreadable(path: path, reason: reason(error))
        }
        guard let first = problems.first(where: { $0 != "ok" }) else { return }
        let detail = problems.first { $0 != "ok" && !$0.hasPrefix("***") } ?? first
        let line = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? detail
        throw TimelineError.unreadable(
            path: path,
            reason: "the timeline is damaged (SQLite quick_check: \(line)); restore a backup or move the file away")
    }

    /// Whether the 100-byte SQLite header disagrees with the file: wrong magic, an impossible page size, a size that
    /// is not a whole number of pages, or a page count (when the header says it is valid) or freelist beyond the
    /// file. A true answer only costs a `quick_check`.
    static func headerLooksWrong(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard let end = try? handle.seekToEnd() else { return true }
        let size = Int64(end)
        guard header.count == 100, header.starts(with: Array("SQLite format 3\u{0}".utf8)) else { return true }
        func word(_ offset: Int) -> Int64 {
            header[offset..<offset + 4].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
        let raw = Int64(header[16]) << 8 | Int64(header[17])
        let pageSize = raw == 1 ? 65536 : raw
        guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else { return true }
        guard size % pageSize == 0 else { return true }
        let pages = size / pageSize
        let headerPages = word(28)
        if word(24) == word(92), headerPages != 0, headerPages != pages { return true }
        return word(32) > max(pages, headerPages) || word(36) > max(pages, headerPages)
    }
}
