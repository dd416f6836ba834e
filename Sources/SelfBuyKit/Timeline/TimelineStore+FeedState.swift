import Foundation
import GRDB

/// What the daemon remembers about a feed between rounds and restarts.
public struct FeedState: Sendable, Equatable {
    public var feedID: String
    public var url: String
    /// Where the last redirect chain ended; polled directly next time.
    public var finalURL: String?
    public var etag: String?
    public var lastModified: String?
    /// SHA-256 of the last body, to skip parsing an unchanged body served with new validators.
    public var bodyHash: String?
    public var lastPolledAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var nextDueAt: Date?
    public var lastItemCount: Int?

    public init(feedID: String, url: String) {
        self.feedID = feedID
        self.url = url
        consecutiveFailures = 0
    }
}

/// Validators of a page already fetched (an announcement's detail page).
public struct URLValidators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
}

extension TimelineStore {
    public func feedState(_ feedID: String) throws -> FeedState? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM feed_state WHERE feed_id = ?", arguments: [feedID]).map(
                Self.feedState(from:))
        }
    }

    public func feedStates() throws -> [FeedState] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed_state ORDER BY feed_id").map(Self.feedState(from:))
        }
    }

    public func save(_ state: FeedState) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO feed_state (feed_id, url, final_url, etag, last_modified, body_hash, last_polled_at,
                                            last_status, last_error, consecutive_failures, next_due_at, last_item_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(feed_id) DO UPDATE SET
                        url = excluded.url, final_url = excluded.final_url, etag = excluded.etag,
                        last_modified = excluded.last_modified, body_hash = excluded.body_hash,
                        last_polled_at = excluded.last_polled_at, last_status = excluded.last_status,
                        last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
                        next_due_at = excluded.next_due_at, last_item_count = excluded.last_item_count
                    """,
                arguments: [
                    state.feedID, state.url, state.finalURL, state.etag, state.lastModified, state.bodyHash,
                    state.lastPolledAt.map(Self.timestamp), state.lastStatus, state.lastError,
                    state.consecutiveFailures, state.nextDueAt?.timeIntervalSince1970, state.lastItemCount,
                ])
        }
    }

    public func validators(for url: String) throws -> URLValidators? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT etag, last_modified, body_hash FROM url_validators WHERE url = ?",
                arguments: [URLNormalizer.normalize(url)]
            ).map { URLValidators(etag: $0["etag"], lastModified: $0["last_modified"], bodyHash: $0["body_hash"]) }
        }
    }

    public func saveValidators(_ validators: URLValidators, for url: String, at date: Date) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO url_validators (url, etag, last_modified, body_hash, checked_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                        body_hash = excluded.body_hash, checked_at = excluded.checked_at
                    """,
                arguments: [
                    URLNormalizer.normalize(url), validators.etag, validators.lastModified, validators.bodyHash,
                    Self.timestamp(date),
                ])
        }
    }

    static func feedState(from row: Row) -> FeedState {
        var state = FeedState(feedID: row["feed_id"], url: row["url"])
        state.finalURL = row["final_url"]
        state.etag = row["etag"]
        state.lastModified = row["last_modified"]
        state.bodyHash = row["body_hash"]
        state.lastPolledAt = (row["last_polled_at"] as String?).flatMap {
            DateParser(timeZone: DateParser.china).parse($0)?.date
        }
        state.lastStatus = row["last_status"]
        state.lastError = row["last_error"]
        state.consecutiveFailures = row["consecutive_failures"]
        state.nextDueAt = (row["next_due_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
        state.lastItemCount = row["last_item_count"]
        return state
    }
}
