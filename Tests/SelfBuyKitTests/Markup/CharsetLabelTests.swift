import Foundation
import Testing

@testable import SelfBuyKit

/// Issue 12, item 8: every WHATWG encoding label decodes through iconv; an unsupported one is a warning naming it.
@Suite("WHATWG encoding labels")
struct CharsetLabelTests {
    /// `Привет`, `日本語`, `한국어` and `Ωμέγα` in their legacy encodings.
    @Test(
        "legacy labels decode what their encoding wrote",
        arguments: [
            ("windows-1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "Привет"),
            ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
            ("iso-8859-5", [0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2], "Привет"),
            ("euc-jp", [0xC6, 0xFC, 0xCB, 0xDC, 0xB8, 0xEC], "日本語"),
            ("shift_jis", [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA], "日本語"),
            ("euc-kr", [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE], "한국어"),
            ("iso-8859-7", [0xD9, 0xEC, 0xDD, 0xE3, 0xE1], "Ωμέγα"),
            ("cp1253", [0xD9, 0xEC, 0xDD, 0xE3, 0xE1], "Ωμέγα"),
        ] as [(String, [UInt8], String)])
    func decodes(label: String, bytes: [UInt8], text: String) throws {
        let document =
            Array("<?xml version=\"1.0\" encoding=\"\(label)\"?><rss><channel><item><title>".utf8) + bytes
            + Array("</title></item></channel></rss>".utf8)
        let parsed = try SourceReader().read(document, url: nil)
        #expect(parsed.charsetSource == .xmlDeclaration)
        #expect(parsed.items.first?.title == text)
    }

    @Test("every label of the generated WHATWG table resolves, and iconv opens its encoding")
    func everyLabel() {
        #expect(Charset.labels.count >= 200)
        for (label, charset) in Charset.labels {
            #expect(Charset(label: label) == charset)
            let converter = iconv_open("UTF-8", charset.iconvName)
            #expect(converter != iconv_t(bitPattern: -1), "iconv cannot open \(charset.iconvName) for \(label)")
            if converter != iconv_t(bitPattern: -1) { iconv_close(converter) }
        }
    }

    @Test("an unsupported label is a warning naming it, and says what the bytes were read as")
    func unsupported() throws {
        let document =
            Array("<?xml version=\"1.0\" encoding=\"x-user-defined\"?><rss><channel><item><title>".utf8)
            + [0xD7, 0xD4, 0xB9, 0xBA] + Array("</title></item></channel></rss>".utf8)
        let parsed = try SourceReader().read(document, url: nil)
        #expect(parsed.notes.contains("unsupported charset label \"x-user-defined\" from xml-declaration ignored"))
        #expect(parsed.notes.contains("read as gb18030 (sniffed)"))
    }

    @Test("a NUL byte in a feed is dropped with a note, not a reason to call the feed binary")
    func nulByte() throws {
        let body = String(repeating: "华泰证券资管将运用不超过3200万元自有资金投资公司旗下权益类公募基金。", count: 4)
        let document =
            Array("<rss><channel><item><title>自购".utf8) + [0]
            + Array("公告</title><description>\(body)</description></item></channel></rss>".utf8)
        let parsed = try SourceReader().read(document, url: nil)
        #expect(parsed.items.first?.title == "自购公告")
        #expect(parsed.notes.contains("dropped 1 NUL bytes"))
    }
}
