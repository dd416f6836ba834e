import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("Choosing and cleaning a page's body")
struct PageBodyTests {
    func item(_ name: String) throws -> FeedItem {
        let parsed = try SourceReader().read(
            try Fixture.bytes("pages/\(name)"), url: URL(string: "https://news.example.cn/a/1.html"))
        return try #require(parsed.items.first)
    }

    func pledges(_ name: String) throws -> [String] {
        try TextExtraction().pledges(in: try Fixture.bytes("pages/\(name)"), url: nil, date: nil)
            .map { "\($0.issuer) \($0.amountYuan.map(String.init) ?? "-")" }
    }

    @Test("post_header on the page wrapper is not a header; commentary, shareholder-… and searchable blocks are kept")
    func wholeTokenHints() throws {
        let text = try item("wrapper-post-header.html").text
        #expect(text.contains("广发基金8月26日公告，公司将以固有资金不低于5000万元认购"))
        #expect(text.contains("点评：在市场低迷阶段"))
        #expect(text.contains("公司股东包括广发证券"))
        #expect(text.contains("近期已有多家公募机构宣布自购"))
        #expect(!text.contains("网友甲"))
        #expect(!text.contains("版权所有"))
    }

    @Test("a reader comment under the article is never read as the article's pledge")
    func commentsAreNotTheArticle() throws {
        #expect(try pledges("wrapper-post-header.html") == ["广发基金 50000000"])
    }

    @Test("hints match whole class tokens or their first part, never a prefix")
    func hintTokens() {
        for token in ["comment", "comment-list", "commentList", "nav_bar", "footer", "related-news", "share"] {
            #expect(Boilerplate.matches(token[...]), "\(token)")
        }
        for token in ["commentary", "shareholder-list", "searchable", "post_header", "article-footer-text", "navigate"]
        {
            #expect(!Boilerplate.matches(token[...]), "\(token)")
        }
    }

    @Test("a one-sentence news flash wins over a longer disclaimer and a recommendation teaser")
    func flashBeatsDisclaimerAndTeaser() throws {
        let text = try item("flash-and-disclaimer.html").text
        #expect(text == "嘉实基金公告，拟运用固有资金2000万元申购旗下偏股混合型基金，持有期不少于1年。")
        #expect(try pledges("flash-and-disclaimer.html") == ["嘉实基金 20000000"])
    }

    @Test("a one-sentence flash wins over a list of headline-and-summary teasers with no heading or name")
    func flashBeatsUnnamedTeasers() throws {
        let text = try item("flash-and-teasers.html").text
        #expect(text.hasPrefix("工银瑞信基金公告，拟以固有资金1500万元申购旗下权益类基金。"))
        #expect(!text.contains("中邮基金") && !text.contains("东方红"))
        #expect(try pledges("flash-and-teasers.html") == ["工银瑞信基金 15000000"])
    }

    @Test(
        "related lists, 热点栏目 link rows, share prompts, editor and keyword lines, 相关阅读 teasers and comments are dropped")
    func boilerplateInsideTheArticle() throws {
        let text = try item("related-inside-article.html").text
        #expect(text.hasPrefix("南方基金自购\n南方基金今日公告，公司拟使用固有资金3000万元"))
        #expect(text.hasSuffix("反映了机构对市场中长期走势的判断。"))
        for planted in ["博时", "兴证全球", "招商", "富国", "汇添富", "鹏华", "分享到", "责任编辑", "关键字", "热点栏目", "相关阅读"] {
            #expect(!text.contains(planted), "\(planted)")
        }
        #expect(try pledges("related-inside-article.html") == ["南方基金 30000000"])
    }
}
