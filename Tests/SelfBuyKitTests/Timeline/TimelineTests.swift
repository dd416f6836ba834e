import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("Timeline store and merging")
struct TimelineTests {
    let directory: TemporaryDirectory
    let store: TimelineStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try TimelineStore(path: directory.path("nested/folder/timeline.sqlite"))
    }

    func item(_ text: String, link: String, published: String, title: String? = nil) -> FeedItem {
        FeedItem(title: title, link: link, published: DateParser().parse(published), text: text)
    }

    func ingest(_ items: [FeedItem]) throws -> IngestSummary {
        try Ingestor(store: store).ingest(items, sourceURL: URL(string: "https://x.example/")!, fetchedAt: Date())
    }

    let notice = "本公司将于近期陆续运用不超过3200万元自有资金投资本公司旗下权益类公募基金，持有期不少于1年。\n华泰证券（上海）资产管理有限公司"
    let news = "8月25日，华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
    let other = "华泰证券资管拟运用自有资金2000万元投资旗下债券型基金，持有期不少于6个月。"

    @Test("the folder of a new database is created")
    func createsFolder() {
        #expect(FileManager.default.fileExists(atPath: directory.path("nested/folder/timeline.sqlite")))
    }

    @Test("the same pledge from a notice and a news report is one event with two sources")
    func mergesAcrossSources() throws {
        let first = try ingest([item(notice, link: "https://htzg.example/n/1.html", published: "2025-08-25 17:30")])
        let second = try ingest([item(news, link: "https://news.example/c/1.html", published: "2025-08-26 08:15")])
        #expect(first.newEventIDs.count == 1)
        #expect(second.newEventIDs.isEmpty)
        #expect(second.mergedEventIDs == first.newEventIDs)
        let event = try store.event(id: first.newEventIDs[0])
        #expect(event.sources.count == 2)
        #expect(event.date == "2025-08-25")
        #expect(event.amountYuan == 32_000_000)
        #expect(event.amountBound == .max)
    }

    @Test("different pledges by the same issuer stay apart")
    func differentPledgesStayApart() throws {
        _ = try ingest([item(news, link: "https://news.example/c/1.html", published: "2025-08-26")])
        _ = try ingest([item(other, link: "https://news.example/c/2.html", published: "2025-08-27")])
        _ = try ingest([item(news + "（重复报道于次年）", link: "https://news.example/c/3.html", published: "2026-08-26")])
        #expect(try store.counts().events == 3)
    }

    @Test("re-ingesting anything adds nothing and event ids do not change")
    func reingestIsIdempotent() throws {
        let items = [
            item(notice, link: "https://htzg.example/n/1.html", published: "2025-08-25"),
            item(news, link: "https://news.example/c/1.html", published: "2025-08-26"),
        ]
        let first = try ingest(items)
        let before = try store.events().map(\.id)
        let again = try ingest(items)
        #expect(again.newDocuments == 0)
        #expect(again.newEventIDs.isEmpty)
        #expect(try store.events().map(\.id) == before)
        #expect(first.newEventIDs == before)
    }

    /// An article's body, long enough to identify it without its title.
    var article: String {
        news + "此举是基于对中国资本市场长期健康稳定发展的坚定信心，公司将坚持长期投资、价值投资、理性投资的理念，"
            + "与广大投资者利益共享、风险共担。业内人士表示，近期多家基金公司以自有资金申购旗下基金，体现了机构对市场的信心，"
            + "也有助于稳定市场预期。数据显示，截至8月底，今年以来已有数十家基金公司宣布自购，自购总额较去年同期明显增加。"
    }

    @Test("an item re-published with a new GUID and a 【更新】 title is no new document and no new event")
    func republishedItem() throws {
        #expect(article.utf8.count >= Ingestor.shortBodyBytes)
        _ = try ingest([item(article, link: "https://news.example/c/1.html", published: "2025-08-26", title: "自购")])
        var republished = item(article, link: "https://news.example/c/1.html?utm_source=rss", published: "2025-08-26")
        republished.title = "【更新】自购"
        republished.guid = "another-guid"
        let summary = try ingest([republished])
        #expect(summary.newDocuments == 0)
        #expect(try store.counts().events == 1)
    }

    @Test("two notices whose short bodies are the same (详见公告。) are two documents, each with its title's pledge")
    func shortBodiesDifferByTitle() throws {
        let summary = try ingest([
            item(
                "详见公告。", link: "https://fund.example/n/1.html", published: "2025-08-26",
                title: "嘉实基金关于运用固有资金5000万元投资旗下权益类基金的公告"),
            item(
                "详见公告。", link: "https://fund.example/n/2.html", published: "2025-08-26",
                title: "南方基金关于运用固有资金3000万元投资旗下权益类基金的公告"),
        ])
        #expect(summary.newDocuments == 2)
        let events = try store.events()
        #expect(events.map(\.issuer).sorted() == ["南方基金", "嘉实基金"])
        #expect(events.allSatisfy { $0.sourceCount == 1 })
    }

    @Test("a teaser item whose title changes at the same link is a revision that keeps its event")
    func shortBodyTitleChangeIsRevision() throws {
        let first = try ingest([item(news, link: "https://news.example/c/1.html", published: "2025-08-26", title: "自购")]
        )
        var republished = item(news, link: "https://news.example/c/1.html", published: "2025-08-26")
        republished.title = "【更新】自购"
        let summary = try ingest([republished])
        #expect(summary.newEventIDs.isEmpty)
        #expect(summary.revisedEventIDs == first.newEventIDs)
        #expect(try store.counts() == (documents: 1, events: 1, sources: 1))
    }

    @Test("whether the issuer is in the directory is kept with the event and shown in its JSON")
    func issuerKnownIsStored() throws {
        _ = try ingest([
            item(news, link: "https://n.example/1", published: "2025-08-26"),
            item("工信瑞银基金拟运用固有资金2000万元投资旗下权益类基金。", link: "https://n.example/2", published: "2025-08-26"),
        ])
        let events = try store.events()
        let known = try #require(events.first { $0.issuer == "华泰证券资管" })
        let unknown = try #require(events.first { $0.issuer == "工信瑞银基金" })
        #expect(known.issuerKnown == true)
        #expect(unknown.issuerKnown == false)
        #expect(EventView(unknown).json().serialized().contains("\"issuer_known\": false"))
    }

    @Test("an item published 2025-08-31 23:30 +08:00 belongs to August")
    func monthBoundaryInChinaTime() throws {
        let late = "华夏基金拟运用固有资金1000万元投资旗下权益类基金。"
        let early = "嘉实基金拟运用固有资金2000万元投资旗下权益类基金。"
        _ = try ingest([
            item(late, link: "https://n.example/1", published: "Sun, 31 Aug 2025 23:30:00 +0800"),
            item(early, link: "https://n.example/2", published: "2025-09-01 03:00"),
        ])
        #expect(try store.events(EventFilter(month: "2025-08")).map(\.issuer) == ["华夏基金"])
        #expect(try store.events(EventFilter(month: "2025-09")).map(\.issuer) == ["嘉实基金"])
    }

    @Test("an item with an unparseable date is stored with its first-seen time and the event takes the text's date")
    func unparseableDateFallsBackToText() throws {
        let undated = FeedItem(
            title: "自购", link: "https://n.example/undated", published: DateParser().parse("昨天下午"),
            text: "2025年8月25日，华泰证券资管公告，将运用不超过3200万元自有资金投资旗下权益类基金。")
        #expect(undated.published == nil)
        let summary = try ingest([undated])
        let event = try store.event(id: try #require(summary.newEventIDs.first))
        #expect(event.date == "2025-08-25")
        #expect(event.sources.first?.published == nil)
        #expect(event.sources.first?.fetchedAt.isEmpty == false)
    }

    @Test("the monthly summary keeps totals apart by bound")
    func summaryByBound() throws {
        _ = try ingest([
            item("华夏基金拟运用固有资金1000万元投资旗下权益类基金。", link: "https://n.example/1", published: "2025-04-08"),
            item("嘉实基金拟运用固有资金不低于2000万元投资旗下ETF。", link: "https://n.example/2", published: "2025-04-09"),
            item("博时基金拟运用固有资金不超过3000万元投资旗下债券型基金。", link: "https://n.example/3", published: "2025-04-10"),
            item("易方达基金拟运用固有资金投资旗下权益类基金，持有期不少于1年。", link: "https://n.example/4", published: "2025-04-10"),
        ])
        let month = try #require(try EventSelection().months(in: store).first)
        #expect(month.month == "2025-04")
        #expect(month.events == 4)
        #expect(month.issuers == 4)
        #expect(month.total(.exact).yuan == 10_000_000)
        #expect(month.total(.atLeast).yuan == 20_000_000)
        #expect(month.total(.atMost).yuan == 30_000_000)
        #expect(month.unknownAmountEvents == 1)
        #expect(month.byFundType == [.equity: 2, .etf: 1, .bond: 1])
    }

    @Test("a database written by a newer selfbuy is refused")
    func newerSchemaRefused() throws {
        let path = directory.path("newer.sqlite")
        _ = try TimelineStore(path: path)
        let raw = try DatabaseHelper.open(path)
        try raw.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        #expect(throws: TimelineError.newerSchema(path: path)) { try TimelineStore(path: path) }
    }

    @Test("reading a missing database says so")
    func missingDatabase() {
        let path = directory.path("absent.sqlite")
        #expect(throws: TimelineError.missing(path: path)) { try TimelineStore(path: path, create: false) }
    }

    @Test("feed state survives a reopen")
    func feedStatePersists() throws {
        var state = FeedState(feedID: "f", url: "https://x.example/rss")
        state.etag = "\"a\""
        state.consecutiveFailures = 3
        state.nextDueAt = Date(timeIntervalSince1970: 1_800_000_000)
        try store.save(state)
        let reopened = try TimelineStore(path: store.path)
        let loaded = try #require(try reopened.feedState("f"))
        #expect(loaded.etag == "\"a\"")
        #expect(loaded.consecutiveFailures == 3)
        #expect(loaded.nextDueAt == state.nextDueAt)
    }

    @Test("many openers of a new database at once all succeed (WAL switch and migrations are serialised)")
    func concurrentOpeners() throws {
        let path = directory.path("raced.sqlite")
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                _ = try TimelineStore(path: path)
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
    }

    @Test("integrity holds after ingesting")
    func integrity() throws {
        _ = try ingest([item(notice, link: "https://htzg.example/n/1.html", published: "2025-08-25")])
        #expect(try store.integrityProblems().isEmpty)
    }
}

/// Errors collected from concurrent work.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []

    func add(_ error: String) { lock.withLock { errors.append(error) } }
    var all: [String] { lock.withLock { errors } }
}
