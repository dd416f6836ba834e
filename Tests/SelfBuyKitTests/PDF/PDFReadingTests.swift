import Foundation
import Testing

@testable import SelfBuyKit

@Suite("PDF notices: text in reading order, title and date")
struct PDFReadingTests {
    @Test("a two-column PDF reads column by column, its CJK text intact")
    func columnsInReadingOrder() throws {
        let parsed = try SourceReader().read(try Fixture.bytes("pdf/columns.pdf"), url: Fixture.url("pdf/columns.pdf"))
        #expect(parsed.kind == .pdf)
        let item = try #require(parsed.items.first)
        let order = ["基金市场周报（双栏）", "左栏第一段", "左栏第二段", "右栏第一段", "右栏第二段"]
        let positions = try order.map { try #require(item.text.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        #expect(item.text.contains("左栏第一段：本周权益类基金发行回暖，多家基金公司披露了运用固有资金认购新基金的计划，合计金额较上周有所增加。"))
        // No Title metadata: the first line is the title.
        #expect(item.title == "基金市场周报（双栏）")
        #expect(item.published?.iso8601 == "2025-10-14T09:00:00+08:00")
    }

    @Test("a notice's title is its Title metadata and its date its CreationDate in China time")
    func noticeTitleAndDate() throws {
        let item = try SourceReader().readPDF(try Fixture.bytes("pdf/notice.pdf"), url: nil)
        #expect(item.title == "万家基金管理有限公司关于运用固有资金投资旗下权益类基金的公告")
        // CreationDate 2025-09-02 17:30 UTC is 01:30 the next day in China: the day of the signature.
        #expect(item.published?.iso8601 == "2025-09-03T01:30:00+08:00")
        #expect(item.published?.localDay() == "2025-09-03")
    }

    @Test("lines wrapped inside a sentence are joined; titles, signatures and sentence ends stay line breaks")
    func wrappedLinesJoined() throws {
        let item = try SourceReader().readPDF(try Fixture.bytes("pdf/notice.pdf"), url: nil)
        let lines = item.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("本公司计划自2025年9月5日起陆续运用固有资金不低于5000万元申购本公司旗下权益类基金，持有期限不少于1年。"))
        #expect(lines.first == "万家基金管理有限公司关于运用固有资金投资旗下权益类基金的公告")
        #expect(lines.suffix(3) == ["特此公告。", "万家基金管理有限公司", "2025年9月3日"])
    }

    @Test("a PDF is sniffed by its bytes: a .html URL or a Content-Type does not matter, markup is never a PDF")
    func sniffedByContent() throws {
        let bytes = try Fixture.bytes("pdf/notice.pdf")
        let parsed = try SourceReader().read(
            bytes, url: URL(string: "https://www.example.cn/notice/1.html"), contentType: "text/html; charset=gbk")
        #expect(parsed.kind == .pdf)
        #expect(SourceReader.isPDF(Array("\r\n%PDF-1.7\n".utf8)))
        #expect(!SourceReader.isPDF(Array("<html><body>%PDF-1.7 下载</body></html>".utf8)))
        #expect(!SourceReader.isPDF(Array("%PDF".utf8)))
    }

    @Test("a feed definition that promises RSS and serves a PDF is a named failure")
    func feedServingPDF() throws {
        #expect(throws: SourceError.expectedFeedGotPDF(.rss)) {
            try SourceReader().read(try Fixture.bytes("pdf/notice.pdf"), url: nil, expecting: .rss)
        }
        #expect("\(SourceError.expectedFeedGotPDF(.rss))" == "expected a rss feed, got a PDF")
    }

    @Test("Title metadata that is a placeholder or a Word file name gives way to the first line")
    func placeholderTitles() {
        #expect(PDFText.meaningfulTitle("Microsoft Word - 关于自购的公告.docx") == "关于自购的公告")
        #expect(PDFText.meaningfulTitle("untitled") == nil)
        #expect(PDFText.meaningfulTitle("  ") == nil)
        #expect(PDFText.meaningfulTitle("2025-09-03.pdf") == nil)
        let text = PDFText(
            title: "Microsoft Word - 1.doc", pageCount: 1, pages: ["\n公告标题\n本公司运用固有资金投资旗下基金。\n"])
        #expect(text.item(url: nil).title == "公告标题")
    }

    @Test("paragraph joining: full lines run on, CJK without a space and Latin words with one")
    func paragraphJoining() {
        let page = "标题\n一二三四五六七八九十一二三四五\n六七八。\nWide Latin words wrap and run on\nhere.\n\n短行\n下一段"
        #expect(
            PDFParagraphs.joinPage(page)
                == "标题\n一二三四五六七八九十一二三四五六七八。\nWide Latin words wrap and run on here.\n短行\n下一段")
    }
}
