import Foundation
import GRDB

/// What a feed has shown over time, for staleness, and where its backfill stands.
public struct FeedProgress: Sendable, Equatable {
    public var feedID: String
    /// The date of the newest item the feed ever listed.
    public var newestItemAt: Date?
    /// When its body was last seen to change (first read included).
    public var bodyChangedAt: Date?
    /// The `--since` day of the backfill in progress or done.
    public var backfillSince: String?
    /// The next page the backfill reads.
    public var backfillPage: Int?
    public var backfillCursor: String?
    /// When the backfill reached its date (nil while in progress).
    public var backfillDoneAt: Date?

    public init(feedID: String) {
        self.feedID = feedID
    }
}

extension TimelineStore {
    public func feedProgress(_ feedID: String) throws -> FeedProgress? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM feed_progress WHERE feed_id = ?", arguments: [feedID]).map(
                Self.feedProgress(from:))
        }
    }

    public func feedProgresses() throws -> [FeedProgress] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed_progress ORDER BY feed_id").map(Self.feedProgress(from:))
        }
    }

    public func save(_ progress: FeedProgress) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO feed_progress (feed_id, newest_item_at, body_changed_at, backfill_since, backfill_page,
                                               backfill_cursor, backfill_done_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(feed_id) DO UPDATE SET
                        newest_item_at = excluded.newest_item_at, body_changed_at = excluded.body_changed_at,
                        backfill_since = excluded.backfill_since, backfill_page = excluded.backfill_page,
                        backfill_cursor = excluded.backfill_cursor, backfill_done_at = excluded.backfill_done_at
                    """,
                arguments: [
                    progress.feedID, progress.newestItemAt?.timeIntervalSince1970,
                    progress.bodyChangedAt?.timeIntervalSince1970, progress.backfillSince, progress.backfillPage,
                    progress.backfillCursor, progress.backfillDoneAt?.timeIntervalSince1970,
                ])
        }
    }

    /// Whether a document was stored from this URL (normalised), for stopping a pager at an item already stored.
    /// Current documents tell it: one that was superseded has a current one at its URL, the revision that replaced it.
    public func hasDocument(url: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM documents WHERE normalized_url = ? AND superseded_by IS NULL)",
                arguments: [URLNormalizer.normalize(url)]) ?? false
        }
    }

    static func feedProgress(from row: Row) -> FeedProgress {
        var progress = FeedProgress(feedID: row["feed_id"])
        progress.newestItemAt = (row["newest_item_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
        progress.bodyChangedAt = (row["body_changed_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
        progress.backfillSince = row["backfill_since"]
        progress.backfillPage = row["backfill_page"]
        progress.backfillCursor = row["backfill_cursor"]
        progress.backfillDoneAt = (row["backfill_done_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
        return progress
    }
}
