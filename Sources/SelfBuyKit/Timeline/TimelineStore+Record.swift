import Foundation
import GRDB
import SelfBuyDetection

/// A document about to be recorded.
public struct DocumentRecord: Sendable {
    public var url: String
    public var title: String?
    public let published: PublishedDate?
    public let fetchedAt: Date
    /// `published` and `fetchedAt` as stored (ISO 8601), written when the record is made: on the core that detects
    /// the document, not on the one writer.
    let publishedText: String?
    let fetchedText: String
    /// ``ContentHash/ofText(_:)`` of the document text.
    public var contentHash: String
    public var feedID: String?
    /// Whether `url` is this document's own address, so that another text read there later is a revision of it
    /// (false for an item without a link of its own, recorded under its feed's URL, and for a link several texts
    /// share).
    public var urlIdentifiesDocument: Bool
    /// ``URLNormalizer/normalize(_:)`` of `url`.
    public var normalizedURL: String

    /// - Parameter normalizedURL: `url` normalised, when the caller has it (normalising parses the URL).
    public init(
        url: String, title: String?, published: PublishedDate?, fetchedAt: Date, contentHash: String,
        feedID: String? = nil, urlIdentifiesDocument: Bool = false, normalizedURL: String? = nil
    ) {
        self.url = url
        self.normalizedURL = normalizedURL ?? URLNormalizer.normalize(url)
        self.title = title
        self.published = published
        self.fetchedAt = fetchedAt
        publishedText = published?.iso8601
        fetchedText = TimelineStore.timestamp(fetchedAt)
        self.contentHash = contentHash
        self.feedID = feedID
        self.urlIdentifiesDocument = urlIdentifiesDocument
    }
}

/// A document with what the detector found in it, ready to be recorded.
public struct DetectedDocument: Sendable {
    public var document: DocumentRecord
    public var pledges: [Pledge]
    public var nearMisses: [NearMiss]
    /// The text of a document left undetected because another URL holds the same text (it is recorded as a copy);
    /// should that copy be gone when it is recorded (a revision replaced it), the text is read after all.
    public var unread: UnreadText?
    /// What the core that detected the document found missing from the timeline when it read it: no current document
    /// with its text, none current at its URL. An ingest run's writer trusts it as long as nothing else can have
    /// recorded them since (``RecordedInRun``); any other caller looks again.
    public var absentWhenRead: Absence = []
    /// Each pledge's spans as stored (JSON), written on the core that detected the document, not on the writer; when
    /// empty, they are written as the pledges are recorded.
    var pledgeSpans: [String] = []

    /// What was missing from the timeline when a document was read.
    public struct Absence: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// No current document held the text.
        public static let text = Absence(rawValue: 1)
        /// No document was current at the URL.
        public static let url = Absence(rawValue: 2)
    }

    public init(document: DocumentRecord, pledges: [Pledge], nearMisses: [NearMiss] = [], unread: UnreadText? = nil) {
        self.document = document
        self.pledges = pledges
        self.nearMisses = nearMisses
        self.unread = unread
    }
}

/// What the detector would read of a document left undetected.
public struct UnreadText: Sendable {
    public var body: String
    public var title: String?
    public var documentDate: String?

    public init(body: String, title: String?, documentDate: String?) {
        self.body = body
        self.title = title
        self.documentDate = documentDate
    }
}

/// What recording a document changed.
public struct RecordOutcome: Sendable, Equatable {
    /// False when the same text was already stored from the same URL (nothing changed).
    public var storedDocument: Bool
    /// Events the document created.
    public var newEventIDs: [String]
    /// Existing events the document reported again (the same text at a further URL reports all of its copy's).
    public var mergedEventIDs: [String] = []
    /// Events of the document this one revises (the same URL, another text) that now read as the revision says.
    public var revisedEventIDs: [String] = []
    /// Events that only the revised document reported and its revision no longer does: deleted.
    public var withdrawnEventIDs: [String] = []
    /// Nothing was stored: the document was left undetected as a copy of a text no current document holds any more,
    /// and must be detected and recorded again (``DetectedDocument/unread``).
    public var unread = false

    public static let alreadyStored = RecordOutcome(storedDocument: false, newEventIDs: [])
    static let unreadCopy = RecordOutcome(storedDocument: false, newEventIDs: [], unread: true)
}

