import Foundation
import Testing

/// Near misses are stored with their documents by `ingest` and shown by `review`.
@Suite("selfbuy review")
struct ReviewCommandTests {
    @Test("ingest stores near misses with their reason and review lists them beside the stored pledge")
    func storedNearMisses() throws {
        let scratch = try Scratch()
        let source = scratch.path("news.txt")
        try "年内已有37家公募运用固有资金自购，合计金额超过20亿元。华夏基金拟运用固有资金5000万元申购旗下权益类基金。"
            .write(toFile: source, atomically: true, encoding: .utf8)
        let db = scratch.path("t.sqlite")
        let ingest = try CLI().run(["ingest", "--db", db, source, "--date", "2025-08-01"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let review = try CLI().run(["review", "--db", db, "--format", "jsonl"])
        #expect(review.status == 0, "\(review.stderr)")
        let lines = review.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let miss = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect((miss["reason"] as? String)?.hasPrefix("statistics") == true)
        #expect((miss["evidence"] as? String)?.hasPrefix("年内已有37家") == true)
        #expect((miss["url"] as? String)?.hasSuffix("news.txt") == true)
        let list = try CLI().run(["list", "--db", db, "--format", "csv"])
        #expect(list.stdout.contains("华夏基金"))
    }

    @Test("ingest --date dates the document, so its near misses are in that month's review")
    func announcementDateDatesNearMisses() throws {
        let scratch = try Scratch()
        let source = scratch.path("notice.txt")
        try "华夏基金拟运用固有资金投资旗下权益类基金。".write(toFile: source, atomically: true, encoding: .utf8)
        let db = scratch.path("t.sqlite")
        let ingest = try CLI().run(["ingest", "--db", db, source, "--date", "2025-08-25"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let august = try CLI().run(["review", "--db", db, "--month", "2025-08", "--format", "jsonl"])
        #expect(august.stdout.split(separator: "\n").count == 1, "\(august.stdout)\(august.stderr)")
        #expect(august.stdout.contains("2025-08-25T00:00:00+08:00"))
        let september = try CLI().run(["review", "--db", db, "--month", "2025-09", "--format", "jsonl"])
        #expect(september.stdout.isEmpty)
    }
}
