import Foundation
import LoopbackServer
import Testing

@testable import SelfBuyKit

/// Each definition of `feeds/*.toml` polled against a fixture in its site's real shape (own text, the real structure
/// and field names), served on 127.0.0.1 under the site's host and path.
@Suite("feeds/*.toml read fixtures in their sites' real shapes", .serialized)
struct RealDefinitionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var feed: String
        var routes: [String: String]
        /// Issuers of the events the poll must store.
        var issuers: [String]
        var items: Int
        var testDescription: String { feed }
    }

    /// The PDF notices the fund companies' lists and cninfo link to are served as one real notice made by
    /// scripts/make-pdf-fixtures.py (its text says 本公司…不低于5000万元), so that each definition is shown to reach a
    /// pledge through its PDF: the company is the one the list's title names, the terms are the PDF's.
    static let cases: [Case] = [
        Case(
            feed: "csrc-news",
            routes: ["www.csrc.gov.cn/searchList/a1a078ee0bc54721ab6b148884c784a8": "csrc-searchlist.json"],
            issuers: ["广发基金"], items: 2),
        Case(
            feed: "amac-xhyw",
            routes: [
                "www.amac.org.cn/xwfb/xhyw/index.html": "amac-list.html",
                "www.amac.org.cn/xwfb/xhyw/202508/t20250826_26001.html": "amac-detail.html",
            ], issuers: ["广发基金"], items: 2),
        Case(
            feed: "stcn-fund",
            routes: [
                "www.stcn.com/article/list/fund.html": "stcn-fund.html",
                "www.stcn.com/article/detail/3412345.html": "stcn-detail.html",
            ], issuers: ["广发基金"], items: 2),
        Case(
            feed: "stcn-fund-api", routes: ["www.stcn.com/article/list.html": "stcn-list.json"],
            issuers: ["广发基金"], items: 2),
        Case(
            feed: "eastmoney-724-fund",
            routes: ["np-weblist.eastmoney.com/comm/web/getFastNewsList": "eastmoney-724.json"],
            issuers: ["嘉实基金"], items: 2),
        Case(
            feed: "cninfo-fund",
            routes: [
                "www.cninfo.com.cn/new/hisAnnouncement/query": "cninfo-query.json",
                "static.cninfo.com.cn/finalpage/2025-08-26/1224567890.PDF": "notice.pdf",
            ], issuers: ["华泰柏瑞基金"], items: 2),
        Case(
            feed: "eastmoney-jjgg-510300",
            routes: [
                "api.fund.eastmoney.com/f10/JJGG": "eastmoney-jjgg.jsonp",
                "np-cnotice-fund.eastmoney.com/api/content/ann": "eastmoney-ann.json",
            ], issuers: ["华泰柏瑞基金"], items: 2),
        Case(
            feed: "efunds-contents",
            routes: [
                "api.efunds.com.cn/xcowch/front/contents": "efunds-contents.json",
                "www.efunds.com.cn/owch/data/bulletin/20250826/notice.html": "efunds-notice.html",
            ], issuers: ["易方达基金"], items: 1),
        Case(
            feed: "efunds-notices",
            routes: [
                "www.efunds.com.cn/Html5/lm/xxpl/xxpllsgg/": "efunds-list.html",
                "cdn.efunds.com.cn/owch/data/bulletin/20250826/易方达基金管理有限公司关于运用固有资金投资旗下基金的公告.pdf":
                    "notice.pdf",
            ], issuers: ["易方达基金"], items: 2),
        Case(
            feed: "gtfund-notices",
            routes: [
                "www.gtfund.com/Etrade/Report/companyreport": "gtfund-list.html",
                "st.gtfund.com/report/2025/08/国泰基金管理有限公司关于运用固有资金投资旗下基金的公告.pdf": "notice.pdf",
            ], issuers: ["国泰基金"], items: 2),
        Case(
            feed: "huatai-pb-notices",
            routes: [
                "www.huatai-pb.com/news/information/tempReport/index.html": "huatai-pb-list.html",
                "www.huatai-pb.com/upload/pdf/2025/08/26/a1b2c3.pdf": "notice.pdf",
            ], issuers: ["华泰柏瑞基金"], items: 2),
    ]

    @Test("every definition in feeds/ has a fixture case here, or is the WAF case")
    func everyDefinitionCovered() {
        let covered = Set(Self.cases.map(\.feed) + ["amac-tzgg"])
        #expect(Set(FixtureSites.realFeeds().map(\.id)) == covered)
    }

    @Test("the definition reads its fixture and stores the pledges it reports", arguments: cases)
    func readsFixture(_ test: Case) async throws {
        let harness = try PollHarness()
        let server = try FixtureSites.server(test.routes)
        let feed = try #require(FixtureSites.realFeeds().first { $0.id == test.feed })
        var round = PollRound(store: harness.store, transport: SiteTransport(server: server, http: harness.transport))
        round.hostGap = 0
        let result = try #require(await round.run([feed], all: true).first)
        #expect(result.error == nil, "\(result.line)")
        #expect(result.items == test.items)
        let issuers = try result.summary.newEventIDs.map { try harness.store.event(id: $0).issuer }
        #expect(issuers.sorted() == test.issuers.sorted())
        #expect(try harness.store.counts().documents >= 1)
        #expect(!server.requests.contains { $0.path.contains("no route") })
    }

    @Test("requests carry the definition's method, body, headers and User-Agent")
    func requestShapes() async throws {
        let harness = try PollHarness()
        let routes = Self.cases.reduce(into: [String: String]()) { all, test in all.merge(test.routes) { a, _ in a } }
        let server = try FixtureSites.server(routes)
        var round = PollRound(store: harness.store, transport: SiteTransport(server: server, http: harness.transport))
        round.hostGap = 0
        let feeds = FixtureSites.realFeeds().filter {
            ["cninfo-fund", "efunds-contents", "stcn-fund-api", "eastmoney-jjgg-510300"].contains($0.id)
        }
        _ = await round.run(feeds, all: true)
        let requests = server.requests
        let cninfo = try #require(requests.first { $0.path.hasPrefix("/www.cninfo.com.cn/") })
        #expect(cninfo.method == "POST")
        #expect(cninfo.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true)
        #expect(cninfo.headers["user-agent"]?.hasPrefix("Mozilla/5.0") == true)
        let form = String(decoding: cninfo.body, as: UTF8.self)
        #expect(form.contains("pageNum=1&pageSize=30&column=fund"))
        #expect(form.range(of: "seDate=\\d{4}-\\d{2}-\\d{2}~\\d{4}-\\d{2}-\\d{2}", options: .regularExpression) != nil)
        let efunds = try #require(requests.first { $0.path.hasPrefix("/api.efunds.com.cn/") })
        let body = try #require(try JSONSerialization.jsonObject(with: Data(efunds.body)) as? [String: Any])
        #expect(body["pageIndex"] as? Int == 0)
        #expect(body["catalogAlias"] as? String == "xxplflwj,xxpldqgg,xxpllsgg")
        let stcn = try #require(requests.first { $0.path.hasPrefix("/www.stcn.com/article/list.html") })
        #expect(stcn.headers["x-requested-with"] == "XMLHttpRequest")
        #expect(stcn.path.contains("type=fund&page=1&per-page=20"))
        #expect(stcn.headers["user-agent"]?.hasPrefix("selfbuy/") == true)
        let detail = try #require(requests.first { $0.path.hasPrefix("/np-cnotice-fund.eastmoney.com/") })
        #expect(detail.path.contains("art_code=AN202508261234567890"))
        #expect(detail.headers["referer"] == "https://fundf10.eastmoney.com/")
    }

    @Test("a WAF page served for an AMAC list is a named failure, not an empty success")
    func wafPage() async throws {
        let harness = try PollHarness()
        let server = try FixtureSites.server(["www.amac.org.cn/xwfb/tzgg/index.html": "waf.html"])
        let feed = try #require(FixtureSites.realFeeds().first { $0.id == "amac-tzgg" })
        var round = PollRound(store: harness.store, transport: SiteTransport(server: server, http: harness.transport))
        round.hostGap = 0
        let result = try #require(await round.run([feed], all: true).first)
        #expect(result.error?.contains("selector returned 0 items") == true)
    }
}
