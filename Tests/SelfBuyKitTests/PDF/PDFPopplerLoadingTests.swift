import CPopplerABICheck
import Testing

@testable import SelfBuyKit

@Suite("poppler loaded on first use by the reader process")
struct PDFPopplerLoadingTests {
    @Test("a reader that could not load poppler reports it as one line naming the library")
    func missingPopplerRecord() throws {
        let reason = "libpoppler-glib.so.8: cannot open shared object file: No such file or directory"
        var records: [UInt8] = [UInt8(ascii: "E")]
        let body = [UInt8(ascii: "l")] + Array(reason.utf8)
        records += (0..<4).map { UInt8(truncatingIfNeeded: body.count >> (8 * $0)) } + body
        records += [UInt8(ascii: "Z"), 0, 0, 0, 0]
        #expect(throws: PDFError.popplerUnavailable(reason)) { try PDFRecords.decode(records) }
        #expect(
            PDFError.popplerUnavailable(reason).description
                == "PDF reader could not load poppler (Debian package libpoppler-glib8): \(reason)")
    }

    @Test("CPDFText's declarations of poppler-glib were checked against the headers of poppler 22 or later")
    func declarationsChecked() {
        #expect(selfbuy_poppler_headers_major_version() >= 22)
    }

    @Test("the reader and the in-process reader both load poppler and read the notice")
    func bothReadersRead() throws {
        let bytes = try Fixture.bytes("pdf/notice.pdf")
        for isolated in [true, false] {
            let text = try PDFReader(isolated: isolated).read(bytes)
            #expect(text.pages.joined().contains("持有期限不少于1年"))
        }
    }
}
