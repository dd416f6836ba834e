import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Feed and page reading")
struct FeedReadingTests {
    func read(_ name: String, expecting: SourceKind? = nil) throws -> ParsedSource {
        try SourceReader().read(
            try Fixture.bytes("markup/\(name)"), url: Fixture.url("markup/\(name)"), expecting: expecting)
    }

    @Test("RSS 2.0: content:encoded first, HTML stripped, scripts dropped, links made absolute")
    func rss2() throws {
        let parsed = try read("rss2.xml")
        #expect(parsed.kind == .rss)
        #expect(parsed.items.count == 5)
        let first = parsed.items[0]
        #expect(first.title == "华泰证券资管：拟自购不超过3200万元")
        #expect(first.link == "https://news.example.cn/fund/2025/0826/a1.html")
        #expect(first.published?.iso8601 == "2025-08-26T10:30:00+08:00")
        #expect(first.text.contains("不超过3200万元自有资金"))
        #expect(first.text.hasSuffix("第二段&结尾"))
        #expect(!first.text.contains("track()"))
        #expect(first.text.split(separator: "\n").count == 2)
    }

    @Test("a bare & and HTML entities in RSS keep their text")
    func entitiesAndAmpersands() throws {
        let item = try read("rss2.xml").items[1]
        #expect(item.title == "AT&T 与 基金 — 测试")
        #expect(item.text == "第一段\n第二段 & 完")
        #expect(item.published?.iso8601 == "2025-08-26T00:00:00+08:00")
    }

    @Test("an item with an unparseable date is kept with published = nil")
    func unparseableDateKept() throws {
        let item = try read("rss2.xml").items[2]
        #expect(item.title == "无日期条目")
        #expect(item.published == nil)
    }

    @Test("Atom: html and xhtml text constructs, alternate links, published before updated")
    func atom() throws {
        let parsed = try read("atom.xml")
        #expect(parsed.kind == .atom)
        #expect(parsed.items.map(\.title) == ["万家基金 自购", "只有更新时间", "XHTML 标题"])
        #expect(parsed.items[0].published?.iso8601 == "2025-04-09T09:00:00+08:00")
        #expect(parsed.items[1].link == "https://atom.example.cn/p/2")
        #expect(parsed.items[1].published?.iso8601 == "2025-04-11T01:00:00+00:00")
        #expect(parsed.items[2].text == "段落一\n段落二")
    }

    @Test("RSS 1.0 (RDF) items with dc:date")
    func rdf() throws {
        let parsed = try read("rdf.xml")
        #expect(parsed.kind == .rdf)
        #expect(parsed.items.count == 2)
        #expect(parsed.items[0].published?.iso8601 == "2025-01-20T15:00:00+08:00")
        #expect(parsed.items[0].text == "长城基金拟以固有资金6000万元申购旗下指数基金。")
    }

    @Test("a feed truncated at 70 % returns every complete item and is flagged recovered")
    func truncated() throws {
        let parsed = try read("truncated.xml")
        #expect(parsed.recovered)
        #expect(parsed.items.map(\.title) == (1...6).map { "第\($0)条" })
    }

    @Test("the items before and after a broken one survive")
    func brokenMiddle() throws {
        let parsed = try read("broken-middle.xml")
        #expect(parsed.recovered)
        #expect(parsed.items.first?.title == "前一条")
        #expect(parsed.items.last?.title == "后一条")
    }

    @Test("an external entity stays unexpanded: the file it names never appears")
    func xxe() throws {
        let parsed = try read("xxe.xml")
        #expect(parsed.title == "XXE")
        #expect(parsed.items.count == 1)
        #expect(parsed.items.allSatisfy { $0.title == nil && $0.text.isEmpty })
    }

    @Test("billion laughs is refused within a second")
    func billionLaughs() throws {
        let start = Date()
        #expect(throws: MarkupError.entityDeclarations) { try read("billion-laughs.xml") }
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test("a quadratic blow-up document is refused without expanding anything")
    func quadraticBlowUp() throws {
        let entity = String(repeating: "a", count: 50_000)
        let references = String(repeating: "&e;", count: 50_000)
        let text =
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"\(entity)\">]><rss><channel><item><title>"
            + references + "</title></item></channel></rss>"
        #expect(throws: MarkupError.entityDeclarations) { try SourceReader().read(Array(text.utf8), url: nil) }
    }

    @Test("entity declarations hidden past the prescan are read like the others: nested ones refused")
    func lateEntityDeclarations() throws {
        let padding = "<!-- " + String(repeating: "x", count: 70_000) + " -->"
        let text =
            "<?xml version=\"1.0\"?><!DOCTYPE r [" + padding + "<!ENTITY e \"boom\">]><rss><channel><item>"
            + "<title>&e;</title></item></channel></rss>"
        #expect(try SourceReader().read(Array(text.utf8), url: nil).items.first?.title == "boom")
        let nested = text.replacingOccurrences(of: "\"boom\">", with: "\"boom\"><!ENTITY f \"&e;&e;\">")
            .replacingOccurrences(of: "&e;</title>", with: "&f;</title>")
        #expect(throws: MarkupError.entityDeclarations) { try SourceReader().read(Array(nested.utf8), url: nil) }
    }

    @Test("zero bytes are an empty document")
    func zeroBytes() {
        #expect(throws: MarkupError.empty) { try SourceReader().read([], url: nil) }
    }

    @Test("random bytes are binary data, not a document")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(throws: MarkupError.binary) { try SourceReader().read(bytes, url: nil) }
    }

