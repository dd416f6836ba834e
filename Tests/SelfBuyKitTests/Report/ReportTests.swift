import Testing

@testable import SelfBuyKit

@Suite("CSV, JSON and tables")
struct ReportTests {
    @Test("cells are quoted per RFC 4180 only when needed")
    func quoting() {
        let writer = CSVWriter(lineEnding: "\r\n")
        #expect(
            writer.row(["a", "b,c", "say \"hi\"", "line\nbreak", nil, "华泰"])
                == "a,\"b,c\",\"say \"\"hi\"\"\",\"line\nbreak\",,华泰\r\n")
    }

    @Test(
        "a cell that a spreadsheet would run gets a leading quote",
        arguments: ["=1+1", "+86", "-5", "@SUM(A1)", "\tx", "\rx"])
    func formulaGuard(cell: String) {
        let written = CSVWriter().row([cell])
        #expect(written.hasPrefix("'") || written.hasPrefix("\"'"))
    }

    @Test("JSON keeps field order, writes Chinese as is and escapes control characters")
    func json() {
        let value = JSONValue.object([
            ("b", .string("华泰\n\"x\"")), ("a", .int(1)), ("n", .null), ("l", .array([.bool(true)])),
        ])
        #expect(value.serialized() == "{\"b\": \"华泰\\n\\\"x\\\"\", \"a\": 1, \"n\": null, \"l\": [true]}")
    }

    @Test("CJK characters count two columns, so table columns line up")
    func cjkWidth() {
        #expect(TextTable.displayWidth("华泰证券资管") == 12)
        #expect(TextTable.displayWidth("ETF基金") == 7)
        let table = TextTable(headers: ["issuer", "n"], rows: [["华泰证券资管", "1"], ["ETF", "2"]]).render()
        let lines = table.split(separator: "\n").map(String.init)
        let columns = lines.map { line in TextTable.displayWidth(String(line.dropLast())) }
        #expect(Set(columns).count == 1)
    }

    @Test("amounts are grouped by thousands with the bound spelled out")
    func amounts() {
        #expect(AmountFormat.grouped(32_000_000) == "32,000,000")
        #expect(AmountFormat.describe(yuan: 32_000_000, upper: nil, bound: .max) == "≤ 32,000,000 CNY")
        #expect(AmountFormat.describe(yuan: nil, upper: nil, bound: nil) == "unknown")
    }

    @Test("evidence spans are marked in the sentence")
    func markedEvidence() {
        let source = EventSource(
            url: "u", title: nil, published: nil, fetchedAt: "t", contentHash: "h", evidence: "甲拟运用3200万元。",
            evidenceStart: 10, evidenceEnd: 20, issuerMention: "甲",
            spans: [.init(field: .issuer, start: 10, end: 11), .init(field: .amount, start: 14, end: 20)])
        #expect(EventReport.marked(source) == "【甲】拟运用【3200万元】。")
    }

    @Test("SHA-256 matches the standard test vectors")
    func sha256() {
        #expect(
            ContentHash.hex(ContentHash.sha256(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            ContentHash.hex(ContentHash.sha256([]))
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentHash.ofText("a  b\n c ") == ContentHash.ofText("a b c"))
    }

    @Test("URLs normalise across http/https, www, fragments and tracking parameters")
    func urls() {
        let a = URLNormalizer.normalize("http://www.example.cn/a/1.html?utm_source=rss&id=3#top")
        let b = URLNormalizer.normalize("https://example.cn/a/1.html?id=3")
        #expect(a == b)
        #expect(URLNormalizer.normalize("https://example.cn/a/1.html?id=4") != b)
    }
}
