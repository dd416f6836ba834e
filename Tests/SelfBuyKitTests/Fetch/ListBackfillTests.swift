import Foundation
import LoopbackServer
import Testing

@testable import SelfBuyKit

/// `poll --backfill` over an HTML notice list whose older pages are `index_1.html`, `index_2.html`…
@Suite("Backfill of an HTML notice list", .serialized)
struct ListBackfillTests {
    let harness: PollHarness

    init() throws { harness = try PollHarness() }

    /// Three list pages of two notices, newest first from 2025-08-26 back one day per row, then 404. The notice of
    /// 2025-08-22 (page index_2) is a pledge. With `failing`, `index_1.html` answers 503 the first time.
    static func server(failing: RequestCounter? = nil) throws -> LoopbackServer {
        try LoopbackServer { request in
            let path = request.path
            if path.hasPrefix("/notice/") {
                let day = Int(path.dropFirst("/notice/".count).prefix { $0.isNumber }) ?? 0
                let body = day == 22 ? PollHarness.pledge.text : "8月\(day)日，本公司旗下基金分红。"
                return .ok(
                    "<html><body><div class=\"content\"><p>\(body)</p></div></body></html>", contentType: "text/html")
            }
            let page: Int
            switch path {
            case "/list/": page = 0
            case "/list/index_1.html": page = 1
            case "/list/index_2.html": page = 2
            default: return .respond(status: 404, headers: [], body: [])
            }
            if page == 1, let failing, failing.next() == 0 { return .respond(status: 503, headers: [], body: []) }
            let rows = [0, 1].map { index -> String in
                let day = 26 - (page * 2 + index)
                return #"<li><a href="/notice/\#(day).html">公告\#(day)</a><span>2025-08-\#(day)</span></li>"#
            }
            return .ok("<html><body><ul class=\"list\">\(rows.joined())</ul></body></html>", contentType: "text/html")
        }
    }

    func feed(_ base: String) -> FeedDefinition {
        var feed = harness.feed("notices", base + "/list/", kind: .html)
        var list = FeedDefinition.HTMLList(
            item: "//ul[@class='list']/li", title: ".//a", link: ".//a/@href", date: ".//span", follow: true,
            content: "//div[@class='content']")
        list.pageURL = "index_{page}.html"
        feed.html = list
        return feed
    }

    @Test("backfill reads the older list pages until --since, and resumes at the saved page after a failure")
    func backfillResumes() async throws {
        let server = try Self.server(failing: RequestCounter())
        let definition = feed(server.baseURL)
        let first = try #require(await Backfill(round: harness.round(), since: "2025-08-21").run([definition]).first)
        #expect(first.error?.contains("HTTP 503") == true)
        #expect(try harness.store.feedProgress("notices")?.backfillPage == 1)
        let lines = LineLog()
        var backfill = Backfill(round: harness.round(), since: "2025-08-21")
        backfill.onProgress = { lines.append($0) }
        let second = try #require(await backfill.run([definition]).first)
        #expect(second.complete, "\(second.line)")
        #expect(second.summary.newEventIDs.count == 1)
        #expect(lines.lines.first == "notices: resuming backfill since 2025-08-21 at page 1")
        #expect(try harness.store.feedProgress("notices")?.backfillDoneAt != nil)
        #expect(server.requests.contains { $0.path == "/list/index_2.html" })
    }

    @Test("a page past the last one (404) ends the backfill as complete, not as a failure")
    func pastTheLastPage() async throws {
        let server = try Self.server()
        let result = try #require(
            await Backfill(round: harness.round(), since: "2020-01-01").run([feed(server.baseURL)]).first)
        #expect(result.complete && result.error == nil, "\(result.line)")
        #expect(result.pages == 3)
        #expect(server.requests.contains { $0.path == "/list/index_3.html" })
    }

    @Test("page_url and page_start are read from [feed.html] and checked")
    func definitionKeys() throws {
        let good = """
            [[feed]]
            id = "amac"
            url = "https://www.amac.org.cn/xwfb/tzgg/"
            kind = "html"
            [feed.html]
            item = "//li"
            page_url = "index_{page}.html"
            page_start = 1
            """
        let file = URL(fileURLWithPath: "/feeds/a.toml")
        let (feeds, errors) = FeedCatalog.definitions(in: try TOMLParser.parse(good), file: file)
        #expect(errors.isEmpty)
        let list = try #require(feeds.first?.html)
        #expect(
            list.pageURL(2, first: feeds[0].url)?.absoluteString == "https://www.amac.org.cn/xwfb/tzgg/index_2.html")
        let bad = good.replacingOccurrences(of: "index_{page}.html", with: "index.html")
        let (none, problems) = FeedCatalog.definitions(in: try TOMLParser.parse(bad), file: file)
        #expect(none.isEmpty)
        #expect(problems.first?.message.contains("page_url must be a URL with {page}") == true)
    }
}
