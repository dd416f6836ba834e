import Foundation
import LoopbackServer
import Testing

@testable import SelfBuyKit

@Suite("Polling over HTTP on 127.0.0.1", .serialized)
struct HTTPPollTests {
    let harness: PollHarness

    init() throws { harness = try PollHarness() }

    @Test("200 with an ETag, then If-None-Match and a 304 that parses nothing")
    func etagThen304() async throws {
        let body = PollHarness.rss([PollHarness.pledge])
        let server = try LoopbackServer { request in
            request.headers["if-none-match"] == "\"a\""
                ? .respond(status: 304, headers: [("ETag", "\"a\"")], body: [])
                : .ok(body, headers: [("ETag", "\"a\"")])
        }
        let feed = harness.feed("etag", server.baseURL + "/rss")
        let first = await harness.round().run([feed], all: true)
        #expect(first.first?.summary.newEventIDs.count == 1)
        let second = await harness.round().run([feed], all: true)
        #expect(second.first?.status == 304)
        #expect(second.first?.summary.newDocuments == 0)
        #expect(server.requests.last?.headers["if-none-match"] == "\"a\"")
        #expect(try harness.store.feedState("etag")?.lastStatus == 304)
    }

    @Test("Last-Modified only: If-Modified-Since is sent and a new Last-Modified on the 304 is stored")
    func lastModified() async throws {
        let body = PollHarness.rss([PollHarness.pledge])
        let server = try LoopbackServer { request in
            request.headers["if-modified-since"] != nil
                ? .respond(status: 304, headers: [("Last-Modified", "Wed, 27 Aug 2025 00:00:00 GMT")], body: [])
                : .ok(body, headers: [("Last-Modified", "Tue, 26 Aug 2025 00:00:00 GMT")])
        }
        let feed = harness.feed("lm", server.baseURL + "/rss")
        _ = await harness.round().run([feed], all: true)
        _ = await harness.round().run([feed], all: true)
        #expect(server.requests.last?.headers["if-modified-since"] == "Tue, 26 Aug 2025 00:00:00 GMT")
        #expect(try harness.store.feedState("lm")?.lastModified == "Wed, 27 Aug 2025 00:00:00 GMT")
    }

    @Test("a new ETag on every 200 with an identical body parses nothing the second time")
    func changingETagSameBody() async throws {
        let body = PollHarness.rss([PollHarness.pledge])
        let counter = RequestCounter()
        let server = try LoopbackServer { _ in .ok(body, headers: [("ETag", "\"\(counter.next())\"")]) }
        let feed = harness.feed("etags", server.baseURL + "/rss")
        _ = await harness.round().run([feed], all: true)
        let second = await harness.round().run([feed], all: true)
        #expect(second.first?.skippedUnchanged == true)
        #expect(try harness.store.counts().documents == 1)
    }

