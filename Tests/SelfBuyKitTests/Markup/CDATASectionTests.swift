import Foundation
import Testing

@testable import SelfBuyKit

/// CDATA sections cut out before libxml2 parses a feed must read exactly as libxml2 would have read them.
@Suite("CDATA sections read raw")
struct CDATASectionTests {
    /// Items of a feed parsed both ways: with its sections cut out, and whole by libxml2.
    func bothWays(_ text: [UInt8]) throws -> (cut: [FeedItem], whole: [FeedItem], wasCut: Bool) {
        let repaired = XMLRepair.repair(text)
        let cut = CDATASections.extract(repaired)
        func items(_ document: MarkupDocument) throws -> [FeedItem] {
            guard let root = document.root, let kind = FeedParser.kind(ofRoot: root) else { return [] }
            let closed = document.recovered ? FeedParser.closedItemCount(repaired, kind: kind) : nil
            return try FeedParser.items(of: document, kind: kind, dates: DateParser(), closedItems: closed).items
        }
        let whole = try items(MarkupDocument(utf8: repaired, kind: .xml))
        let withCut = try items(MarkupDocument(utf8: cut?.document ?? repaired, cdata: cut?.sections, url: nil))
        return (withCut, whole, cut != nil)
    }

    static let body = String(repeating: "华泰证券资管运用不超过3200万元自有资金，", count: 4)

    @Test(
        "cut-out sections read the same as libxml2's: HTML, line breaks, \"]]\" inside, comments, attributes",
        arguments: [
            "<rss><channel><item><title><![CDATA[短]]></title><description><![CDATA[<p>\(body)</p><p>第二段 & 结尾</p>]]></description></item></channel></rss>",
            "<rss><channel><item><description>前 <![CDATA[\(body)]] 不是结尾 ]>]]> 后</description></item></channel></rss>",
            "<rss><channel><item><description><![CDATA[\(body)\r\n第二行\r第三行\n]]></description></item></channel></rss>",
            "<rss><channel><!-- <![CDATA[\(body)]]> --><item><title a=\"<![CDATA[\(body)]]>\">t</title></item></channel></rss>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"text\"><![CDATA[\(body)\r\n下一行]]></title><content type=\"html\"><![CDATA[<b>\(body)</b>]]></content></entry></feed>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p><![CDATA[\(body)]]></p><p>二</p></div></content></entry></feed>",
            "<rss><channel><item><description><![CDATA[\(body)]]></description></item><item><description><![CDATA[\(body) cut off",
        ])
    func sameAsLibxml2(feed: String) throws {
        let (cut, whole, wasCut) = try bothWays(Array(feed.utf8))
        // Sections in comments and attribute values are not cut: only the one in the comment test is not.
        #expect(wasCut == !feed.contains("<!--"))
        #expect(cut == whole)
        #expect(!cut.isEmpty)
    }

    @Test("every bundled feed fixture reads the same with its sections cut out")
    func fixturesUnchanged() throws {
        for name in ["rss2.xml", "atom.xml", "rdf.xml", "truncated.xml", "broken-middle.xml", "epoch-ms.xml"] {
            let (cut, whole, _) = try bothWays(try Fixture.bytes("markup/\(name)"))
            #expect(cut == whole, "\(name)")
        }
    }

    @Test("a document already holding the marker character is parsed whole")
    func markerInSource() {
        let feed =
            Array("<rss><channel><item><description>".utf8) + CDATASections.markerStart
            + Array("<![CDATA[\(Self.body)]]></description></item></channel></rss>".utf8)
        #expect(CDATASections.extract(feed) == nil)
    }

    @Test("libxml2's line numbers stay true after the sections are cut out")
    func lineNumbersKept() throws {
        let feed =
            "<rss><channel>\n<item><description><![CDATA[\(Self.body)\n\n\n]]></description></item>\n<item><bad></item>\n</channel></rss>"
        let cut = try #require(CDATASections.extract(Array(feed.utf8)))
        let document = try MarkupDocument(utf8: cut.document, cdata: cut.sections, url: nil)
        let whole = try MarkupDocument(utf8: Array(feed.utf8), kind: .xml)
        #expect(document.diagnostics.map(\.line) == whole.diagnostics.map(\.line))
    }

    @Test("invalid UTF-8 inside a section of a feed labelled utf-8 is caught and decoded with replacement")
    func invalidUTF8InsideSection() throws {
        var bytes = Array(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>甲</title><description><![CDATA[\(Self.body)"
                .utf8)
        bytes.append(0xFF)
        bytes += Array("尾]]></description></item></channel></rss>".utf8)
        let parsed = try SourceReader().read(bytes, url: nil)
        #expect(parsed.replacements == 1)
        #expect(parsed.items.first?.text == Self.body + "\u{FFFD}尾")
    }
}
