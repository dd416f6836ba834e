import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Charset decisions")
struct CharsetTests {
    let rare = "王喆、张堃、朱镕、李玥"

    func read(_ name: String, contentType: String? = nil, override: String? = nil) throws -> ParsedSource {
        try SourceReader(encodingOverride: override).read(
            try Fixture.bytes("markup/\(name)"), url: Fixture.url("markup/\(name)"), contentType: contentType)
    }

    @Test("a page declaring gb2312 keeps its GBK-only characters and the text after them")
    func gb2312PageWithGBKCharacters() throws {
        let parsed = try read("gb2312-declared-gbk-chars.html")
        let item = try #require(parsed.items.first)
        #expect(item.text.contains(rare))
        #expect(item.text.contains("不超过3200万元"))
        #expect(parsed.charset == .gb18030)
        #expect(parsed.replacements == 0)
    }

    @Test("an RSS prolog saying gb2312 over GBK-only characters decodes through GB18030")
    func gb2312FeedWithGBKCharacters() throws {
        let parsed = try read("gb2312-declared-gbk-chars.xml")
        #expect(parsed.items.first?.title == "基金经理" + rare)
        #expect(parsed.charsetSource == .xmlDeclaration)
    }

    @Test("an XML declaration saying GBK is honoured")
    func gbkDeclaration() throws {
        #expect(try read("gbk-declared.xml").items.first?.title == "基金经理" + rare)
    }

    @Test("UTF-8 with no label anywhere is sniffed as UTF-8")
    func unlabelledUTF8() throws {
        let parsed = try read("utf8-no-label.html")
        #expect(parsed.charset == .utf8)
        #expect(parsed.charsetSource == .sniffed)
        #expect(parsed.items.first?.text.contains(rare) == true)
    }

    @Test("a UTF-8 BOM beats encoding=\"gbk\" in the prolog")
    func bomWins() throws {
        let parsed = try read("bom-utf8-declared-gbk.xml")
        #expect(parsed.charsetSource == .byteOrderMark)
        #expect(parsed.items.first?.title == "BOM 优先：基金经理" + rare)
    }

    @Test("a GBK feed whose charset is only in the HTTP header decodes exactly")
    func headerOnlyFeed() throws {
        let parsed = try read("gbk-header-only.xml", contentType: "application/rss+xml; charset=GBK")
        #expect(parsed.items.first?.title == "华泰证券资管")
        #expect(parsed.charsetSource == .httpHeader)
        #expect(!parsed.items.contains { $0.text.contains("\u{FFFD}") })
    }

    @Test("a GBK list page with the charset only in the header decodes its titles")
    func headerOnlyPage() throws {
        let parsed = try read("gbk-header-only.html", contentType: "text/html; charset=GBK")
        #expect(parsed.items.first?.text.contains("华泰证券资管自购公告") == true)
        #expect(parsed.replacements == 0)
    }

    @Test("one invalid byte pair in item 7 of 30 costs one U+FFFD and nothing else")
    func oneBadPair() throws {
        let parsed = try read("gb18030-one-bad-pair.xml")
        #expect(parsed.items.count == 30)
        #expect(parsed.replacements == 1)
        #expect(parsed.items[6].text == "正文7\u{FFFD}")
        #expect(parsed.items[29].title == "条目30 镕")
        #expect(parsed.notes.contains("replacements=1"))
    }

    @Test("a gb2312 header on valid UTF-8 bytes loses to UTF-8, with a note")
    func headerContradictedByBytes() throws {
        let parsed = try read("utf8-no-label.html", contentType: "text/html; charset=gb2312")
        #expect(parsed.charset == .utf8)
        #expect(parsed.notes.contains { $0.contains("contradicted by bytes") })
        #expect(parsed.items.first?.text.contains(rare) == true)
    }

    @Test("a meta description mentioning charset=gbk does not change a UTF-8 page")
    func metaDescriptionIgnored() throws {
        let parsed = try read("meta-description-charset.html")
        #expect(parsed.charset == .utf8)
        #expect(parsed.items.first?.text.contains(rare) == true)
    }

    @Test("a meta http-equiv after 1,500 bytes of script still decides GB18030")
    func lateMeta() throws {
        let parsed = try read("meta-after-script.html")
        #expect(parsed.charset == .gb18030)
        #expect(parsed.charsetSource == .htmlMeta)
        #expect(parsed.items.first?.text.contains(rare) == true)
    }

