import Foundation
import Testing

@Suite("selfbuy parse and extract, end to end")
struct ReadingCommandTests {
    let cli = CLI()

    @Test("parse prints one JSON object per feed item")
    func parseFeed() throws {
        let result = try cli.run(["parse", CLI.fixture("rss2.xml"), "--format", "jsonl"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        let first = try #require(
            try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["title"] as? String == "华泰证券资管：拟自购不超过3200万元")
        #expect(first["published"] as? String == "2025-08-26T10:30:00+08:00")
        #expect(Set(first.keys) == ["title", "link", "published", "text"])
    }

    @Test("parse accepts file:// URLs")
    func parseFileURL() throws {
        let result = try cli.run(["parse", "file://" + CLI.fixture("rss2.xml"), "--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 5)
    }

    @Test(
        "a missing, empty or binary source is one line on stderr and a non-zero exit",
        arguments: [
            ("missing.xml", "no such file"), ("empty.xml", "empty document"),
            ("binary.bin", "binary data, not a feed or page"),
        ])
    func badSources(name: String, problem: String) throws {
        let path = name == "missing.xml" ? "/nonexistent/missing.xml" : CLI.fixture(name)
        let result = try cli.run(["parse", path])
        #expect(result.status != 0)
        #expect(result.stderr == "selfbuy: \(path): \(problem)\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("extract reads standard input and prints the pledge schema")
    func extractStdin() throws {
        let text = "8月25日，华泰证券（上海）资产管理有限公司（简称“华泰证券资管”）公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
        let result = try cli.run(["extract", "--date", "2025-08-26", "--format", "jsonl"], stdin: text)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["issuer"] as? String == "华泰证券资管")
        #expect(object["issuer_mention"] as? String == "华泰证券（上海）资产管理有限公司")
        #expect((object["amount_yuan"] as? NSNumber)?.int64Value == 32_000_000)
        #expect(object["amount_bound"] as? String == "max")
        #expect(object["holding_period"] as? String == "P1Y")
        #expect(object["fund_type"] as? String == "equity")
        #expect(object["status"] as? String == "planned")
        #expect(object["date"] as? String == "2025-08-26")
        let evidence = try #require(object["evidence"] as? [String: Any])
        #expect(evidence["start"] as? Int == 0)
        #expect(evidence["end"] as? Int == text.unicodeScalars.count)
    }

    @Test("extract prints nothing and exits 0 when there is no pledge")
    func extractNothing() throws {
        let result = try cli.run(["extract"], stdin: "今年以来，基金公司自购金额合计超过30亿元。")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test("an invalid --date is a usage error")
    func invalidDate() throws {
        let result = try cli.run(["extract", "--date", "2025-13-01"], stdin: "x")
        #expect(result.status == 64)
    }
}
