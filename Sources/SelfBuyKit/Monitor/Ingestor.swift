import Foundation
import SelfBuyDetection

/// What ingesting a batch of items changed.
public struct IngestSummary: Sendable, Equatable {
    public var items = 0
    public var newDocuments = 0
    public var newEventIDs: [String] = []
    public var mergedEventIDs: [String] = []
    /// Events a revised document (a new text from its URL) now reports otherwise.
    public var revisedEventIDs: [String] = []
    /// Events only a revised document reported, which its revision no longer does.
    public var withdrawnEventIDs: [String] = []

    public init() {}

    public mutating func add(_ other: IngestSummary) {
        items += other.items
        newDocuments += other.newDocuments
        newEventIDs += other.newEventIDs
        mergedEventIDs += other.mergedEventIDs
        revisedEventIDs += other.revisedEventIDs
        withdrawnEventIDs += other.withdrawnEventIDs
    }

    /// `, 1 revised, 1 withdrawn` when revised documents changed events, else nothing: for summary lines.
    public var revisionNote: String {
        var note = ""
        if !revisedEventIDs.isEmpty { note += ", \(revisedEventIDs.count) revised" }
        if !withdrawnEventIDs.isEmpty { note += ", \(withdrawnEventIDs.count) withdrawn" }
        return note
    }

    mutating func add(_ outcome: RecordOutcome) {
        if outcome.storedDocument { newDocuments += 1 }
        newEventIDs += outcome.newEventIDs
        mergedEventIDs += outcome.mergedEventIDs
        revisedEventIDs += outcome.revisedEventIDs
        withdrawnEventIDs += outcome.withdrawnEventIDs
    }
}

/// Items → pledges → events. Each item is a document identified by its text (``ContentHash``) and its URL: one
/// already stored (whatever its GUID or title) is skipped before detection, and so is a repeat within the same items;
/// the same text at another URL adds a source, and another text at the same URL revises the document. Detection
/// (``detect(_:sourceURL:feedID:date:fetchedAt:)``) touches no storage, so callers may run it on several cores;
/// recording (``record(_:items:)``) stores documents in order, ``batchSize`` to a transaction.
public struct Ingestor: Sendable {
    public var store: TimelineStore
    public var detector: PledgeDetector
    /// Documents to a write transaction: a batch is stored whole or not at all, and a re-run stores what is missing.
    /// Large, because each commit writes every index page its documents touched, and content hashes touch pages all
    /// over their indexes: the archive of `selfbuy-bench pipeline` (10,000 documents) took 0.66 s to ingest in batches
    /// of 256, 0.52 s in batches of 4,096 and 0.44 s in batches of 8,192.
    public var batchSize = 8192
    private let prefilter: DocumentPrefilter

    public init(store: TimelineStore, detector: PledgeDetector = .standard) {
        self.store = store
        self.detector = detector
        prefilter = DocumentPrefilter(folding: detector.folding)
    }

    /// Records items.
    ///
    /// - Parameters:
    ///   - date: an announcement date that overrides the items' own (`ingest --date`).
    public func ingest(
        _ items: [FeedItem], sourceURL: URL, feedID: String? = nil, date: String? = nil, fetchedAt: Date
    ) throws -> IngestSummary {
        let detected = try detect(items, sourceURL: sourceURL, feedID: feedID, date: date, fetchedAt: fetchedAt)
        return try record(detected, items: items.count)
    }

