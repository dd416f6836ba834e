import Foundation
import Testing

/// One timeline rendered through every output (`list` and `export` as CSV, JSON and JSON lines, `summary` as JSON,
/// JSON lines, CSV and a table): they must agree field for field.
///
/// The fixtures make the cases that used to disagree: an event first recorded from a news item (26 August) whose
/// earliest source is the company's notice (25 August), an approximate amount (约2.2亿元), a range (1000万元至2000万元)
/// and an undated event.
@Suite("every output shows the same events and months")
struct OutputAgreementTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
        let ingested = try cli.run(
            [
                "ingest", CLI.fixture("outputs/news.xml"), CLI.fixture("outputs/notice.xml"),
                CLI.fixture("outputs/e-undated.txt"),
            ])
        #expect(ingested.status == 0, "\(ingested.stderr)")
    }

    func objects(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func output(_ arguments: [String]) throws -> String {
        let result = try cli.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    /// A JSON value as the CSV cell that must show it.
    static func cell(_ value: Any?) -> String {
        switch value {
        case let number as NSNumber: return number.stringValue
        case let text as String: return text
        default: return ""
        }
    }

    @Test("CSV, JSON and JSON lines from list and export agree field for field, evidence with its own source")
    func eventsAgree() throws {
        let json = try objects(try output(["export", "--format", "json"]))
        #expect(json.count == 4)
        #expect(
            try objects(try output(["list", "--format", "json"])).map { $0 as NSDictionary }
                == json.map { $0 as NSDictionary })
        for jsonl in [try output(["export", "--format", "jsonl"]), try output(["list", "--format", "jsonl"])] {
            #expect(try lines(jsonl).map { $0 as NSDictionary } == json.map { $0 as NSDictionary })
        }
        for csv in [try output(["export"]), try output(["list", "--format", "csv"])] {
            let rows = CSVRecords.rows(csv)
            #expect(rows.count == json.count)
            for (row, event) in zip(rows, json) {
                for column in [
                    "id", "date", "month", "issuer", "issuer_full", "amount_yuan", "amount_upper_yuan", "amount_bound",
                    "currency", "holding_period", "holding_days", "fund_type", "status", "source_count",
                ] {
                    #expect(row[column] == Self.cell(event[column]), "\(column) of \(row["id"] ?? "")")
                }
                let evidence = try #require(event["evidence"] as? [String: Any])
                #expect(row["evidence"] == evidence["text"] as? String)
                #expect(row["first_source_url"] == evidence["source_url"] as? String)
                let sources = try #require(event["sources"] as? [[String: Any]])
                #expect(evidence["source_url"] as? String == sources.first?["url"] as? String)
            }
        }
        let huatai = try #require(json.first { $0["issuer"] as? String == "华泰证券资管" })
        let evidence = try #require(huatai["evidence"] as? [String: Any])
        #expect(evidence["source_url"] as? String == "https://notice.example.cn/2025/0825/a.html")
        #expect((evidence["text"] as? String)?.hasPrefix("华泰证券资管公告，本公司将于近期") == true)
        let range = try #require(json.first { $0["issuer"] as? String == "广发基金" })
        #expect((range["amount_upper_yuan"] as? NSNumber)?.int64Value == 20_000_000)
        #expect(json.last?["month"] is NSNull)
    }

    @Test("summary totals by bound (approx and undated included) equal the events' amounts in every format")
    func monthsAgree() throws {
        let events = try objects(try output(["export", "--format", "json"]))
        var expected: [String: [String: Int64]] = [:]
        for event in events {
            let month = event["month"] as? String ?? "undated"
            let bound = event["amount_bound"] as? String ?? "none"
            let key =
                [
                    "exact": "total_exact_yuan", "min": "total_at_least_yuan", "max": "total_at_most_yuan",
                    "approx": "total_approx_yuan",
                ][bound] ?? "unknown"
            expected[month, default: [:]][key, default: 0] += (event["amount_yuan"] as? NSNumber)?.int64Value ?? 0
            expected[month, default: [:]]["events", default: 0] += 1
        }
        let months = try objects(try output(["summary", "--format", "json"]))
        #expect(months.map { $0["month"] as? String } == ["2025-07", "2025-08", "undated"])
        for month in months {
            let label = try #require(month["month"] as? String)
            for (key, value) in try #require(expected[label]) where key != "unknown" {
                #expect((month[key] as? NSNumber)?.int64Value == value, "\(key) of \(label)")
            }
        }
        #expect((months[0]["total_approx_yuan"] as? NSNumber)?.int64Value == 220_000_000)
        #expect((months[2]["total_exact_yuan"] as? NSNumber)?.int64Value == 50_000_000)
        #expect(
            try lines(try output(["summary", "--format", "jsonl"])).map { $0 as NSDictionary }
                == months.map { $0 as NSDictionary })
        let csv = CSVRecords.rows(try output(["summary", "--format", "csv"]))
        #expect(csv.count == months.count)
        for (row, month) in zip(csv, months) {
            for (key, value) in month where key != "by_fund_type" {
                #expect(row[key] == Self.cell(value), "\(key) of \(row["month"] ?? "")")
            }
        }
        let table = try output(["summary", "--format", "table", "--unit", "wan"])
        #expect(table.contains("approx 万元"))
        #expect(table.contains("22,000万 (1)"))
        #expect(table.split(separator: "\n").contains { $0.hasPrefix("undated") })
    }

    @Test("the event table shows each event once, with the amount in the unit asked")
    func tableAgrees() throws {
        let events = try objects(try output(["export", "--format", "json"]))
        let table = try output(["list", "--format", "table", "--unit", "yi"])
        for event in events {
            let id = try #require(event["id"] as? String)
            #expect(table.components(separatedBy: id).count == 2, "\(id)")
        }
        #expect(table.contains("≈ 2.2亿"))
        #expect(table.contains("0.1亿–0.2亿"))
    }

    @Test("the HTML report lists the same events and the same month totals by bound as export and summary")
    func reportAgrees() throws {
        let path = scratch.path("report.html")
        #expect(try cli.run(["report", "--out", path]).status == 0)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let events = try objects(try output(["export", "--format", "json"]))
        #expect(
            HTMLScan.captures("<tr class=\"event\" id=\"([^\"]+)\"", in: html)
                == events.map { $0["id"] as? String ?? "" })
        let months = try objects(try output(["summary", "--format", "json"]))
        let rows = HTMLScan.captures("(<tr class=\"month-row\".*?</tr>)", in: html)
        #expect(rows.count == months.count)
        for (row, month) in zip(rows, months) {
            let label = try #require(month["month"] as? String)
            #expect(row.contains("data-month=\"\(label)\""))
            for key in ["exact", "at_least", "at_most", "approx"] {
                let yuan = (month["total_\(key)_yuan"] as? NSNumber)?.stringValue ?? ""
                let count = (month["\(key)_events"] as? NSNumber)?.stringValue ?? ""
                #expect(
                    row.contains("data-bound=\"\(key)\" data-yuan=\"\(yuan)\" data-events=\"\(count)\""),
                    "\(key) of \(label)")
            }
        }
        for event in events {
            let evidence = try #require(event["evidence"] as? [String: Any])
            let url = try #require(evidence["source_url"] as? String)
            let id = try #require(event["id"] as? String)
            let row = try #require(HTMLScan.captures("(<tr class=\"event\" id=\"\(id)\".*?</tr>)", in: html).first)
            #expect(row.contains("<p class=\"evidence-source\"><a href=\"\(url)\""), "\(id)")
        }
    }

    @Test(
        "a filter selects the same events for list, summary and report",
        arguments: [
            ["--issuer", "华泰资管"], ["--bound", "approx,min"], ["--min-amount", "2000万"], ["--fund-type", "mixed"],
            ["--status", "planned", "--from", "2025-07"], ["--month", "2025-08"], ["--issuer", "易方达"],
            ["--from", "2025-07-05", "--to", "2025-08-25"], ["--to", "2025-07"],
        ])
    func filtersAgree(filter: [String]) throws {
        let events = try objects(try output(["list", "--format", "json"] + filter))
        #expect(!events.isEmpty, "\(filter)")
        let months = try objects(try output(["summary", "--format", "json"] + filter))
        #expect(months.reduce(0) { $0 + (($1["events"] as? NSNumber)?.intValue ?? 0) } == events.count, "\(filter)")
        for (bound, key) in [("exact", "exact"), ("min", "at_least"), ("max", "at_most"), ("approx", "approx")] {
            let listed = events.filter { $0["amount_bound"] as? String == bound }
            let sum = listed.reduce(Int64(0)) { $0 + (($1["amount_yuan"] as? NSNumber)?.int64Value ?? 0) }
            let summed = months.reduce(Int64(0)) { $0 + (($1["total_\(key)_yuan"] as? NSNumber)?.int64Value ?? 0) }
            #expect(sum == summed, "\(key) with \(filter)")
        }
        let csv = CSVRecords.rows(try output(["list", "--format", "csv"] + filter))
        #expect(csv.map { $0["id"] ?? "" } == events.map { $0["id"] as? String ?? "" }, "\(filter)")
        let path = scratch.path("filtered.html")
        #expect(try cli.run(["report", "--out", path] + filter).status == 0)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            HTMLScan.captures("<tr class=\"event\" id=\"([^\"]+)\"", in: html)
                == events.map { $0["id"] as? String ?? "" },
            "\(filter)")
    }
}
