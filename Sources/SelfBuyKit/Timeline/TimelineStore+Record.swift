import Foundation
import GRDB
import SelfBuyDetection

/// A document about to be recorded.
public struct DocumentRecord: Sendable {
    public var url: String
    public var title: String?
    public var published: PublishedDate?
    public var fetchedAt: Date
    /// ``ContentHash/ofText(_:)`` of the document text.
    public var contentHash: String
    public var feedID: String?

    public init(
        url: String, title: String?, published: PublishedDate?, fetchedAt: Date, contentHash: String,
        feedID: String? = nil
    ) {
        self.url = url
        self.title = title
        self.published = published
        self.fetchedAt = fetchedAt
        self.contentHash = contentHash
        self.feedID = feedID
    }
}

/// What recording a document changed.
public struct RecordOutcome: Sendable, Equatable {
    /// False when a document with the same content hash was already stored (nothing changed).
    public var storedDocument: Bool
    /// Events the document created.
    public var newEventIDs: [String]
    /// Existing events the document reported again.
    public var mergedEventIDs: [String]

    public static let alreadyStored = RecordOutcome(storedDocument: false, newEventIDs: [], mergedEventIDs: [])
}

extension TimelineStore {
    /// Whether a document with this content hash is stored.
    public func hasDocument(contentHash: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE content_hash = ?", arguments: [contentHash])
                ?? false
        }
    }

    /// Records a document, its pledges and its near misses in one transaction: each pledge joins the event it is
    /// another report of, or starts a new one. A document already stored (same content hash) changes nothing.
    public func record(_ document: DocumentRecord, pledges: [Pledge], nearMisses: [NearMiss] = []) throws
        -> RecordOutcome
    {
        try write { db in
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM documents WHERE content_hash = ?", arguments: [document.contentHash]) ?? false
            {
                return .alreadyStored
            }
            try db.execute(
                sql: """
                    INSERT INTO documents (content_hash, url, normalized_url, title, published, fetched_at, feed_id,
                                           pledge_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    document.contentHash, document.url, URLNormalizer.normalize(document.url), document.title,
                    document.published?.iso8601, Self.timestamp(document.fetchedAt), document.feedID, pledges.count,
                ])
            let documentID = db.lastInsertedRowID
            for miss in nearMisses {
                try db.execute(
                    sql: """
                        INSERT INTO near_misses (document_id, reason, issuer, evidence, evidence_start, evidence_end)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        documentID, miss.reason, miss.issuer, miss.evidence.text, miss.evidence.start,
                        miss.evidence.end,
                    ])
            }
            var outcome = RecordOutcome(storedDocument: true, newEventIDs: [], mergedEventIDs: [])
            var touched: Set<String> = []
            for pledge in pledges {
                let candidates = try Self.mergeCandidates(db, for: pledge).filter { !touched.contains($0.id) }
                if let existing = candidates.first(where: { EventMerger.isSameEvent($0, pledge) }) {
                    let updated = EventMerger.merged(existing, with: pledge)
                    try Self.update(db, updated)
                    try Self.insertSource(db, eventID: existing.id, documentID: documentID, pledge: pledge)
                    try Self.refreshSourceSummary(db, eventID: existing.id)
                    touched.insert(existing.id)
                    outcome.mergedEventIDs.append(existing.id)
                } else {
                    let id = try Self.newEventID(db, for: pledge)
                    try Self.insert(db, id: id, pledge: pledge, createdAt: document.fetchedAt)
                    try Self.insertSource(db, eventID: id, documentID: documentID, pledge: pledge)
                    try Self.refreshSourceSummary(db, eventID: id)
                    touched.insert(id)
                    outcome.newEventIDs.append(id)
                }
            }
            return outcome
        }
    }

    /// The issuer's events a pledge may be another report of: undated ones, and those dated within the merge window.
    static func mergeCandidates(_ db: Database, for pledge: Pledge) throws -> [TimelineEvent] {
        guard let date = pledge.date, let day = EventMerger.dayNumber(date) else {
            return try events(db, issuer: pledge.issuer)
        }
        let window = EventMerger.maximumDaysApart
        let (low, high) = (CivilTime.civil(fromDays: day - window), CivilTime.civil(fromDays: day + window))
        let format = { (civil: (Int, Int, Int)) in String(format: "%04d-%02d-%02d", civil.0, civil.1, civil.2) }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT \(eventColumns) FROM events
                WHERE issuer = ? AND (date IS NULL OR date BETWEEN ? AND ?) ORDER BY date, id
                """,
            arguments: [pledge.issuer, format(low), format(high)]
        ).map(event(from:))
    }

    /// A stable id derived from the pledge that started the event.
    static func newEventID(_ db: Database, for pledge: Pledge) throws -> String {
        let key = [
            pledge.issuer, pledge.date ?? "", pledge.amountYuan.map(String.init) ?? "",
            pledge.amountUpperYuan.map(String.init) ?? "", pledge.amountBound?.rawValue ?? "", pledge.fundType.rawValue,
            pledge.holdingPeriod ?? "", pledge.evidence.text,
        ].joined(separator: "|")
        let base = "ev-" + String(ContentHash.hex(ContentHash.sha256(Array(key.utf8))).prefix(12))
        var candidate = base
        var suffix = 2
        while try Bool.fetchOne(db, sql: "SELECT 1 FROM events WHERE id = ?", arguments: [candidate]) ?? false {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    static func insert(_ db: Database, id: String, pledge: Pledge, createdAt: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO events (id, date, month, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound,
                                    currency, holding_period, holding_days, fund_type, status, evidence, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, pledge.date, pledge.date.map { String($0.prefix(7)) }, pledge.issuer, pledge.issuerFull,
                pledge.amountYuan, pledge.amountUpperYuan, pledge.amountBound?.rawValue, pledge.currency,
                pledge.holdingPeriod, pledge.holdingDays, pledge.fundType.rawValue, pledge.status.rawValue,
                pledge.evidence.text, timestamp(createdAt),
            ])
    }

    static func update(_ db: Database, _ event: TimelineEvent) throws {
        try db.execute(
            sql: """
                UPDATE events SET date = ?, month = ?, amount_yuan = ?, amount_upper_yuan = ?, amount_bound = ?,
                                  holding_period = ?, holding_days = ?, fund_type = ?, status = ?
                WHERE id = ?
                """,
            arguments: [
                event.date, event.month, event.amountYuan, event.amountUpperYuan, event.amountBound?.rawValue,
                event.holdingPeriod, event.holdingDays, event.fundType.rawValue, event.status.rawValue, event.id,
            ])
    }

    static func insertSource(_ db: Database, eventID: String, documentID: Int64, pledge: Pledge) throws {
        let spans = JSONValue.object(
            pledge.spans.map { ($0.field.rawValue, .array([.int(Int64($0.start)), .int(Int64($0.end))])) })
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO event_sources (event_id, document_id, evidence, evidence_start, evidence_end,
                                                     issuer_mention, spans)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                eventID, documentID, pledge.evidence.text, pledge.evidence.start, pledge.evidence.end,
                pledge.issuerMention, spans.serialized(),
            ])
    }

    /// Recomputes an event's source count and earliest source from its sources.
    static func refreshSourceSummary(_ db: Database, eventID: String) throws {
        try db.execute(
            sql: """
                UPDATE events SET
                    source_count = (SELECT COUNT(*) FROM event_sources WHERE event_id = :id),
                    first_source_url = (
                        SELECT d.url FROM event_sources s JOIN documents d ON d.id = s.document_id
                        WHERE s.event_id = :id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1),
                    first_source_published = (
                        SELECT d.published FROM event_sources s JOIN documents d ON d.id = s.document_id
                        WHERE s.event_id = :id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1)
                WHERE id = :id
                """,
            arguments: ["id": eventID])
    }

    static func timestamp(_ date: Date) -> String {
        PublishedDate(epochSeconds: Int64(date.timeIntervalSince1970), offsetSeconds: CivilTime.chinaOffset).iso8601
    }
}