extension TimelineStore {
    /// Records a document, its pledges and its near misses in one transaction: each pledge joins the event it is
    /// another report of, or starts a new one. The same text already stored from the same URL changes nothing.
    public func record(_ document: DocumentRecord, pledges: [Pledge], nearMisses: [NearMiss] = []) throws
        -> RecordOutcome
    {
        try record([DetectedDocument(document: document, pledges: pledges, nearMisses: nearMisses)])[0]
    }

    /// Records documents in order in one transaction: the batch is stored whole or not at all, with the same events
    /// as recording them one by one (each document merges with the events of those before it).
    ///
    /// - Returns: one outcome per document, in order.
    public func record(_ batch: [DetectedDocument]) throws -> [RecordOutcome] { try record(batch, run: nil) }

    /// ``record(_:)``, by an ingest run's writer (`run`): what the documents' readers found absent is trusted.
    func record(_ batch: [DetectedDocument], run: RecordedInRun?) throws -> [RecordOutcome] {
        guard !batch.isEmpty else { return [] }
        var documents = batch
        return try write { db in
            try run?.begin(db)
            return try documents.indices.map { try Self.record(db, &documents[$0], run: run) }
        }
    }

    /// Records one document. The same text already read from the same (normalised) URL changes nothing; the same text
    /// from a further URL is a further source of every event its first copy reports (not detected again); a new text
    /// from a URL that identifies a stored document is a revision of it (``revisedDocument(_:by:)``, ``supersede(_:_:by:)``).
    ///
    /// The document is only read. It is passed `inout` so that it is read where it lies: the writer records documents
    /// other threads made, and a copy (which a borrowed array element still got) touched the reference count of each
    /// of its strings, for about 2 % of an ingest's CPU, on the pipeline's busiest thread.
    ///
    /// - Parameter run: the ingest run's writer recording it, which trusts what the document's reader found absent
    ///   (``DetectedDocument/absentWhenRead``) as long as nothing else can have recorded it since; it must have begun
    ///   the transaction (``RecordedInRun/begin(_:)``).
    static func record(
        _ db: Database, _ detected: inout DetectedDocument, run: RecordedInRun? = nil
    ) throws -> RecordOutcome {
        let hash = detected.document.contentHash
        let normalized = detected.document.normalizedURL
        let newText = run?.isNew(text: hash, absent: detected.absentWhenRead.contains(.text)) ?? false
        let holder =
            newText
            ? nil
            : try BoundStatement(db, sql: RecordSQL.firstHolder).step(ContentKey.storedKey(of: hash), hash) {
                (id: $0.integer(0), pledges: Int($0.integer(1)))
            }
        if holder != nil, try BoundStatement(db, sql: RecordSQL.textAtURL).exists(hash, normalized) {
            return .alreadyStored
        }
        let copy = holder?.id
        // A copy left undetected whose first copy a revision replaced meanwhile: its text must be read after all.
        if copy == nil, case .some = detected.unread { return .unreadCopy }
        let freeURL = run?.isFree(url: normalized, absent: detected.absentWhenRead.contains(.url)) ?? false
        let revised = freeURL ? nil : try revisedDocument(db, by: detected)
        try BoundStatement(db, sql: RecordSQL.insertDocument).execute(
            hash, detected.document.url, normalized, detected.document.title, detected.document.publishedText,
            detected.document.fetchedText, detected.document.feedID, holder?.pledges ?? detected.pledges.count,
            detected.document.urlIdentifiesDocument, ContentKey.storedKey(of: hash))
        let documentID = db.lastInsertedRowID
        run?.recorded(text: hash, url: normalized)
        var outcome = RecordOutcome(storedDocument: true, newEventIDs: [])
        var orphans: [TimelineEvent] = []
        if let revised { orphans = try supersede(db, revised, by: documentID) }
        if let copy {
            outcome.mergedEventIDs = try addSources(db, copying: copy, to: documentID, detected.document)
        } else {
            let insertMiss = try db.cachedStatement(sql: RecordSQL.insertNearMiss)
            for miss in detected.nearMisses {
                try insertMiss.execute(arguments: [
                    documentID, miss.reason, miss.issuer, miss.evidence.text, miss.evidence.start, miss.evidence.end,
                ])
            }
            // Spans written for other pledges than these (a caller changed them since) are written again.
            let spans = detected.pledgeSpans.count == detected.pledges.count ? detected.pledgeSpans : []
            try record(
                db, detected.pledges, spans: spans, of: documentID, detected.document, revising: &orphans, &outcome)
        }
        for orphan in orphans {
            try db.cachedStatement(sql: RecordSQL.deleteEvent).execute(arguments: [orphan.id])
            outcome.withdrawnEventIDs.append(orphan.id)
        }
        return outcome
    }

