import Foundation
import SelfBuyDetection

/// What ingesting a batch of items changed.
public struct IngestSummary: Sendable, Equatable {
    public var items = 0
    public var newDocuments = 0
    public var newEventIDs: [String] = []
    public var mergedEventIDs: [String] = []

    public init() {}

    public mutating func add(_ other: IngestSummary) {
        items += other.items
        newDocuments += other.newDocuments
        newEventIDs += other.newEventIDs
        mergedEventIDs += other.mergedEventIDs
    }

    mutating func add(_ outcome: RecordOutcome) {
        if outcome.storedDocument { newDocuments += 1 }
        newEventIDs += outcome.newEventIDs
        mergedEventIDs += outcome.mergedEventIDs
    }
}

/// Items → pledges → events. Each item is a document identified by its text (``ContentHash``): one already stored
/// (whatever its GUID or title) is skipped before detection, and so is a repeat within the same items. Detection
/// (``detect(_:sourceURL:feedID:date:fetchedAt:)``) touches no storage, so callers may run it on several cores;
/// recording (``record(_:items:)``) stores documents in order, ``batchSize`` to a transaction.
public struct Ingestor: Sendable {
    public var store: TimelineStore
    public var detector: PledgeDetector
    /// Documents to a write transaction: a batch is stored whole or not at all, and a re-run stores what is missing.
    public static let batchSize = 256
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

    /// The documents of `items` that are not stored yet, with what the detector finds in each, in item order.
    ///
    /// - Parameter recordedBefore: whether a document (by content hash) will be recorded before these items, so
    ///   that recording it here would change nothing: it is left out without being detected.
    public func detect(
        _ items: [FeedItem], sourceURL: URL, feedID: String? = nil, date: String? = nil, fetchedAt: Date,
        recordedBefore: (String) -> Bool = { _ in false }
    ) throws -> [DetectedDocument] {
        var identified: [(item: FeedItem, body: String, hash: String)] = []
        identified.reserveCapacity(items.count)
        var seen: Set<String> = []
        for item in items {
            let body = item.text.trimmedWhitespace
            let identity = body.isEmpty ? (item.title ?? "") : body
            guard !identity.isEmpty else { continue }
            let hash = ContentHash.ofText(identity)
            if seen.insert(hash).inserted { identified.append((item, body, hash)) }
        }
        let stored = try store.storedHashes(identified.map(\.hash))
        return identified.filter { !stored.contains($0.hash) && !recordedBefore($0.hash) }.map { item, body, hash in
            let documentDate = date ?? item.published?.localDay()
            let detection = review(body, documentDate: documentDate, title: item.title)
            var pledges = detection.pledges
            if pledges.isEmpty, let title = item.title {
                pledges = review(title, documentDate: documentDate, title: nil).pledges
            }
            let record = DocumentRecord(
                url: item.link ?? sourceURL.absoluteString, title: item.title, published: item.published,
                fetchedAt: fetchedAt, contentHash: hash, feedID: feedID)
            return DetectedDocument(document: record, pledges: pledges, nearMisses: detection.nearMisses)
        }
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
        var start = 0
        while start < detected.count {
            let end = min(start + Self.batchSize, detected.count)
            for outcome in try store.record(Array(detected[start..<end])) { summary.add(outcome) }
            start = end
        }
        return summary
    }
}
