import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("Text-less blocks inside a paragraph")
struct InlineBlockTests {
    func page(_ name: String) throws -> FeedItem {
        let parsed = try SourceReader().read(
            try Fixture.bytes("pages/\(name)"), url: URL(string: "https://news.example.cn/a/1.html"))
        return try #require(parsed.items.first)
    }

    @Test("an ad table with an image inside a paragraph does not cut 不超过3200万元")
    func adTableKeepsTheNumberWhole() throws {
        let text = try page("inline-ad-table.html").text
        #expect(text.contains("公司将运用不超过3200万元自有资金认购旗下权益类基金"))
        #expect(text.contains("合计金额超过5亿元"))
    }

    @Test("the pledge on that page is 32,000,000 yuan, never the 2,000,000 of the cut tail")
    func adTablePledge() throws {
        let detection = try TextExtraction().detection(
            in: try Fixture.bytes("pages/inline-ad-table.html"), url: nil, date: nil)
        #expect(detection.pledges.map(\.amountYuan) == [32_000_000])
    }

    @Test(
        "a text-less block between two lines of a div joins nothing that had its own block",
        arguments: [
            ("<div><p>第一段。</p><div class=\"clear\"></div><p>第二段。</p></div>", "第一段。\n第二段。"),
            ("<div>第一行<br>第二行</div>", "第一行\n第二行"),
            ("<div><p>甲</p>乙</div>", "甲\n乙"),
            ("<div>不超过3<table><tr><td><img src=a.gif></td></tr></table>200万元</div>", "不超过3200万元"),
            ("<div><p>不超过3<table><tr><td>广告</td></tr></table>200万元</p></div>", "不超过3\n广告\n200万元"),
        ])
    func blocks(html: String, expected: String) throws {
        let document = try MarkupDocument(utf8: Array(("<html><body>" + html + "</body></html>").utf8), kind: .html)
        let body = try #require(try document.root?.select("//body").first)
        #expect(PlainText.render(body) == expected)
    }

    @Test(
        "in a feed item's HTML too, an ad table or image box with no text continues the sentence",
        arguments: [
            ("<p>不超过3<table><tr><td><a href=\"/ad\"><img src=\"a.gif\"></a></td></tr></table>200万元</p>", "不超过3200万元"),
            ("<p>合计<div class=\"pic\"><img src=\"c.png\"></div>超过5亿元</p>", "合计超过5亿元"),
            ("<p>不超过3<table><tr><td>广告</td></tr></table>200万元</p>", "不超过3\n广告\n200万元"),
            ("<p>第一段</p><div></div><p>第二段</p>", "第一段\n第二段"),
        ])
    func fragments(html: String, expected: String) {
        #expect(PlainText.fromHTML(html) == expected)
    }

    @Test("a number split by a space is refused, not read as its tail", arguments: ["华宝基金拟运用不超过3 200万元自有资金投资旗下权益类基金。"])
    func spaceCutAmount(text: String) {
        let detection = PledgeDetector().review(text, documentDate: "2025-04-09")
        #expect(!detection.pledges.contains { $0.amountYuan == 2_000_000 })
        #expect(detection.nearMisses.contains { $0.reason.contains("cut") })
    }
}