    /// Records a new document's pledges: each joins the event it is another report of, else rewrites the first event
    /// of the same issuer that only the document it revises reported (`orphans`, the same event first), else starts
    /// one. Orphans left over are withdrawn by the caller.
    private static func record(
        _ db: Database, _ pledges: [Pledge], spans: [String], of documentID: Int64, _ document: DocumentRecord,
        revising orphans: inout [TimelineEvent], _ outcome: inout RecordOutcome
    ) throws {
        var touched: Set<String> = []
        let orphanIDs = Set(orphans.map(\.id))
        for (index, pledge) in pledges.enumerated() {
            let candidates = try mergeCandidates(db, for: pledge).filter {
                !touched.contains($0.id) && !orphanIDs.contains($0.id)
            }
            let id: String
            if let existing = candidates.first(where: { EventMerger.isSameEvent($0, pledge) }) {
                id = existing.id
                try update(db, EventMerger.merged(existing, with: pledge))
                outcome.mergedEventIDs.append(id)
            } else if let index = orphans.firstIndex(where: { EventMerger.isSameEvent($0, pledge) })
                ?? orphans.firstIndex(where: { $0.issuer == pledge.issuer })
            {
                id = orphans.remove(at: index).id
                try rewrite(db, id: id, pledge: pledge)
                outcome.revisedEventIDs.append(id)
            } else {
                id = try newEventID(db, for: pledge)
                try insert(db, id: id, pledge: pledge, createdAt: document.fetchedAt)
                outcome.newEventIDs.append(id)
            }
            let pledgeSpans = index < spans.count ? spans[index] : Self.spansJSON(pledge)
            try insertSource(db, eventID: id, documentID: documentID, pledge: pledge, spans: pledgeSpans)
            if db.changesCount > 0 {
                try sourceAdded(db, eventID: id, count: 1, document: document, evidence: pledge.evidence.text)
            }
            touched.insert(id)
        }
    }

    /// The issuer's events a pledge may be another report of: undated ones, and those dated within the merge window,
    /// read as two ranges of the issuer index.
    static func mergeCandidates(_ db: Database, for pledge: Pledge) throws -> [TimelineEvent] {
        guard let date = pledge.date, let day = EventMerger.dayNumber(date) else {
            return try events(db, issuer: pledge.issuer)
        }
        let window = EventMerger.maximumDaysApart
        return sortedByDateAndID(
            try TimelineEvent.fetchAll(
                db.cachedStatement(sql: RecordSQL.mergeCandidates),
                arguments: [pledge.issuer, pledge.issuer, isoDay(day - window), isoDay(day + window)]))
    }

    /// Events in the order SQLite's `ORDER BY date, id` gives them: undated first, then by date and by id, each
    /// compared byte by byte (the BINARY collation).
    static func sortedByDateAndID(_ events: [TimelineEvent]) -> [TimelineEvent] {
        func precedes(_ left: String, _ right: String) -> Bool { left.utf8.lexicographicallyPrecedes(right.utf8) }
        return events.sorted { left, right in
            switch (left.date, right.date) {
            case (nil, .some): return true
            case (.some, nil): return false
            case let (.some(leftDate), .some(rightDate)) where !leftDate.utf8.elementsEqual(rightDate.utf8):
                return precedes(leftDate, rightDate)
            default: return precedes(left.id, right.id)
            }
        }
    }

    /// `YYYY-MM-DD` of a day number.
    static func isoDay(_ days: Int) -> String {
        let (year, month, day) = CivilTime.civil(fromDays: days)
        return CivilTime(year: year, month: month, day: day).isoDate
    }

