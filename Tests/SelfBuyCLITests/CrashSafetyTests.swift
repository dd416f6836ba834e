import Foundation
import SelfBuyKit
import Testing

/// A large feed of distinct pledges (with some reported twice) for crash and concurrency tests.
enum LargeFeed {
    static let issuers = [
        "华夏基金", "易方达基金", "南方基金", "博时基金", "嘉实基金", "广发基金", "富国基金", "汇添富基金", "招商基金",
        "工银瑞信基金", "中欧基金", "鹏华基金", "景顺长城基金", "银华基金", "华安基金", "大成基金", "天弘基金", "平安基金",
        "国泰基金", "万家基金",
    ]

    static func write(items count: Int, to path: String) throws {
        var text =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>大量公告</title>"
            + "<link>https://news.example.cn/</link>\n"
        for index in 0..<count {
            // Every fifth item reports the pledge of the item before it again, in other words.
            let pledge = index % 5 == 4 ? index - 1 : index
            let issuer = issuers[pledge % issuers.count]
            let amount = 1000 + pledge
            let day = 1 + (pledge / issuers.count) % 28
            let month = 1 + (pledge / (issuers.count * 28)) % 12
            let sentence =
                index % 5 == 4
                ? "据悉，\(issuer)拟运用固有资金\(amount)万元投资旗下权益类基金，持有期不少于1年。"
                : "\(issuer)公告，公司拟运用固有资金\(amount)万元投资旗下权益类基金，持有期不少于1年。"
            text += "<item><title>\(issuer)自购\(index)</title><link>https://news.example.cn/\(index).html</link>"
            text += "<pubDate>2025-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day) 10:00</pubDate>"
            text += "<description>\(sentence)</description></item>\n"
        }
        text += "</channel></rss>\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

@Suite("Crash safety and concurrent access", .serialized)
struct CrashSafetyTests {
    let scratch: Scratch
    let feed: String

    init() throws {
        scratch = try Scratch()
        feed = scratch.path("large.xml")
        try LargeFeed.write(items: 1500, to: feed)
    }

    func cli(_ database: String) -> CLI { CLI(environment: ["SELFBUY_DB": scratch.path(database)]) }

    func export(_ database: String) throws -> String {
        let result = try cli(database).run(["export", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("kill -9 at many points mid-ingest: integrity holds, no half-written event, re-running completes exactly")
    func killedIngest() throws {
        let reference = try cli("reference.sqlite").run(["ingest", feed])
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try export("reference.sqlite")
        #expect(expected.split(separator: "\n").count == 1200)

        var killedMidway = 0
        for (attempt, delay) in [0.05, 0.15, 0.3, 0.5, 0.8, 1.2].enumerated() {
            let database = "killed-\(attempt).sqlite"
            let running = try cli(database).start(["ingest", feed], outputIn: scratch.url.path)
            Thread.sleep(forTimeInterval: delay)
            running.signal(SIGKILL)
            _ = running.wait(seconds: 10)
            if running.process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            if FileManager.default.fileExists(atPath: scratch.path(database)) {
                let store = try TimelineStore(path: scratch.path(database), create: false)
                #expect(try store.integrityProblems().isEmpty)
                let counts = try store.counts()
                #expect(counts.sources >= counts.events)
            }
            let rerun = try cli(database).run(["ingest", feed])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try export(database) == expected, "after a kill at \(delay) s")
        }
        #expect(killedMidway >= 3)
    }

    @Test("list, summary and export in loops while an ingest writes never see a locked database")
    func readersDuringWrite() throws {
        let database = "busy.sqlite"
        let tool = cli(database)
        #expect(
            try tool.run([
                "ingest", CLI.repositoryRoot.appendingPathComponent("feeds/samples/news-fund-channel.xml").path,
            ]).status == 0)
        let writer = try tool.start(["ingest", feed], outputIn: scratch.url.path)
        var reads = 0
        while writer.process.isRunning {
            for command in [["list", "--format", "json"], ["summary", "--format", "json"], ["export"]] {
                let result = try tool.run(command)
                #expect(result.status == 0, "\(command): \(result.stderr)")
                #expect(!result.stderr.contains("locked"))
                reads += 1
            }
        }
        #expect(writer.wait(seconds: 60) == 0)
        #expect(reads >= 3)
    }

    @Test("two ingests of the same sources on one database do not duplicate events")
    func twoWriters() throws {
        let expected = try { () throws -> String in
            _ = try cli("single.sqlite").run(["ingest", feed])
            return try export("single.sqlite")
        }()
        let tool = cli("double.sqlite")
        _ = try tool.run(["summary"])
        let first = try tool.start(["ingest", feed], outputIn: scratch.url.path)
        let second = try tool.start(["ingest", feed], outputIn: scratch.url.path)
        #expect(first.wait(seconds: 120) == 0, "\(first.stderr)")
        #expect(second.wait(seconds: 120) == 0, "\(second.stderr)")
        let doubled = try export("double.sqlite")
        #expect(doubled.split(separator: "\n").count == expected.split(separator: "\n").count)
    }
}
