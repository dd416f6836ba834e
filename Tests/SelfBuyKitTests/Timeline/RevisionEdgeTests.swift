import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

/// Revisions and copies where the order of documents, shared links and older timelines could lose or misattribute a
/// pledge.
@Suite("Revisions and copies: order, shared links, older timelines")
struct RevisionEdgeTests {
    let directory: TemporaryDirectory
    let store: TimelineStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try TimelineStore(path: directory.path("timeline.sqlite"))
    }

    let yifangda = "易方达基金公告，公司将于2025年3月10日以固有资金1亿元申购旗下易方达沪深300ETF，并持有不少于1年。"
    let yifangdaDouble = "易方达基金公告，公司将于2025年3月10日以固有资金2亿元申购旗下易方达沪深300ETF，并持有不少于1年。"
    let feeNotice = "易方达基金公告，公司将于2025年3月10日起调整旗下易方达沪深300ETF的申购费率。"
    let guangfa = "广发基金公告，公司拟运用固有资金5000万元申购旗下权益类基金，持有期不少于1年。"

    func item(_ text: String, _ link: String?, title: String? = "公告") -> FeedItem {
        FeedItem(title: title, link: link, published: DateParser().parse("2025-03-10 18:00"), text: text)
    }

    @discardableResult
    func ingest(_ items: [FeedItem]) throws -> IngestSummary {
        try Ingestor(store: store).ingest(
            items, sourceURL: URL(string: "https://feeds.example/a.xml")!, fetchedAt: Date())
    }

    @Test("a copy recorded after a revision replaced its first copy keeps the pledge, in one reply")
    func copyAfterRevisionInOneReply() throws {
        try ingest([item(yifangda, "https://news.a.com/1.html")])
        let summary = try ingest([
            item(feeNotice, "https://news.a.com/1.html"), item(yifangda, "https://mirror.b.com/x.html"),
        ])
        let events = try store.events()
        #expect(events.count == 1, "\(summary)")
        #expect(events.first?.sources.map(\.url) == ["https://mirror.b.com/x.html"])
        #expect(events.first?.amountYuan == 100_000_000)
    }

    @Test("the same in the parallel pipeline, where the copy's text was claimed by a source before the revision")
    func copyAfterRevisionInPipeline() async throws {
        let sources = [
            [item(yifangda, "https://news.a.com/1.html")], [item(feeNotice, "https://news.a.com/1.html")],
            [item(yifangda, "https://mirror.b.com/x.html")],
        ]
        let pipeline = IngestPipeline(ingestor: Ingestor(store: store), width: 3)
        try await pipeline.run(
            Array(sources.indices),
            read: { index -> Result<ReadSource, MarkupError> in
                .success(
                    ReadSource(
                        items: sources[index], sourceURL: URL(string: "https://feeds.example/\(index)")!, bytes: 0))
            },
            recorded: { _, _ in })
        let events = try store.events()
        #expect(events.count == 1)
        #expect(events.first?.sources.map(\.url) == ["https://mirror.b.com/x.html"])
    }

    @Test(
        "a link two texts of one reply shared revises nothing later, and a page showing another company's story neither"
    )
    func sharedLinkAcrossReplies() throws {
        try ingest([item(yifangda, "https://s.com/p.html"), item(guangfa, "https://s.com/p.html")])
        let later = try ingest([item(feeNotice, "https://s.com/p.html")])
        #expect(later.withdrawnEventIDs.isEmpty)
        #expect(try store.events().map(\.issuer).sorted() == ["广发基金", "易方达基金"])
        try ingest([item(yifangda, "https://www.fundx.com/news/list.html", title: "易方达自购")])
        let other = try ingest([item(guangfa, "https://www.fundx.com/news/list.html", title: "广发自购")])
        #expect(other.withdrawnEventIDs.isEmpty && other.revisedEventIDs.isEmpty)
        #expect(try store.events().count == 2)
        #expect(try store.events().first { $0.issuer == "易方达基金" }?.sourceCount == 2)
    }

    @Test("a revision whose pledge another event already reports joins that event instead of duplicating it")
    func revisionJoinsExistingEvent() throws {
        try ingest([item(yifangda, "https://x.com/1.html")])
        try ingest([item(yifangdaDouble, "https://y.com/1.html")])
        #expect(try store.events().count == 2)
        let corrected = try ingest([item(yifangda + "（更正）", "https://y.com/1.html")])
        #expect(corrected.withdrawnEventIDs.count == 1)
        let events = try store.events()
        #expect(events.count == 1)
        #expect(events.first?.sources.map(\.url).sorted() == ["https://x.com/1.html", "https://y.com/1.html"])
    }

    @Test("a short item stored before titles counted in its identity is known by its body at its link")
    func legacyShortItemIsStillKnown() throws {
        let link = "https://fund.example/n/1.html"
        let pledges = PledgeDetector.standard.detect(guangfa, documentDate: "2025-03-10")
        let legacy = DocumentRecord(
            url: link, title: "广发自购", published: nil, fetchedAt: Date(), contentHash: ContentHash.ofText(guangfa),
            urlIdentifiesDocument: true)
        _ = try store.record(legacy, pledges: pledges)
        let again = try ingest([item(guangfa, link, title: "广发自购")])
        #expect(again.newDocuments == 0 && again.revisedEventIDs.isEmpty)
        #expect(try store.counts() == (documents: 1, events: 1, sources: 1))
    }

    @Test("an event that keeps other sources after a revision holds only the values they report")
    func valuesFollowRemainingSources() throws {
        let noPeriod = "易方达基金公告，公司将于2025年3月10日以固有资金1亿元申购旗下易方达沪深300ETF。"
        try ingest([item(noPeriod, "https://x.com/1.html")])
        try ingest([item(yifangda, "https://y.com/1.html")])
        let merged = try #require(try store.events().first)
        #expect(merged.holdingPeriod == "P1Y" && merged.sourceCount == 2)
        try ingest([item(feeNotice, "https://y.com/1.html")])
        let kept = try #require(try store.events().first)
        #expect(kept.id == merged.id)
        #expect(kept.holdingPeriod == nil)
        #expect(kept.sources.map(\.url) == ["https://x.com/1.html"])
    }
}