    @Test("an HTML page where an RSS feed was expected is a typed error")
    func expectedFeedGotHTML() throws {
        let html = Array("<html><body><h1>404 Not Found</h1></body></html>".utf8)
        #expect(throws: SourceError.expectedFeed(.rss)) { try SourceReader().read(html, url: nil, expecting: .rss) }
    }

    @Test("epoch milliseconds (cninfo style) give the right local date")
    func epochMilliseconds() throws {
        #expect(try read("epoch-ms.xml").items.first?.published?.localDay() == "2025-08-26")
    }

    @Test("a page yields one item: heading title, meta date, main text without navigation, footer or script")
    func articlePage() throws {
        let parsed = try read("article.html")
        #expect(parsed.kind == .html)
        let item = try #require(parsed.items.first)
        #expect(item.title == "华泰证券资管拟运用不超过3200万元自有资金自购")
        #expect(item.published?.iso8601 == "2025-08-26T11:05:40+08:00")
        #expect(item.text.contains("不超过3200万元自有资金"))
        #expect(item.text.contains("此举是基于"))
        for noise in ["导航一", "版权所有", "脚本不应出现", "星期四"] { #expect(!item.text.contains(noise)) }
    }

    @Test("relative links resolve by RFC 3986 against <base href>")
    func baseHref() throws {
        let base = URL(string: "https://www.example.gov.cn/zwgk/list/index.html")
        #expect(
            LinkResolver.resolve("./202508/t20250826_123.html", against: base)
                == "https://www.example.gov.cn/zwgk/list/202508/t20250826_123.html")
        #expect(
            LinkResolver.resolve("../../c100028/xxx.shtml", against: base)
                == "https://www.example.gov.cn/c100028/xxx.shtml")
        let parsed = try read("list-relative-links.html")
        #expect(parsed.items.first?.link == "https://www.example.gov.cn/zwgk/list/index.html")
    }

    @Test("a fetched article is identified by the URL it came from, not by a <base href> its whole site shares")
    func fetchedArticleKeepsItsOwnURL() throws {
        let page = """
            <html><head><base href="https://fund.example.cn/"><title>华泰证券资管自购</title></head><body><div class="article">
            <p>华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。</p>
            <p>此举是基于对中国资本市场长期健康发展的信心，公司将坚持长期投资、价值投资的理念。</p></div></body></html>
            """
        let fetched = try readInline(page, url: "https://fund.example.cn/a/20250826/123.html")
        #expect(fetched.items.first?.link == "https://fund.example.cn/a/20250826/123.html")
        let saved = try readInline(page, url: "file:///tmp/saved.html")
        #expect(saved.items.first?.link == "https://fund.example.cn/")
    }

    func readInline(_ xml: String, url: String = "file:///tmp/feed.xml") throws -> ParsedSource {
        try SourceReader().read(Array(xml.utf8), url: URL(string: url))
    }

    @Test("items are found at any depth, in document order, but not in foreign namespaces")
    func itemsAnywhere() throws {
        let parsed = try readInline(
            """
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:x="urn:other"><channel><title> 频道 </title><link>https://site.example.cn/</link>
            <item><title>一</title><link>/a/1.html</link></item>
            <group><item><title>二</title></item></group>
            <x:item><title>外来</title></x:item>
            <item><title>三</title><description>  </description><description>正文</description></item>
            </channel></rss>
            """)
        #expect(parsed.title == "频道")
        #expect(parsed.items.map(\.title) == ["一", "二", "三"])
        #expect(parsed.items[0].link == "https://site.example.cn/a/1.html")
        #expect(parsed.items[2].text == "正文")
    }

    @Test("an RSS 1.0 channel's title and link come from the RSS namespace, items sit beside the channel")
    func rdfChannel() throws {
        let parsed = try readInline(
            """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="https://rdf.example.cn/"><title>RDF 频道</title><link>https://rdf.example.cn/</link></channel>
            <item rdf:about="https://rdf.example.cn/1"><title>条目</title><link>news/1.html</link></item>
            </rdf:RDF>
            """)
        #expect(parsed.kind == .rdf)
        #expect(parsed.title == "RDF 频道")
        #expect(parsed.items.map(\.link) == ["https://rdf.example.cn/news/1.html"])
    }

    @Test("an item's own title is never taken for the channel's, and a channel without a link keeps the file URL")
    func channelTitleOnly() throws {
        let parsed = try readInline(
            """
            <rss><channel><item><title>条目标题</title><link>https://a.example.cn/1</link></item></channel></rss>
            """)
        #expect(parsed.title == nil)
        #expect(parsed.items.first?.link == "https://a.example.cn/1")
    }

    @Test("a control character inside a CDATA description no longer loses the text before it")
    func controlCharacterInCDATA() throws {
        let parsed = try readInline(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>A</title><description>"
                + "<![CDATA[<p>华泰证券资管自购\u{0B}计划，不超过3200万元</p>]]></description></item>"
                + "<item><title>B\u{01}C</title></item></channel></rss>")
        #expect(parsed.items.count == 2)
        #expect(parsed.items[0].text == "华泰证券资管自购 计划，不超过3200万元")
        #expect(parsed.items[1].title == "B C")
        #expect(parsed.recovered == false)
    }
}
