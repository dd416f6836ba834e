import Foundation
import Testing

@testable import SelfBuyKit

/// Issue 12, item 1: an element with no end tag must not swallow the text after it.
@Suite("Void and self-closed elements in feed HTML")
struct VoidElementTests {
    static let pledge = "华泰证券资管将运用不超过3200万元自有资金"

    @Test(
        "an unclosed <embed> and self-closed <svg/>, <embed/>, <textarea/>, <object/> keep the text after them",
        arguments: [
            "<p>视频：<embed src=\"v.swf\"></p><p>\(pledge)</p>",
            "<p>图表：<svg/></p><p>\(pledge)</p>",
            "<p>视频：<embed src=\"v.swf\"/></p><p>\(pledge)</p>",
            "<p>输入：<textarea/></p><p>\(pledge)</p>",
            "<p>插件：<object data=\"x.swf\"/></p><p>\(pledge)</p>",
            "<p>插件：<object data=\"x.swf\"><param name=\"a\" value=\"b\"></p><p>\(pledge)</p>",
        ])
    func keepsText(html: String) {
        let text = PlainText.fromHTML(html)
        #expect(text.hasSuffix(Self.pledge))
    }

    @Test("a closed <object>, <svg> or <script> still drops its content")
    func closedElementsDropContent() {
        #expect(PlainText.fromHTML("前<object><param>备用文字</object>后") == "前后")
        #expect(PlainText.fromHTML("前<svg><text>图</text></svg>后") == "前后")
        #expect(PlainText.fromHTML("前<script>var a = 1;</script>后") == "前后")
    }

    @Test("an unclosed <script> swallows the rest, as in a browser")
    func unclosedScript() {
        #expect(PlainText.fromHTML("前<script>var a = 1; 后") == "前")
    }

    @Test("the minimal feed of issue 12 keeps the pledge")
    func minimalFeed() throws {
        let feed = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><item><title>自购</title>
            <description><![CDATA[<p>视频：<embed src="v.swf"></p><p>\(Self.pledge)投资旗下基金。</p>]]></description>
            </item></channel></rss>
            """
        let item = try #require(try SourceReader().read(Array(feed.utf8), url: nil).items.first)
        #expect(item.text == "视频：\n\(Self.pledge)投资旗下基金。")
    }
}
