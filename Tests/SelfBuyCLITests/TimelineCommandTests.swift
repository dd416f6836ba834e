import Foundation
import Testing

@Suite("selfbuy poll, list, summary, show and export, end to end")
struct TimelineCommandTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    var samples: String { CLI.repositoryRoot.appendingPathComponent("feeds/samples").path }

    func polled() throws -> CLI.Result {
        let result = try cli.run(["poll", "--feeds", samples])
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("polling the samples stores seven events; polling again adds none")
    func pollSamples() throws {
        let first = try polled()
        #expect(first.stdout.contains("7 new events"))
        #expect(first.stdout.components(separatedBy: "new event ev-").count - 1 == 7)
        let again = try cli.run(["poll", "--feeds", samples, "--all"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new events"))
    }

    @Test("list --month gives the month's events with every source")
    func listMonth() throws {
        _ = try polled()
        let events = try json(try cli.run(["list", "--month", "2025-08", "--format", "json"]).stdout)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event["issuer"] as? String == "华泰证券资管")
        #expect(event["issuer_full"] as? String == "华泰证券（上海）资产管理有限公司")
        #expect(event["date"] as? String == "2025-08-25")
        #expect((event["sources"] as? [[String: Any]])?.count == 3)
        let april = try json(try cli.run(["list", "--month", "2025-04", "--format", "json"]).stdout)
        #expect(april.count == 5)
    }

    @Test("summary gives one row per month with totals by bound")
    func summary() throws {
        _ = try polled()
        let months = try json(try cli.run(["summary", "--format", "json"]).stdout)
        #expect(months.map { $0["month"] as? String } == ["2025-04", "2025-08", "2025-09"])
        #expect((months[1]["total_at_most_yuan"] as? NSNumber)?.int64Value == 32_000_000)
        #expect((months[0]["total_at_least_yuan"] as? NSNumber)?.int64Value == 80_000_000)
    }

    @Test("show marks the matched spans in the evidence")
    func show() throws {
        _ = try polled()
        let events = try json(try cli.run(["list", "--month", "2025-08", "--format", "json"]).stdout)
        let id = try #require(events.first?["id"] as? String)
        let shown = try cli.run(["show", id, "--format", "table"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("【不超过】【3200万元】"))
        #expect(try cli.run(["show", "ev-nope"]).status != 0)
    }

    @Test("export writes the documented CSV columns; --excel adds a BOM and CRLF")
    func export() throws {
        _ = try polled()
        let csv = try cli.run(["export"])
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.first
                == "id,date,month,issuer,issuer_full,amount_yuan,amount_upper_yuan,amount_bound,currency,holding_period,holding_days,fund_type,status,source_count,first_source_url,evidence"
        )
        #expect(lines.count == 9)
        let excelPath = scratch.path("events.csv")
        #expect(try cli.run(["export", "--excel", "--out", excelPath]).status == 0)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: excelPath)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").count == 9)
        let jsonl = try cli.run(["export", "--format", "jsonl"])
        #expect(jsonl.stdout.split(separator: "\n").count == 7)
    }

    @Test("an invalid month is a usage error (64)")
    func invalidMonth() throws {
        let result = try cli.run(["list", "--month", "2025-8"])
        #expect(result.status == 64)
    }

    @Test("reading a database that does not exist says how to fill it")
    func missingDatabase() throws {
        let result = try cli.run(["list"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("selfbuy: "))
        #expect(result.stderr.contains("selfbuy poll"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("timeline.sqlite")))
    }

    @Test("ingest stores a file's pledges and a source that fails leaves the timeline as it was")
    func ingestFailureLeavesTimeline() throws {
        _ = try polled()
        let before = try cli.run(["export"]).stdout
        let bad = scratch.path("bad.xml")
        try Data([0, 1, 2, 3, 0xFF]).write(to: URL(fileURLWithPath: bad))
        let result = try cli.run(["ingest", bad])
        #expect(result.status != 0)
        #expect(result.stderr.contains(bad))
        #expect(try cli.run(["export"]).stdout == before)
    }
}
