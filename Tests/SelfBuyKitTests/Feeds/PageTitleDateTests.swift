import Foundation
import Testing

@testable import SelfBuyKit

@Suite("A page's title and date")
struct PageTitleDateTests {
    func item(_ name: String) throws -> FeedItem {
        let parsed = try SourceReader().read(
            try Fixture.bytes("pages/\(name)"), url: URL(string: "https://finance.example.cn/a/1.html"))
        return try #require(parsed.items.first)
    }

    @Test("a logo <h1> and a channel heading are skipped: the heading that <title> starts with is the title")
    func logoHeadingSkipped() throws {
        #expect(try item("portal-title-date.html").title == "银华基金运用固有资金自购旗下基金")
    }

    @Test("a time in a plain <td> between the title and the body beats a day-only <meta> on the same day")
    func visibleTimeBeatsDayOnlyMeta() throws {
        #expect(try item("portal-title-date.html").published?.iso8601 == "2025-08-26T14:35:00+08:00")
    }

    @Test("with only a site-name heading, <title> is the title without its channel and site suffixes")
    func siteSuffixStripped() throws {
        let page = try item("title-suffix-only.html")
        #expect(page.title == "中欧基金拟自购1亿元")
        #expect(page.published?.iso8601 == "2025-08-27T09:12:05+08:00")
    }

    @Test("the date under a headline held in a <div> beats the page's clock above it")
    func headlineInDiv() throws {
        let page = try item("headline-in-div.html")
        #expect(page.title == "建信基金自购3000万元")
        #expect(page.published?.iso8601 == "2025-08-27T15:40:02+08:00")
    }

    @Test(
        "site suffixes are cut only when they name a site or channel",
        arguments: [
            ("银华基金自购_示例财经网", "银华基金自购"), ("银华基金自购 - 基金频道 - 示例证券网", "银华基金自购"),
            ("沪深300指数-增强型基金的自购", "沪深300指数-增强型基金的自购"), ("银华基金自购|财经", "银华基金自购|财经"),
        ])
    func suffixes(title: String, expected: String) {
        #expect(PageReader.strippingSite(title, []) == expected)
    }
}
