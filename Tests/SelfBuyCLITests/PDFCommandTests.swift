import Foundation
import Testing

@Suite("PDF notices through parse, extract and ingest, end to end")
struct PDFCommandTests {
    /// The PDF fixtures live with the library's tests; the CLI reads them where they are.
    static func pdf(_ name: String) -> String {
        CLI.repositoryRoot.appendingPathComponent("Tests/SelfBuyKitTests/Fixtures/pdf/\(name)").path
    }

    @Test("extract finds the notice's pledge: issuer, amount, bound, holding period, fund type and date")
    func extractNotice() throws {
        let result = try CLI().run(["extract", Self.pdf("notice.pdf"), "--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == 1)
        let pledge = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(pledge["issuer"] as? String == "万家基金")
        #expect(pledge["amount_yuan"] as? Int == 50_000_000)
        #expect(pledge["amount_bound"] as? String == "min")
        #expect(pledge["holding_period"] as? String == "P1Y")
        #expect(pledge["fund_type"] as? String == "equity")
        // The PDF's CreationDate (17:30 UTC the day before) in China time.
        #expect(pledge["date"] as? String == "2025-09-03")
    }

    @Test("parse prints the PDF as one item: metadata title, China-time date, text")
    func parseNotice() throws {
        let result = try CLI().run(["parse", Self.pdf("notice.pdf"), "--format", "jsonl"])
        #expect(result.status == 0)
        let item = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(item["title"] as? String == "万家基金管理有限公司关于运用固有资金投资旗下权益类基金的公告")
        #expect(item["published"] as? String == "2025-09-03T01:30:00+08:00")
        #expect((item["text"] as? String)?.contains("持有期限不少于1年") == true)
    }

    @Test("a PDF past the page cap is read to the cap, and parse says so on stderr")
    func pageCapIsReported() throws {
        let result = try CLI().run(["parse", Self.pdf("past-page-cap.pdf"), "--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("pdf: read 100 of 120 pages"), "\(result.stderr)")
        let item = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let text = try #require(item["text"] as? String)
        #expect(text.contains("第100页") && !text.contains("第101页"))
    }

    @Test("ingest stores the notice's pledge as an event dated by the PDF")
    func ingestNotice() throws {
        let scratch = try Scratch()
        let cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
        let ingest = try cli.run(["ingest", Self.pdf("notice.pdf")])
        #expect(ingest.status == 0)
        #expect(ingest.stdout.contains("1 new events"))
        let list = try cli.run(["list", "--format", "csv"])
        #expect(list.stdout.contains("2025-09-03,2025-09,万家基金,万家基金管理有限公司,50000000,,min"))
    }

    @Test(
        "a truncated, encrypted, garbage or bomb PDF is one named line on stderr and exit 65, within the caps",
        arguments: [
            ("truncated.pdf", "PDF is damaged or not a PDF (poppler: pdf document is damaged)"),
            ("encrypted.pdf", "PDF is encrypted: it needs a password to be read"),
            ("garbage.pdf", "PDF is damaged or not a PDF (poppler: pdf document is damaged)"),
            ("bomb.pdf", "PDF reading stopped at the 5 s cap (a decompression bomb or a damaged file)"),
        ])
    func hostilePDFs(name: String, message: String) throws {
        let path = Self.pdf(name)
        for command in ["parse", "extract"] {
            let start = Date()
            let result = try CLI().run([command, path])
            #expect(result.status == 65)
            #expect(result.stderr == "selfbuy: \(path): \(message)\n")
            #expect(result.stdout.isEmpty)
            #expect(Date().timeIntervalSince(start) < 8)
        }
        let scratch = try Scratch()
        let ingest = try CLI(environment: ["SELFBUY_DB": scratch.path("t.sqlite")]).run(["ingest", path])
        #expect(ingest.status == 65)
        #expect(ingest.stderr == "selfbuy: \(path): \(message)\n")
    }
}