    /// The documents of `items` that are not stored yet, with what the detector finds in each, in item order. A
    /// document is a text at a URL (the item's link, else `sourceURL`): a text already stored from the same URL is
    /// left out; one stored (or about to be) from another URL is kept without being detected, since recording it
    /// adds its URL as a further source of what its first copy reports.
    ///
    /// - Parameter recordedBefore: told once, in item order, the texts (by content hash) that would be detected,
    ///   answers for each whether it will be recorded before these items; such a text is then not detected again.
    public func detect(
        _ items: [FeedItem], sourceURL: URL, feedID: String? = nil, date: String? = nil, fetchedAt: Date,
        recordedBefore: ([String]) -> [Bool] = { Array(repeating: false, count: $0.count) }
    ) throws -> [DetectedDocument] {
        var identified: [(item: FeedItem, body: String, hash: String, url: String, normalized: String)] = []
        identified.reserveCapacity(items.count)
        /// A text at a URL, seen once in these items.
        struct Seen: Hashable {
            var hash: ContentKey
            var normalized: String

            func hash(into hasher: inout Hasher) {
                // The text's hash sets them apart; a URL rarely holds two texts.
                hasher.combine(hash)
                hasher.combine(normalized.utf8.count)
            }
        }
        var seen: Set<Seen> = []
        // The first text linked from each URL, and the URLs that link to more than one.
        var firstHashAtURL: [String: String] = [:]
        var sharedURLs: Set<String> = []
        for item in items {
            let body = item.text.trimmedWhitespace
            let identity = Self.identity(body: body, title: item.title)
            guard !identity.isEmpty else { continue }
            let hash = ContentHash.ofText(identity)
            let url = item.link ?? sourceURL.absoluteString
            let normalized = URLNormalizer.normalize(url)
            guard seen.insert(Seen(hash: ContentKey(hash), normalized: normalized)).inserted else { continue }
            if item.link != nil {
                if let first = firstHashAtURL[normalized] {
                    if first != hash { sharedURLs.insert(normalized) }
                } else {
                    firstHashAtURL[normalized] = hash
                }
            }
            identified.append((item, body, hash, url, normalized))
        }
        // `--date` dates the document too, so that its near misses fall in that month for review and reports.
        let announced = date.flatMap { DateParser().parse($0) }
        // A short item with its own link stored before its title counted in its identity: known by its body alone.
        let legacy = identified.map { entry -> (String, String) in
            guard entry.item.link != nil, let title = entry.item.title, !title.isEmpty, !entry.body.isEmpty,
                entry.body.utf8.count < Self.shortBodyBytes
            else { return ("", entry.normalized) }
            return (ContentHash.ofText(entry.body), entry.normalized)
        }
        // A link that several of these texts share is not one document's address: none revises another.
        let ownURLs = identified.map { $0.item.link != nil && !sharedURLs.contains($0.normalized) }
        // The URLs a document may revise another at: whether one is current there is looked up too, so that the
        // writer need not (``DetectedDocument/absentWhenRead``).
        let revisable = identified.indices.filter {
            TimelineStore.mayRevise(ownURL: ownURLs[$0], normalizedURL: identified[$0].normalized)
        }
        // All looked up in one read of the timeline.
        let found = try store.presence(
            of: identified.map { ($0.hash, $0.normalized) } + legacy.filter { !$0.0.isEmpty },
            urls: revisable.map { identified[$0].normalized })
        let presence = found.texts[..<identified.count]
        var legacyResults = found.texts[identified.count...].makeIterator()
        let legacyPresence = legacy.map { $0.0.isEmpty ? TimelineStore.TextPresence.absent : legacyResults.next()! }
        var freeURLs = Set<Int>()
        for (index, held) in zip(revisable, found.urls) where !held { freeURLs.insert(index) }
        // The texts to detect: neither stored at their URL nor repeated in these items nor stored elsewhere. Whether a
        // source before this one will record them is asked once for them all (one lock for the pipeline's claims
        // instead of one a document, which the cores waited on for each other).
        var repeated = Set<Int>()
        var asked: [Int] = []
        var detectedHashes: Set<ContentKey> = []
        for (index, entry) in identified.enumerated() where presence[index] != .here && legacyPresence[index] != .here {
            if !detectedHashes.insert(ContentKey(entry.hash)).inserted {
                repeated.insert(index)
            } else if presence[index] != .elsewhere {
                asked.append(index)
            }
        }
        let answers = asked.isEmpty ? [] : recordedBefore(asked.map { identified[$0].hash })
        let recordedEarlier = Set(zip(asked, answers).compactMap { $1 ? $0 : nil })
        var detected: [DetectedDocument] = []
        for (index, entry) in identified.enumerated() where presence[index] != .here {
            let (item, body, hash, url, normalized) = entry
            let ownURL = ownURLs[index]
            let record = DocumentRecord(
                url: url, title: item.title, published: published(item, overriddenBy: announced),
                fetchedAt: fetchedAt, contentHash: hash,
                feedID: feedID, urlIdentifiesDocument: ownURL, normalizedURL: normalized)
            if legacyPresence[index] == .here { continue }
            let text = UnreadText(body: body, title: item.title, documentDate: date ?? item.published?.localDay())
            let known =
                presence[index] == .elsewhere || repeated.contains(index) || recordedEarlier.contains(index)
            var document =
                known ? DetectedDocument(document: record, pledges: [], unread: text) : read(text, of: record)
            if presence[index] == .absent { document.absentWhenRead.insert(.text) }
            if freeURLs.contains(index) { document.absentWhenRead.insert(.url) }
            detected.append(document)
        }
        return detected
    }