    @Test("404, 500 and 403 anti-bot challenges are failures named for what they are")
    func statusFailures() async throws {
        let server = try LoopbackServer { request in
            switch request.path {
            case "/404": return .respond(status: 404, headers: [], body: Array("gone".utf8))
            case "/500": return .respond(status: 500, headers: [], body: [])
            default: return .respond(status: 403, headers: [("cf-mitigated", "challenge")], body: Array("<html>".utf8))
            }
        }
        let results = await harness.round().run(
            ["/404", "/500", "/403"].map { harness.feed(String($0.dropFirst()), server.baseURL + $0) }, all: true)
        #expect(
            results.map(\.error) == [
                "\(server.baseURL)/404 returned HTTP 404", "\(server.baseURL)/500 returned HTTP 500",
                "\(server.baseURL)/403: blocked by anti-bot challenge",
            ])
        #expect(try harness.store.feedState("404")?.consecutiveFailures == 1)
    }

    @Test("503 with Retry-After: 120 puts the next poll at least 120 s away")
    func retryAfter() async throws {
        let server = try LoopbackServer { _ in .respond(status: 503, headers: [("Retry-After", "120")], body: []) }
        let feed = harness.feed("busy", server.baseURL + "/rss", interval: 10)
        let before = Date()
        _ = await harness.round().run([feed], all: true)
        let due = try #require(try harness.store.feedState("busy")?.nextDueAt)
        #expect(due.timeIntervalSince(before) >= 120)
    }

    @Test("a redirect loop stops after five hops with an error naming the loop")
    func redirectLoop() async throws {
        let server = try LoopbackServer { request in
            .respond(status: 302, headers: [("Location", request.path == "/a" ? "/b" : "/a")], body: [])
        }
        let result = try #require(
            await harness.round().run([harness.feed("loop", server.baseURL + "/a")], all: true).first)
        #expect(result.error?.contains("stopped after 5 redirects") == true)
        #expect(result.error?.contains("/a → ") == true)
        #expect(server.requests.count == 6)
    }

    @Test("a 301 moves the feed: the new URL is polled next time and holds the validators")
    func permanentRedirect() async throws {
        let body = PollHarness.rss([PollHarness.pledge])
        let server = try LoopbackServer { request in
            switch request.path {
            case "/old": return .respond(status: 301, headers: [("Location", "/new")], body: [])
            default:
                return request.headers["if-none-match"] == "\"n\""
                    ? .respond(status: 304, headers: [], body: []) : .ok(body, headers: [("ETag", "\"n\"")])
            }
        }
        let feed = harness.feed("moved", server.baseURL + "/old")
        _ = await harness.round().run([feed], all: true)
        #expect(try harness.store.feedState("moved")?.finalURL == server.baseURL + "/new")
        let second = await harness.round().run([feed], all: true)
        #expect(second.first?.status == 304)
        #expect(server.requests.last?.path == "/new")
        #expect(server.requests.filter { $0.path == "/old" }.count == 1)
    }

    @Test("a stalled response fails within the feed's timeout while another feed is stored")
    func slowResponse() async throws {
        let body = PollHarness.rss([PollHarness.pledge])
        let server = try LoopbackServer { request in
            request.path == "/slow" ? .stall(status: 200, headers: [], seconds: 8) : .ok(body)
        }
        let start = Date()
        let results = await harness.round().run(
            [
                harness.feed("slow", server.baseURL + "/slow", timeout: 1),
                harness.feed("fast", server.baseURL + "/fast"),
            ],
            all: true)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(results[0].error?.contains("within 1 s") == true)
        #expect(results[1].summary.newEventIDs.count == 1)
    }

    @Test("a 256 MiB body is cut off at the size cap")
    func hugeBody() async throws {
        let server = try LoopbackServer { _ in .stream(status: 200, headers: [], bytes: 256 * 1024 * 1024) }
        let result = try #require(
            await harness.round(sizeLimit: 10 * 1024 * 1024).run(
                [harness.feed("huge", server.baseURL + "/")], all: true
            ).first)
        #expect(result.error?.contains("larger than 10485760 bytes") == true)
    }

    @Test("a connection reset mid-body fails that feed and the round goes on")
    func connectionReset() async throws {
        let body = PollHarness.rss([PollHarness.pledge])
        let server = try LoopbackServer { request in
            request.path == "/reset"
                ? .reset(status: 200, headers: [], partialBody: Array(body.utf8.prefix(40)), declared: 5000) : .ok(body)
        }
        let results = await harness.round().run(
            [harness.feed("reset", server.baseURL + "/reset"), harness.feed("ok", server.baseURL + "/ok")], all: true)
        #expect(results[0].failed)
        #expect(results[1].summary.newEventIDs.count == 1)
    }

    @Test("random bytes as a feed are a failure of that feed")
    func randomBytes() async throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<2048).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let server = try LoopbackServer { _ in .respond(status: 200, headers: [], body: bytes) }
        let result = try #require(
            await harness.round().run([harness.feed("noise", server.baseURL + "/")], all: true).first)
        #expect(result.error == "binary data, not a feed or page")
    }

    @Test("an HTML page served where RSS was expected is a failure, not an article")
    func htmlInsteadOfFeed() async throws {
        let server = try LoopbackServer { _ in .ok("<html><body><h1>验证</h1></body></html>", contentType: "text/html") }
        let result = try #require(
            await harness.round().run([harness.feed("page", server.baseURL + "/")], all: true).first)
        #expect(result.error == "expected a rss feed, got an HTML page")
    }

    @Test("a GBK feed whose charset is only in the Content-Type header decodes exactly")
    func gbkHeaderOnly() async throws {
        let gbk = try Fixture.bytes("markup/gbk-header-only.xml")
        let server = try LoopbackServer { _ in
            .respond(status: 200, headers: [("Content-Type", "application/rss+xml; charset=GBK")], body: gbk)
        }
        let result = try #require(
            await harness.round().run([harness.feed("gbk", server.baseURL + "/")], all: true).first)
        #expect(result.error == nil)
        let event = try harness.store.event(id: try #require(result.summary.newEventIDs.first))
        #expect(event.issuer == "华泰证券资管")
        #expect(event.sources.first?.title == "华泰证券资管")
    }

    @Test("a fetch cancelled before or during its request returns at once instead of hanging")
    func cancelledFetch() async throws {
        let server = try LoopbackServer { _ in .stall(status: 200, headers: [], seconds: 20) }
        let transport = harness.transport
        let request = FetchRequest(url: URL(string: server.baseURL + "/stall")!, timeout: 15)
        for delay in [0.0, 0.3] {
            let task = Task { try await transport.fetch(request) }
            if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
            let start = Date()
            task.cancel()
            let result = await task.result
            #expect(Date().timeIntervalSince(start) < 3, "after \(delay) s")
            #expect(throws: (any Error).self) { try result.get() }
        }
    }

    @Test("requests carry a User-Agent naming selfbuy and its version")
    func userAgent() async throws {
        let server = try LoopbackServer { _ in .ok(PollHarness.rss([])) }
        _ = await harness.round().run([harness.feed("ua", server.baseURL + "/")], all: true)
        #expect(server.requests.first?.headers["user-agent"]?.hasPrefix("selfbuy/\(SelfBuyVersion.current)") == true)
    }

    @Test("ten feeds on one host: one request at a time, spaced by the host gap")
    func perHostLimit() async throws {
        let server = try LoopbackServer { _ in .ok(PollHarness.rss([])) }
        let feeds = (0..<10).map { harness.feed("h\($0)", server.baseURL + "/\($0)") }
        _ = await harness.round(hostGap: 0.2).run(feeds, all: true)
        let times = server.requests.map(\.receivedAt).sorted()
        #expect(times.count == 10)
        for (earlier, later) in zip(times, times.dropFirst()) { #expect(later.timeIntervalSince(earlier) >= 0.18) }
    }

    @Test("a restarted poller sends conditional requests from the stored validators")
    func restartResumes() async throws {
        let server = try LoopbackServer { request in
            request.headers["if-none-match"] == "\"r\""
                ? .respond(status: 304, headers: [], body: []) : .ok(PollHarness.rss([]), headers: [("ETag", "\"r\"")])
        }
        let feed = harness.feed("restart", server.baseURL + "/")
        _ = await harness.round().run([feed], all: true)
        let reopened = try TimelineStore(path: harness.store.path)
        var round = PollRound(store: reopened, transport: TransportRouter(http: HTTPTransport()))
        round.hostGap = 0
        let results = await round.run([feed], all: true)
        #expect(results.first?.status == 304)
    }

    @Test("a list page's items lead to detail pages; a stored unchanged page is only revalidated")
    func listPageWithDetails() async throws {
        let list = """
            <html><body><ul class="list"><li><a href="./n/1.html">关于运用自有资金投资旗下基金的公告</a><span>2025-08-25</span></li>
            <li><a href="./n/2.html">基金经理变更公告</a><span>2025-08-20</span></li></ul></body></html>
            """
        let detail = """
            <html><body><div class="content"><p>本公司将于近期陆续运用不超过3200万元自有资金投资本公司旗下权益类公募基金，持有期不少于1年。</p>
            <p>华泰证券（上海）资产管理有限公司</p></div></body></html>
            """
        let listVersion = RequestCounter()
        let server = try LoopbackServer { request in
            switch request.path {
            case "/notices/":
                // The list changes between rounds (a new, unrelated notice), so it is parsed again.
                let extra = listVersion.next() == 0 ? "" : "<!-- 新增公告 -->"
                return .ok(list + extra, contentType: "text/html; charset=utf-8")
            default:
                return request.headers["if-none-match"] == "\"d\""
                    ? .respond(status: 304, headers: [], body: [])
                    : .ok(detail, contentType: "text/html; charset=utf-8", headers: [("ETag", "\"d\"")])
            }
        }
        let html = FeedDefinition.HTMLList(
            item: "//ul[@class='list']/li", title: ".//a", link: ".//a/@href", date: ".//span", follow: true,
            content: "//div[@class='content']")
        let feed = harness.feed("list", server.baseURL + "/notices/", kind: .html, html: html, match: "自有资金|固有资金")
        let first = try #require(await harness.round().run([feed], all: true).first)
        #expect(first.error == nil)
        #expect(first.summary.newEventIDs.count == 1)
        let event = try harness.store.event(id: first.summary.newEventIDs[0])
        #expect(event.date == "2025-08-25")
        #expect(event.sources.first?.url == server.baseURL + "/notices/n/1.html")
        #expect(!server.requests.contains { $0.path == "/notices/n/2.html" })
        _ = await harness.round().run([feed], all: true)
        let detailRequests = server.requests.filter { $0.path == "/notices/n/1.html" }
        #expect(detailRequests.count == 2)
        #expect(detailRequests.last?.headers["if-none-match"] == "\"d\"")
    }

    @Test("a list's date-only entry takes the detail page's time of day for the same date")
    func detailTimeRefinesListDate() async throws {
        let list = "<ul class='list'><li><a href='/n/1.html'>关于运用固有资金投资旗下基金的公告</a><span>2025-08-26</span></li></ul>"
        let detail = """
            <html><head><meta name="PubDate" content="2025-08-26 11:05:40"></head><body><div class="content">
            <p>万家基金拟运用固有资金不低于2000万元投资旗下权益类基金，持有期不少于1年。</p></div></body></html>
            """
        let server = try LoopbackServer { request in
            request.path == "/" ? .ok(list, contentType: "text/html") : .ok(detail, contentType: "text/html")
        }
        let html = FeedDefinition.HTMLList(
            item: "//ul[@class='list']/li", title: ".//a", link: ".//a/@href", date: ".//span", follow: true,
            content: nil)
        let result = try #require(
            await harness.round().run([harness.feed("times", server.baseURL + "/", kind: .html, html: html)], all: true)
                .first)
        let event = try harness.store.event(id: try #require(result.summary.newEventIDs.first))
        #expect(event.sources.first?.published == "2025-08-26T11:05:40+08:00")
    }

    @Test("an item selector that matched before and matches nothing now is a probable redesign")
    func selectorMatchesNothing() async throws {
        let flag = RequestCounter()
        let server = try LoopbackServer { _ in
            flag.next() == 0
                ? .ok("<ul class='list'><li><a href='/1'>公告</a></li></ul>", contentType: "text/html")
                : .ok("<div class='new-layout'><a href='/1'>公告</a></div>", contentType: "text/html")
        }
        let html = FeedDefinition.HTMLList(
            item: "//ul[@class='list']/li", title: nil, link: nil, date: nil, follow: false, content: nil)
        let feed = harness.feed("redesign", server.baseURL + "/", kind: .html, html: html)
        _ = await harness.round().run([feed], all: true)
        let second = try #require(await harness.round().run([feed], all: true).first)
        #expect(
            second.error
                == "selector returned 0 items (was 1): probable page redesign, check item XPath //ul[@class='list']/li")
    }
}