    /// A stable id derived from the pledge that started the event.
    static func newEventID(_ db: Database, for pledge: Pledge) throws -> String {
        let key = [
            pledge.issuer, pledge.date ?? "", pledge.amountYuan.map(String.init) ?? "",
            pledge.amountUpperYuan.map(String.init) ?? "", pledge.amountBound?.rawValue ?? "", pledge.fundType.rawValue,
            pledge.holdingPeriod ?? "", pledge.evidence.text,
        ].joined(separator: "|")
        let base = "ev-" + String(ContentHash.hex(ContentHash.sha256(Array(key.utf8))).prefix(12))
        let exists = try BoundStatement(db, sql: RecordSQL.eventExists)
        var candidate = base
        var suffix = 2
        while try exists.exists(candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    static func insert(_ db: Database, id: String, pledge: Pledge, createdAt: Date) throws {
        try BoundStatement(db, sql: RecordSQL.insertEvent).execute(
            id, pledge.date, pledge.date.map { String($0.prefix(7)) }, pledge.issuer, pledge.issuerFull,
            pledge.amountYuan, pledge.amountUpperYuan, pledge.amountBound?.rawValue, pledge.currency,
            pledge.holdingPeriod, pledge.holdingDays, pledge.fundType.rawValue, pledge.status.rawValue,
            pledge.evidence.text, timestamp(createdAt), pledge.issuerKnown)
    }

    static func update(_ db: Database, _ event: TimelineEvent) throws {
        try BoundStatement(db, sql: RecordSQL.updateEvent).execute(
            event.date, event.month, event.amountYuan, event.amountUpperYuan, event.amountBound?.rawValue,
            event.holdingPeriod, event.holdingDays, event.fundType.rawValue, event.status.rawValue, event.id)
    }

    static func rewrite(_ db: Database, id: String, pledge: Pledge) throws {
        try db.cachedStatement(sql: RecordSQL.rewriteEvent).execute(arguments: [
            pledge.date, pledge.date.map { String($0.prefix(7)) }, pledge.issuerFull, pledge.amountYuan,
            pledge.amountUpperYuan, pledge.amountBound?.rawValue, pledge.currency, pledge.holdingPeriod,
            pledge.holdingDays, pledge.fundType.rawValue, pledge.status.rawValue, pledge.evidence.text,
            pledge.issuerKnown, id,
        ])
    }

    /// A pledge's spans as a source stores them: `{"field": [start, end], …}`.
    static func spansJSON(_ pledge: Pledge) -> String {
        JSONValue.object(
            pledge.spans.map { ($0.field.rawValue, .array([.int(Int64($0.start)), .int(Int64($0.end))])) }
        ).serialized()
    }

    static func insertSource(
        _ db: Database, eventID: String, documentID: Int64, pledge: Pledge, spans: String
    ) throws {
        try BoundStatement(db, sql: RecordSQL.insertSource).execute(
            eventID, documentID, pledge.evidence.text, pledge.evidence.start, pledge.evidence.end,
            pledge.issuerMention, spans, pledge.date, pledge.amountYuan, pledge.amountUpperYuan,
            pledge.amountBound?.rawValue, pledge.holdingPeriod, pledge.fundType.rawValue, pledge.status.rawValue)
    }

    /// Counts `count` new sources of an event from `document`, which becomes its first source if published earlier.
    static func sourceAdded(
        _ db: Database, eventID: String, count: Int, document: DocumentRecord, evidence: String
    ) throws {
        try BoundStatement(db, sql: RecordSQL.addToSourceSummary).execute(named: [
            ("added", count), ("url", document.url), ("published", document.publishedText), ("evidence", evidence),
            ("id", eventID),
        ])
    }

    /// Recomputes an event's source count and earliest source from its sources (after sources were taken away).
    static func refreshSourceSummary(_ db: Database, eventID: String) throws {
        try db.cachedStatement(sql: RecordSQL.refreshSourceSummary).execute(arguments: ["id": eventID])
    }

    static func timestamp(_ date: Date) -> String {
        PublishedDate(epochSeconds: Int64(date.timeIntervalSince1970), offsetSeconds: CivilTime.chinaOffset).iso8601
    }
}
