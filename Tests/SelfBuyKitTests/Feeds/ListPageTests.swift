import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("A notice list read as a page")
struct ListPageTests {
    let url = URL(string: "https://www.fund.example.cn/xxpl/gsgg/index.html")

    func read(_ name: String) throws -> ParsedSource {
        try SourceReader().read(try Fixture.bytes("pages/\(name)"), url: url)
    }

    @Test("a list page is read as one item per row, each with its own title, link and date")
    func rowsAreItems() throws {
        let parsed = try read("notice-list.html")
        #expect(parsed.items.count == 8)
        let older = try #require(parsed.items.first { $0.title?.contains("运用固有资金") == true })
        #expect(older.link == "https://www.fund.example.cn/gg/20250812/a4.html")
        #expect(older.published?.localDay() == "2025-08-12")
        #expect(older.text == "鹏华基金管理有限公司关于运用固有资金2000万元投资旗下权益类基金的公告")
        #expect(parsed.items.first?.published?.localDay() == "2025-08-28")
        #expect(parsed.title == "公司公告_示例基金")
    }

    @Test("a pledge in an older row gets that row's date, not the newest row's")
    func pledgeTakesItsRowsDate() throws {
        let pledges = try TextExtraction().pledges(in: try Fixture.bytes("pages/notice-list.html"), url: url, date: nil)
        #expect(pledges.map(\.amountYuan) == [20_000_000])
        #expect(pledges.map(\.date) == ["2025-08-12"])
    }

    @Test("an article with a dated list of other articles stays one article")
    func articleWithAListStaysAnArticle() throws {
        let parsed = try read("article-with-dated-list.html")
        #expect(parsed.items.count == 1)
        #expect(parsed.items.first?.text == "示例基金今日宣布，将运用固有资金1000万元投资旗下权益类基金。")
    }
}
