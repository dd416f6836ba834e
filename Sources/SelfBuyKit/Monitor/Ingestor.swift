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
}

/// Items → pledges → events: each item is a document, recorded with its pledges in one transaction; an item whose
/// text is already stored (same content hash, whatever its GUID or title) is skipped before detection.
public struct Ingestor: Sendable {
    public var store: TimelineStore
    public var detector: PledgeDetector

    public init(store: TimelineStore, detector: PledgeDetector = .standard) {
        self.store = store
        self.detector = detector
    }

    /// Records items.
    ///
    /// - Parameters:
    ///   - date: an announcement date that overrides the items' own (`ingest --date`).
    public func ingest(
        _ items: [FeedItem], sourceURL: URL, feedID: String? = nil, date: String? = nil, fetchedAt: Date
    ) throws -> IngestSummary {
        var summary = IngestSummary()
        for item in items {
            summary.items += 1
            let body = item.text.trimmedWhitespace
            let identity = body.isEmpty ? (item.title ?? "") : body
            guard !identity.isEmpty else { continue }
            let hash = ContentHash.ofText(identity)
            if try store.hasDocument(contentHash: hash) { continue }
            let documentDate = date ?? item.published?.localDay()
            let detection = detector.review(body, documentDate: documentDate, title: item.title)
            var pledges = detection.pledges
            if pledges.isEmpty, let title = item.title {
                pledges = detector.detect(title, documentDate: documentDate, title: nil)
            }
            let record = DocumentRecord(
                url: item.link ?? sourceURL.absoluteString, title: item.title, published: item.published,
                fetchedAt: fetchedAt, contentHash: hash, feedID: feedID)
            let outcome = try store.record(record, pledges: pledges, nearMisses: detection.nearMisses)
            if outcome.storedDocument { summary.newDocuments += 1 }
            summary.newEventIDs += outcome.newEventIDs
            summary.mergedEventIDs += outcome.mergedEventIDs
        }
        return summary
    }
}