    /// What the detector finds in a document: its body's pledges and near misses, else its title's pledges.
    func read(_ text: UnreadText, of record: DocumentRecord) -> DetectedDocument {
        let detection = review(text.body, documentDate: text.documentDate, title: text.title)
        var pledges = detection.pledges
        if pledges.isEmpty, let title = text.title {
            pledges = review(title, documentDate: text.documentDate, title: nil).pledges
        }
        var detected = DetectedDocument(document: record, pledges: pledges, nearMisses: detection.nearMisses)
        detected.pledgeSpans = pledges.map(TimelineStore.spansJSON)
        return detected
    }

    /// The item's publication time, unless an announcement date overrides it with another day.
    private func published(_ item: FeedItem, overriddenBy announced: PublishedDate?) -> PublishedDate? {
        guard let announced else { return item.published }
        return item.published?.localDay() == announced.localDay() ? item.published : announced
    }

    /// Bodies shorter than this (UTF-8 bytes: about 200 Chinese characters) do not identify a document alone: 详见公告,
    /// 见附件, a one-line teaser.
    static let shortBodyBytes = 600

    /// The text that identifies an item: its body; for a short body, its title and body, since such items differ by
    /// their titles (two notices whose body is 详见公告。) and the detector reads the title when the body says nothing.
    static func identity(body: String, title: String?) -> String {
        guard let title, !title.isEmpty else { return body }
        if body.isEmpty { return title }
        return body.utf8.count < shortBodyBytes ? title + "\n" + body : body
    }

    /// The detector's review, skipped for a text the prefilter shows it would find nothing in.
    private func review(_ text: String, documentDate: String?, title: String?) -> Detection {
        guard prefilter.mayContainPledge(text) else { return Detection(pledges: [], nearMisses: []) }
        return detector.review(text, documentDate: documentDate, title: title)
    }

    /// Stores detected documents in order, ``batchSize`` to a transaction.
    ///
    /// - Parameter items: how many items the documents came from, for the summary.
    public func record(_ detected: [DetectedDocument], items: Int) throws -> IngestSummary {
        var summary = IngestSummary()
        summary.items = items
        for outcome in try store(detected) { summary.add(outcome) }
        return summary
    }

    /// Records documents in order, ``batchSize`` to a transaction; a copy left undetected whose first copy a revision
    /// of the same batch replaced is detected then and recorded right after its batch.
    ///
    /// - Returns: one outcome per document, in order.
    public func store(_ detected: [DetectedDocument]) throws -> [RecordOutcome] {
        var outcomes: [RecordOutcome] = []
        outcomes.reserveCapacity(detected.count)
        var start = 0
        while start < detected.count {
            let end = min(start + max(1, batchSize), detected.count)
            let batch = Array(detected[start..<end])
            var recorded = try store.record(batch)
            try recordUnread(batch, outcomes: &recorded)
            outcomes += recorded
            start = end
        }
        return outcomes
    }

    /// After a transaction recorded `documents` with `outcomes`: the copies left undetected whose first copy a revision
    /// in the same transaction replaced (``RecordOutcome/unread``) are detected and recorded in a transaction of their
    /// own, and their outcomes replace the first ones.
    ///
    /// - Parameter run: the ingest run's writer recording them, which notes what it records (``RecordedInRun``).
    func recordUnread(
        _ documents: [DetectedDocument], outcomes: inout [RecordOutcome], run: RecordedInRun? = nil
    ) throws {
        let unread = outcomes.indices.filter { outcomes[$0].unread }
        guard !unread.isEmpty else { return }
        let again = unread.compactMap { index in
            documents[index].unread.map { read($0, of: documents[index].document) }
        }
        for (index, outcome) in zip(unread, try store.record(again, run: run)) { outcomes[index] = outcome }
    }
}
