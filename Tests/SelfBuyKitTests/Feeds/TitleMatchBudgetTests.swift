import Foundation
import Testing

@testable import SelfBuyKit

@Suite("A feed's match pattern runs within a time budget")
struct TitleMatchBudgetTests {
    func feed(match: String) -> FeedDefinition {
        FeedDefinition(
            id: "m", name: "m", url: URL(string: "https://x.cn/")!, kind: .rss, interval: 3600, timeout: 30,
            encoding: nil, timeZone: DateParser.china, match: match, html: nil, origin: "test:1")
    }

    @Test("(a+)+$ against a 60-character title gives up within the budget instead of running for hours")
    func catastrophicBacktracking() {
        let title = String(repeating: "a", count: 59) + "!"
        let start = Date()
        #expect(!feed(match: "(a+)+$").accepts(title: title))
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(TitleMatch.matches("(a+)+$", title) == nil)
    }

    @Test("ordinary patterns still match and refuse as before")
    func ordinary() {
        let feed = feed(match: "自购|固有资金")
        #expect(feed.accepts(title: "关于运用固有资金投资旗下基金的公告"))
        #expect(!feed.accepts(title: "基金经理变更公告"))
        #expect(TitleMatch.matches("^a+$", String(repeating: "a", count: 60)) == true)
    }

    @Test("only the first 500 characters of a title are matched")
    func titleCut() {
        let title = String(repeating: "x", count: TitleMatch.titleLimit) + "自购"
        #expect(!feed(match: "自购").accepts(title: title))
    }
}
