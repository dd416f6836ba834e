import Foundation
import Testing

/// `selfbuy report`: one self-contained HTML file per period, written atomically, with the events, months and near
/// misses of the timeline.
@Suite("selfbuy report writes one self-contained HTML file")
struct ReportCommandTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
        let ingested = try cli.run(
            [
                "ingest", CLI.fixture("outputs/news.xml"), CLI.fixture("outputs/notice.xml"),
                CLI.fixture("outputs/e-undated.txt"), CLI.fixture("outputs/hostile.xml"),
            ])
        #expect(ingested.status == 0, "\(ingested.stderr)")
    }

    func report(_ arguments: [String]) throws -> String {
        let path = scratch.path("report.html")
        let result = try cli.run(["report", "--out", path] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("the report needs nothing from outside: no script, no external style, font or image")
    func selfContained() throws {
        let html = try report([])
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(html.contains("<svg"))
        #expect(html.contains("\"Noto Sans CJK SC\""))
        #expect(html.contains("Microsoft YaHei"))
        #expect(html.contains("@page { size: A4"))
    }

    @Test("feed text is escaped and a javascript: link never becomes one")
    func hostileSource() throws {
        let html = try report([])
        #expect(!html.lowercased().contains("href=\"javascript"))
        #expect(html.contains("<p class=\"evidence-source\">javascript:"))
        #expect(!html.contains("<script>alert"))
        #expect(HTMLScan.count("<tr class=\"event\"", in: html) == 5)
    }

    @Test("one bar group per calendar month of the period, one row per event, evidence marked, undated counted")
    func contents() throws {
        let html = try report(["--from", "2025-06", "--to", "2025-09"])
        #expect(
            HTMLScan.captures("<g class=\"month\" data-month=\"([^\"]+)\"", in: html)
                == ["2025-06", "2025-07", "2025-08", "2025-09"])
        #expect(HTMLScan.count("<tr class=\"event\"", in: html) == 4)
        #expect(html.contains("<mark data-field=\"bound\">不超过</mark><mark data-field=\"amount\">3200万元</mark>"))
        #expect(html.contains("href=\"https://notice.example.cn/2025/0825/a.html\""))
        // A period bounded by dates has no undated events; the whole timeline has one.
        #expect(!html.contains("data-month=\"undated\""))
        let whole = try report([])
        #expect(whole.contains("<tr class=\"month-row\" data-month=\"undated\">"))
        #expect(HTMLScan.count("<tr class=\"event\"", in: whole) == 5)
    }

    @Test("--month is a period of one month; filters narrow the events")
    func monthAndFilters() throws {
        let august = try report(["--month", "2025-08"])
        #expect(HTMLScan.captures("<g class=\"month\" data-month=\"([^\"]+)\"", in: august) == ["2025-08"])
        #expect(HTMLScan.count("<tr class=\"event\"", in: august) == 1)
        let approx = try report(["--bound", "approx"])
        #expect(HTMLScan.captures("<tr class=\"event\" id=\"([^\"]+)\"", in: approx).count == 1)
        #expect(approx.contains("易方达基金"))
    }

    @Test("past --limit the rows are counted per month instead of listed")
    func limit() throws {
        let html = try report(["--limit", "2"])
        #expect(HTMLScan.count("<tr class=\"event\"", in: html) == 2)
        #expect(html.contains("3 more events are counted above but not listed"))
        #expect(html.contains("<span id=\"event-count\">5</span>") || html.contains("<b id=\"event-count\">5</b>"))
    }

    @Test(
        "bad options are usage errors (64) and a missing folder cannot be created (73)",
        arguments: [
            (["report"], Int32(64)),
            (["report", "--out", "r.html", "--from", "2025-09", "--to", "2025-01"], Int32(64)),
            (["report", "--out", "r.html", "--month", "2025-8"], Int32(64)),
            (["report", "--out", "/nonexistent-folder/r.html"], Int32(73)),
        ] as [([String], Int32)])
    func badOptions(arguments: [String], status: Int32) throws {
        let result = try CLI(
            environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")], directory: scratch.url
        ).run(arguments)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("selfbuy: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