    @Test("a feed's encoding override beats a wrong header charset=utf-8")
    func overrideBeatsHeader() throws {
        let parsed = try read("gbk-header-only.xml", contentType: "text/xml; charset=utf-8", override: "gb18030")
        #expect(parsed.charsetSource == .override)
        #expect(parsed.items.first?.title == "华泰证券资管")
    }

    @Test("Big5 with the header charset=big5 decodes, so the pipeline is not GB-only")
    func big5() throws {
        let bytes = try Fixture.bytes("markup/big5.html")
        let decoded = TextDecoder.decode(bytes, contentType: "text/html; charset=big5")
        #expect(decoded.charset == .big5)
        #expect(decoded.text.contains("本公司將運用自有資金投資旗下基金"))
    }

    @Test(
        "gb2312, gbk, x-gbk, cp936 and gb_2312-80 all decode as GB18030",
        arguments: [
            "gb2312", "GBK", "x-gbk", "cp936", "gb_2312-80", "GB18030",
        ])
    func gbLabels(label: String) {
        #expect(Charset(label: label) == .gb18030)
    }

    @Test("an unknown label is ignored rather than read as Latin-1")
    func unknownLabel() {
        let bytes = Array("<p>华泰证券资管</p>".utf8)
        let decoded = TextDecoder.decode(bytes, contentType: "text/html; charset=x-made-up")
        #expect(decoded.text == "<p>华泰证券资管</p>")
        #expect(decoded.notes.contains { $0.contains("x-made-up") })
    }

    func gb18030(_ text: String) -> [UInt8] {
        [UInt8](text.data(using: String.Encoding(rawValue: 0x8000_0632))!)
    }

    @Test("a feed whose prolog says utf-8 over GBK bytes is read as GB18030, every item kept")
    func utf8PrologOverGBK() throws {
        let feed =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>频道</title>"
            + (1...5).map { "<item><title>条目\($0) \(rare)</title><description>正文\($0)</description></item>" }.joined()
            + "</channel></rss>"
        let parsed = try SourceReader().read(gb18030(feed), url: nil)
        #expect(parsed.charset == .gb18030)
        #expect(parsed.notes.contains { $0.contains("contradicted by bytes") })
        #expect(parsed.items.map(\.title) == (1...5).map { "条目\($0) \(rare)" })
        #expect(parsed.replacements == 0)
    }

    @Test("a header saying utf-8 over GBK bytes is read as GB18030 too")
    func utf8HeaderOverGBK() throws {
        let page = "<html><head><title>公告</title></head><body><p>\(rare)自购公告正文</p></body></html>"
        let parsed = try SourceReader().read(gb18030(page), url: nil, contentType: "text/html; charset=utf-8")
        #expect(parsed.charset == .gb18030)
        #expect(parsed.items.first?.text.contains("\(rare)自购公告正文") == true)
    }

    @Test("one stray byte in a feed labelled utf-8 costs one U+FFFD, the items after it survive")
    func strayByteInUTF8() throws {
        let item = { (n: Int) in "<item><title>条目\(n)</title><description>华泰证券资管自购正文\(n)</description></item>" }
        var bytes = Array(
            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel>" + (1...9).map(item).joined()
                + "<item><title>甲</title><description>前").utf8)
        bytes.append(0xFF)
        bytes += Array(("后</description></item>" + (11...20).map(item).joined() + "</channel></rss>").utf8)
        let parsed = try SourceReader().read(bytes, url: nil)
        #expect(parsed.charset == .utf8)
        #expect(parsed.replacements == 1)
        #expect(parsed.items.count == 20)
        #expect(parsed.items[9].text == "前\u{FFFD}后")
        #expect(parsed.items[19].title == "条目20")
    }

    @Test("GBK bytes with no label anywhere are still sniffed as GB18030, not as damaged UTF-8")
    func unlabelledGBK() throws {
        let text = String(repeating: "华泰证券资管将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金。", count: 20)
        let decoded = TextDecoder.decode(gb18030(text))
        #expect(decoded.charset == .gb18030)
        #expect(decoded.text == text)
    }
}
