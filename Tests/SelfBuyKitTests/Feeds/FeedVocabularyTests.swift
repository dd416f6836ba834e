import Foundation
import Testing

@testable import SelfBuyKit

/// Issue 12, items 3, 4, 6 and 7: Atom text constructs, elements matched by namespace, Atom links, feed formats.
@Suite("Feed formats and vocabularies")
struct FeedVocabularyTests {
    func items(_ feed: String) throws -> [FeedItem] {
        try SourceReader().read(Array(feed.utf8), url: nil).items
    }

    func atom(_ entry: String) throws -> FeedItem {
        try #require(try items("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>\(entry)</entry></feed>").first)
    }

    @Test(
        "an Atom type=\"text\" title is text, never rendered as HTML a second time",
        arguments: [
            ("<title type=\"text\">History of the &lt;blink&gt; tag</title>", "History of the <blink> tag"),
            ("<title>Q&amp;amp;A</title>", "Q&amp;A"),
            ("<title type=\"html\">Q&amp;amp;A</title>", "Q&A"),
            ("<title type=\"html\">&lt;b&gt;自购&lt;/b&gt;公告</title>", "自购公告"),
            ("<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><b>自购</b>公告</div></title>", "自购公告"),
        ])
    func atomText(entry: String, title: String) throws {
        #expect(try atom(entry).title == title)
    }

    @Test("an RSS title is read as HTML only when it looks like HTML")
    func rssTitle() throws {
        let feed = """
            <rss version="2.0"><channel>
            <item><title>History of the &lt;blink&gt; tag</title></item>
            <item><title>&lt;font color=red&gt;自购&lt;/font&gt;公告</title></item>
            </channel></rss>
            """
        #expect(try items(feed).map(\.title) == ["History of the <blink> tag", "自购公告"])
    }

    @Test("media:title, itunes:link and szf:description before the real elements never win")
    func extensionsDoNotWin() throws {
        let feed = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
                xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:szf="http://szf.example.cn/ns">
            <channel><item>
            <media:title>视频标题</media:title><itunes:link>https://cdn.example.cn/v.mp3</itunes:link>
            <szf:description>推荐阅读</szf:description>
            <title>华泰证券资管自购</title><link>https://news.example.cn/a.html</link>
            <description>将运用不超过3200万元自有资金</description>
            </item></channel></rss>
            """
        let item = try #require(try items(feed).first)
        #expect(item.title == "华泰证券资管自购")
        #expect(item.link == "https://news.example.cn/a.html")
        #expect(item.text == "将运用不超过3200万元自有资金")
    }

    @Test("dc:title and dc:date stand in when an RDF item has no title or date of its own")
    func dublinCore() throws {
        let feed = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                xmlns:dc="http://purl.org/dc/elements/1.1/">
            <item rdf:about="https://news.example.cn/1.html"><dc:title>自购</dc:title>
            <dc:date>2025-08-26T10:30:00+08:00</dc:date></item></rdf:RDF>
            """
        let item = try #require(try items(feed).first)
        #expect(item.title == "自购")
        #expect(item.published?.iso8601 == "2025-08-26T10:30:00+08:00")
    }

    @Test("an Atom entry with no alternate link takes no license, enclosure or related link")
    func atomLinks() throws {
        let noAlternate = try atom(
            """
            <link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>
            <link rel="enclosure" type="audio/mpeg" href="https://cdn.example.cn/a.mp3"/>
            <link rel="related" href="https://news.example.cn/other.html"/>
            """)
        #expect(noAlternate.link == nil)
        let alternate = try atom(
            """
            <link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>
            <link rel="alternate" type="text/html" href="https://news.example.cn/a.html"/>
            """)
        #expect(alternate.link == "https://news.example.cn/a.html")
        #expect(try atom("<id>https://news.example.cn/id.html</id>").link == "https://news.example.cn/id.html")
        #expect(try atom("<id>tag:example.cn,2025:1</id>").link == nil)
    }

    @Test(
        "Atom 0.3, RSS 0.90, the UserLand namespace and namespace-less <feed> and <rdf:RDF> are read",
        arguments: [
            """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>自购</title>
            <link rel="alternate" type="text/html" href="https://a.example.cn/1"/><issued>2025-08-26T10:30:00Z</issued>
            <content type="text/html" mode="escaped">&lt;p&gt;正文&lt;/p&gt;</content></entry></feed>
            """,
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>频道</title></channel>
            <item><title>自购</title><link>https://a.example.cn/1</link><description>正文</description></item></rdf:RDF>
            """,
            """
            <rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><item><title>自购</title>
            <link>https://a.example.cn/1</link><description>正文</description></item></channel></rss>
            """,
            """
            <feed><entry><title>自购</title><link href="https://a.example.cn/1"/><summary>正文</summary></entry></feed>
            """,
            """
            <rdf:RDF><item><title>自购</title><link>https://a.example.cn/1</link><description>正文</description></item>
            </rdf:RDF>
            """,
        ])
    func formats(feed: String) throws {
        let item = try #require(try items(feed).first)
        #expect(item.title == "自购")
        #expect(item.link == "https://a.example.cn/1")
        #expect(item.text == "正文")
    }

    @Test("an Atom 0.3 base64 entry and a base64 Atom 1.0 title are decoded")
    func base64() throws {
        #expect(try atom("<title type=\"application/octet-stream\">6Ieq6LSt</title>").title == "自购")
    }

    @Test("an XML document of no known format is a named error, not 0 items")
    func unknownFormat() throws {
        let catalog = "<?xml version=\"1.0\"?><catalog><fund code=\"510300\">沪深300ETF</fund></catalog>"
        #expect(throws: FeedFormatError.unknownFormat(root: "catalog", namespace: nil)) { try items(catalog) }
        let foreign = "<?xml version=\"1.0\"?><feed xmlns=\"http://example.com/not-atom\"><entry/></feed>"
        #expect(throws: FeedFormatError.self) { try items(foreign) }
        let xhtml = "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>页面</p></body></html>"
        #expect(try SourceReader().read(Array(xhtml.utf8), url: nil).kind == .html)
    }
}
