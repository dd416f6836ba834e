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

/// A document with what the detector found in it, ready to be recorded.
public struct DetectedDocument: Sendable {
    public var document: DocumentRecord
    public var pledges: [Pledge]
    public var nearMisses: [NearMiss]

    public init(document: DocumentRecord, pledges: [Pledge], nearMisses: [NearMiss] = []) {
        self.document = document
        self.pledges = pledges
        self.nearMisses = nearMisses
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
        try !storedHashes([contentHash]).isEmpty
    }

    /// The hashes of `hashes` that are stored, looked up in one read.
    public func storedHashes(_ hashes: [String]) throws -> Set<String> {
        guard !hashes.isEmpty else { return [] }
        return try read { db in
            let statement = try db.cachedStatement(sql: RecordSQL.documentExists)
            var stored: Set<String> = []
            for hash in hashes where try Bool.fetchOne(statement, arguments: [hash]) ?? false { stored.insert(hash) }
            return stored
        }
    }

    /// Records a document, its pledges and its near misses in one transaction: each pledge joins the event it is
    /// another report of, or starts a new one. A document already stored (same content hash) changes nothing.
    public func record(_ document: DocumentRecord, pledges: [Pledge], nearMisses: [NearMiss] = []) throws
        -> RecordOutcome
    {
        try record([DetectedDocument(document: document, pledges: pledges, nearMisses: nearMisses)])[0]
    }

    /// Records documents in order in one transaction: the batch is stored whole or not at all, with the same events
    /// as recording them one by one (each document merges with the events of those before it).
    ///
    /// - Returns: one outcome per document, in order.
    public func record(_ batch: [DetectedDocument]) throws -> [RecordOutcome] {
        guard !batch.isEmpty else { return [] }
        return try write { db in try batch.map { try Self.record(db, $0) } }
    }

    static func record(_ db: Database, _ detected: DetectedDocument) throws -> RecordOutcome {
        let document = detected.document
        if try Bool.fetchOne(db.cachedStatement(sql: RecordSQL.documentExists), arguments: [document.contentHash])
            ?? false
        {
            return .alreadyStored
        }
        try db.cachedStatement(sql: RecordSQL.insertDocument).execute(arguments: [
            document.contentHash, document.url, URLNormalizer.normalize(document.url), document.title,
            document.published?.iso8601, timestamp(document.fetchedAt), document.feedID, detected.pledges.count,
        ])
        let documentID = db.lastInsertedRowID
        let insertMiss = try db.cachedStatement(sql: RecordSQL.insertNearMiss)
        for miss in detected.nearMisses {
            try insertMiss.execute(arguments: [
                documentID, miss.reason, miss.issuer, miss.evidence.text, miss.evidence.start, miss.evidence.end,
            ])
        }
        var outcome = RecordOutcome(storedDocument: true, newEventIDs: [], mergedEventIDs: [])
        var touched: Set<String> = []
        for pledge in detected.pledges {
            let candidates = try mergeCandidates(db, for: pledge).filter { !touched.contains($0.id) }
            if let existing = candidates.first(where: { EventMerger.isSameEvent($0, pledge) }) {
                try update(db, EventMerger.merged(existing, with: pledge))
                try insertSource(db, eventID: existing.id, documentID: documentID, pledge: pledge)
                try refreshSourceSummary(db, eventID: existing.id)
                touched.insert(existing.id)
                outcome.mergedEventIDs.append(existing.id)
            } else {
                let id = try newEventID(db, for: pledge)
                try insert(db, id: id, pledge: pledge, createdAt: document.fetchedAt)
                try insertSource(db, eventID: id, documentID: documentID, pledge: pledge)
                try refreshSourceSummary(db, eventID: id)
                touched.insert(id)
                outcome.newEventIDs.append(id)
            }
        }
        return outcome
    }

    /// The issuer's events a pledge may be another report of: undated ones, and those dated within the merge window,
    /// read as two ranges of the issuer index.
    static func mergeCandidates(_ db: Database, for pledge: Pledge) throws -> [TimelineEvent] {
        guard let date = pledge.date, let day = EventMerger.dayNumber(date) else {
            return try events(db, issuer: pledge.issuer)
        }
        let window = EventMerger.maximumDaysApart
        return try TimelineEvent.fetchAll(
            db.cachedStatement(sql: RecordSQL.mergeCandidates),
            arguments: [pledge.issuer, pledge.issuer, isoDay(day - window), isoDay(day + window)])
    }

    /// `YYYY-MM-DD` of a day number.
    static func isoDay(_ days: Int) -> String {
        let (year, month, day) = CivilTime.civil(fromDays: days)
        return CivilTime.padded(year, 4) + "-" + CivilTime.padded(month, 2) + "-" + CivilTime.padded(day, 2)
    }

    /// A stable id derived from the pledge that started the event.
    static func newEventID(_ db: Database, for pledge: Pledge) throws -> String {
        let key = [
            pledge.issuer, pledge.date ?? "", pledge.amountYuan.map(String.init) ?? "",
            pledge.amountUpperYuan.map(String.init) ?? "", pledge.amountBound?.rawValue ?? "", pledge.fundType.rawValue,
            pledge.holdingPeriod ?? "", pledge.evidence.text,
        ].joined(separator: "|")
        let base = "ev-" + String(ContentHash.hex(ContentHash.sha256(Array(key.utf8))).prefix(12))
        let exists = try db.cachedStatement(sql: RecordSQL.eventExists)
        var candidate = base
        var suffix = 2
        while try Bool.fetchOne(exists, arguments: [candidate]) ?? false {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    static func insert(_ db: Database, id: String, pledge: Pledge, createdAt: Date) throws {
        try db.cachedStatement(sql: RecordSQL.insertEvent).execute(arguments: [
            id, pledge.date, pledge.date.map { String($0.prefix(7)) }, pledge.issuer, pledge.issuerFull,
            pledge.amountYuan, pledge.amountUpperYuan, pledge.amountBound?.rawValue, pledge.currency,
            pledge.holdingPeriod, pledge.holdingDays, pledge.fundType.rawValue, pledge.status.rawValue,
            pledge.evidence.text, timestamp(createdAt),
        ])
    }

    static func update(_ db: Database, _ event: TimelineEvent) throws {
        try db.cachedStatement(sql: RecordSQL.updateEvent).execute(arguments: [
            event.date, event.month, event.amountYuan, event.amountUpperYuan, event.amountBound?.rawValue,
            event.holdingPeriod, event.holdingDays, event.fundType.rawValue, event.status.rawValue, event.id,
        ])
    }

    static func insertSource(_ db: Database, eventID: String, documentID: Int64, pledge: Pledge) throws {
        let spans = JSONValue.object(
            pledge.spans.map { ($0.field.rawValue, .array([.int(Int64($0.start)), .int(Int64($0.end))])) })
        try db.cachedStatement(sql: RecordSQL.insertSource).execute(arguments: [
            eventID, documentID, pledge.evidence.text, pledge.evidence.start, pledge.evidence.end,
            pledge.issuerMention, spans.serialized(),
        ])
    }

    /// Recomputes an event's source count and earliest source from its sources.
    static func refreshSourceSummary(_ db: Database, eventID: String) throws {
        try db.cachedStatement(sql: RecordSQL.refreshSourceSummary).execute(arguments: ["id": eventID])
    }

    static func timestamp(_ date: Date) -> String {
        PublishedDate(epochSeconds: Int64(date.timeIntervalSince1970), offsetSeconds: CivilTime.chinaOffset).iso8601
    }
}
