import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

/// An event's row carries its first source's evidence (earliest publication) beside that source's URL, so that CSV
/// and tables, which read rows only, show a sentence with the document it came from.
@Suite("The evidence on an event's row is its first source's")
struct FirstSourceEvidenceTests {
    let directory: TemporaryDirectory
    let store: TimelineStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try TimelineStore(path: directory.path("timeline.sqlite"))
    }

    let later = "8月26日，华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
    let earlier = "本公司将于近期陆续运用不超过3200万元自有资金投资本公司旗下权益类公募基金，持有期不少于1年。\n华泰证券（上海）资产管理有限公司"

    /// The later report stored first, then the earlier notice: the event's first source becomes the notice.
    func ingestLaterThenEarlier() throws -> String {
        let ingestor = Ingestor(store: store)
        let first = try ingestor.ingest(
            [
                FeedItem(
                    title: nil, link: "https://news.example/c/1.html",
                    published: DateParser().parse("2025-08-26 08:15"),
                    text: later)
            ], sourceURL: URL(string: "https://news.example/")!, fetchedAt: Date())
        _ = try ingestor.ingest(
            [
                FeedItem(
                    title: nil, link: "https://htzg.example/n/1.html",
                    published: DateParser().parse("2025-08-25 17:30"),
                    text: earlier)
            ], sourceURL: URL(string: "https://htzg.example/")!, fetchedAt: Date())
        return try #require(first.newEventIDs.first)
    }

    func row(_ id: String) throws -> TimelineEvent {
        var found: TimelineEvent?
        try store.forEachEventSummary { if $0.id == id { found = $0 } }
        return try #require(found)
    }

    @Test("an earlier source merged later replaces the row's evidence and first URL together")
    func earlierSourceWins() throws {
        let id = try ingestLaterThenEarlier()
        let event = try row(id)
        #expect(event.firstSourceURL == "https://htzg.example/n/1.html")
        #expect(event.evidence.hasPrefix("本公司将于近期"), "\(event.evidence)")
    }

    @Test("a timeline written before keeps its rows consistent after the migration")
    func migrationRealignsOldRows() throws {
        let id = try ingestLaterThenEarlier()
        let raw = try DatabaseHelper.open(store.path)
        try raw.execute("UPDATE events SET evidence = 'stale sentence from the later report' WHERE id = '\(id)'")
        try raw.execute("DELETE FROM grdb_migrations WHERE identifier = 'v6-first-source-evidence'")
        let reopened = try TimelineStore(path: store.path)
        var found: TimelineEvent?
        try reopened.forEachEventSummary { if $0.id == id { found = $0 } }
        #expect(try #require(found).evidence.hasPrefix("本公司将于近期"))
    }
}
