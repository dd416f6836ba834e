import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

/// A document is a text at its normalised URL: another text read from the same URL is a revision that replaces the
/// document's pledges (its events follow), and the same text read from a second URL is a further source.
@Suite("Revisions by URL and the same text at a second URL")
struct RevisionTests {
    let directory: TemporaryDirectory
    let store: TimelineStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try TimelineStore(path: directory.path("timeline.sqlite"))
    }

    let notice = "华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
    let corrected = "华泰证券资管公告（更正后），将于近期陆续运用不超过3000万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
    let completed = "华泰证券资管公告，已运用3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
    let unrelated = "华泰证券资管公告，旗下基金经理变更。"
    let jiashi = "嘉实基金公告，公司拟运用固有资金2000万元投资旗下权益类基金，持有期不少于1年。"

    func item(_ text: String, link: String?, published: String = "2025-08-26 08:15") -> FeedItem {
        FeedItem(title: nil, link: link, published: DateParser().parse(published), text: text)
    }

    @discardableResult
    func ingest(_ items: [FeedItem], from source: String = "https://feeds.example/list.xml") throws -> IngestSummary {
        try Ingestor(store: store).ingest(items, sourceURL: URL(string: source)!, fetchedAt: Date())
    }

    func only() throws -> TimelineEvent {
        let events = try store.events()
        try #require(events.count == 1, "\(events)")
        return events[0]
    }

    @Test("an edited notice from the same URL replaces its pledge: one event, same id, the new amount and evidence")
    func editedNoticeRevisesItsEvent() throws {
        let first = try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        let id = try #require(first.newEventIDs.first)
        let second = try ingest([item(corrected, link: "http://www.htzg.example/n/1.html?utm_source=rss")])
        #expect(second.newEventIDs.isEmpty)
        #expect(second.revisedEventIDs == [id])
        let event = try only()
        #expect(event.id == id)
        #expect(event.amountYuan == 30_000_000)
        #expect(event.evidence.contains("3000万元"))
        #expect(event.sources.count == 1)
        #expect(event.sources.first?.evidence.contains("3000万元") == true)
        #expect(try store.counts().sources == 1)
    }

    @Test("a status change in the edited notice follows: planned becomes completed")
    func revisionCarriesStatus() throws {
        try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        try ingest([item(completed, link: "https://htzg.example/n/1.html")])
        #expect(try only().status == .completed)
    }

    @Test("a revision that no longer states a pledge withdraws the event only that document reported")
    func revisionWithoutPledgeWithdrawsEvent() throws {
        let first = try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        let second = try ingest([item(unrelated, link: "https://htzg.example/n/1.html")])
        #expect(second.withdrawnEventIDs == first.newEventIDs)
        #expect(try store.events().isEmpty)
    }

    @Test("an event another outlet also reported keeps that source; the revision's different amount is its own event")
    func otherSourcesKeepTheirEvent() throws {
        let first = try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        try ingest([item("据悉，" + notice, link: "https://news.example/c/9.html")])
        let second = try ingest([item(corrected, link: "https://htzg.example/n/1.html")])
        #expect(second.withdrawnEventIDs.isEmpty)
        let events = try store.events()
        #expect(events.count == 2)
        let kept = try #require(events.first { $0.id == first.newEventIDs.first })
        #expect(kept.amountYuan == 32_000_000)
        #expect(kept.sources.map(\.url) == ["https://news.example/c/9.html"])
        #expect(kept.evidence.hasPrefix("据悉"))
        let revised = try #require(events.first { $0.id != kept.id })
        #expect(revised.amountYuan == 30_000_000)
        #expect(revised.sources.map(\.url) == ["https://htzg.example/n/1.html"])
    }

    @Test("an edit that leaves the pledge as it was keeps one event with both sources")
    func cosmeticEditKeepsSources() throws {
        try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        try ingest([item("据悉，" + notice, link: "https://news.example/c/9.html")])
        try ingest([item(notice + "（来源：公司公告）", link: "https://htzg.example/n/1.html")])
        let event = try only()
        #expect(event.sourceCount == 2)
        #expect(Set(event.sources.map(\.url)) == ["https://htzg.example/n/1.html", "https://news.example/c/9.html"])
    }

    @Test("the text served again after an edit reads as it first did, as one event")
    func revisionBackToTheFirstText() throws {
        let first = try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        try ingest([item(corrected, link: "https://htzg.example/n/1.html")])
        try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        let event = try only()
        #expect(event.id == first.newEventIDs.first)
        #expect(event.amountYuan == 32_000_000)
        #expect(event.sources.count == 1)
    }

    @Test("the same text at a second URL adds that URL as a source and no event")
    func sameTextAtSecondURLAddsSource() throws {
        let first = try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        let second = try ingest([item(notice, link: "https://mirror.example/fund/1.html")])
        #expect(second.newDocuments == 1)
        #expect(second.newEventIDs.isEmpty)
        #expect(second.mergedEventIDs == first.newEventIDs)
        let event = try only()
        #expect(event.sourceCount == 2)
        #expect(
            event.sources.map(\.url).sorted() == [
                "https://htzg.example/n/1.html", "https://mirror.example/fund/1.html",
            ])
        let again = try ingest([
            item(notice, link: "https://htzg.example/n/1.html"),
            item(notice, link: "https://mirror.example/fund/1.html"),
        ])
        #expect(again.newDocuments == 0)
        #expect(try only().sourceCount == 2)
    }

    @Test("the same text at two URLs of one reply gives one event with two sources")
    func sameTextTwiceInOneReply() throws {
        let summary = try ingest([
            item(notice, link: "https://htzg.example/n/1.html"), item(notice, link: "https://m.htzg.example/n/1.html"),
        ])
        #expect(summary.newDocuments == 2)
        #expect(summary.newEventIDs.count == 1)
        #expect(try only().sourceCount == 2)
    }

    @Test("items without links of their own, read under their feed's URL, never revise one another")
    func itemsWithoutLinksAreNotRevisions() throws {
        try ingest([item(notice, link: nil)])
        try ingest([item(jiashi, link: nil)])
        #expect(try store.events().map(\.issuer).sorted() == ["华泰证券资管", "嘉实基金"])
    }

    @Test("a link that several texts of one reply share identifies none of them; a site's root page never does")
    func sharedLinksAreNotRevisions() throws {
        try ingest([
            item(notice, link: "https://portal.example/news"), item(jiashi, link: "https://portal.example/news"),
        ])
        try ingest([
            item(corrected, link: "https://portal.example/news"), item(unrelated, link: "https://portal.example/news"),
        ])
        #expect(try store.events().count == 3)
        try ingest([item(jiashi, link: "https://root.example/")])
        try ingest([item(notice, link: "https://root.example")])
        #expect(try store.events().count == 3)
        #expect(try store.events().flatMap(\.sources).count == 5)
    }

    @Test("the revised document's near misses are replaced by the revision's")
    func nearMissesFollowTheRevision() throws {
        let miss = "华泰证券资管旗下基金获得员工自购。"
        try ingest([item(miss, link: "https://htzg.example/n/2.html")])
        let before = try store.nearMisses().count
        try ingest([item(notice, link: "https://htzg.example/n/2.html")])
        #expect(before >= 1)
        #expect(try store.nearMisses().isEmpty)
        #expect(try store.events().count == 1)
    }

    @Test("a timeline from before revisions keeps its documents, and revises them afterwards")
    func migrationKeepsDocuments() throws {
        let first = try ingest([item(notice, link: "https://htzg.example/n/1.html")])
        let raw = try DatabaseHelper.open(store.path)
        try raw.executeWithoutForeignKeys(
            """
            CREATE TABLE documents_v6 (
                id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, url TEXT NOT NULL,
                normalized_url TEXT NOT NULL, title TEXT, published TEXT, fetched_at TEXT NOT NULL, feed_id TEXT,
                pledge_count INTEGER NOT NULL DEFAULT 0 CHECK (pledge_count >= 0));
            INSERT INTO documents_v6 SELECT id, content_hash, url, normalized_url, title, published, fetched_at,
                feed_id, pledge_count FROM documents;
            DROP TABLE documents;
            ALTER TABLE documents_v6 RENAME TO documents;
            CREATE INDEX documents_by_url ON documents(normalized_url);
            DELETE FROM grdb_migrations WHERE identifier IN ('v7-document-revisions', 'v10-text-keys');
            """)
        let reopened = try TimelineStore(path: store.path)
        #expect(try reopened.counts() == (documents: 1, events: 1, sources: 1))
        let second = try Ingestor(store: reopened).ingest(
            [item(corrected, link: "https://htzg.example/n/1.html")], sourceURL: URL(string: "https://x.example/")!,
            fetchedAt: Date())
        #expect(second.revisedEventIDs == first.newEventIDs)
        #expect(try reopened.events().first?.amountYuan == 30_000_000)
    }
}
