import Foundation
import Testing

@Suite("selfbuy ingest of folders, lists and many files, end to end")
struct IngestCommandTests {
    let scratch: Scratch

    init() throws {
        scratch = try Scratch()
        let samples = CLI.repositoryRoot.appendingPathComponent("feeds/samples")
        let folder = URL(fileURLWithPath: scratch.path("archive/2025"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["news-fund-channel.xml", "observer-atom.xml"] {
            try FileManager.default.copyItem(
                at: samples.appendingPathComponent(name), to: folder.appendingPathComponent(name + ".saved"))
        }
        try Data("notes, not a feed".utf8).write(to: URL(fileURLWithPath: scratch.path("archive/README")))
    }

    var files: [String] {
        ["news-fund-channel.xml", "observer-atom.xml"].map { scratch.path("archive/2025/\($0).saved") }
    }

    func cli(_ database: String) -> CLI { CLI(environment: ["SELFBUY_DB": scratch.path(database)]) }

    func export(_ database: String) throws -> String {
        let result = try cli(database).run(["export", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("a folder is ingested as its feed files, found by content, and stores what naming them stores")
    func folder() throws {
        let named = try cli("named.sqlite").run(["ingest"] + files)
        #expect(named.status == 0, "\(named.stderr)")
        let folder = try cli("folder.sqlite").run(["ingest", scratch.path("archive")])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stdout == named.stdout)
        #expect(!folder.stdout.contains("README"))
        let expected = try export("named.sqlite")
        #expect(!expected.isEmpty)
        #expect(try export("folder.sqlite") == expected)
    }

    @Test("ingest closes the timeline before it exits: its write-ahead log is checkpointed and removed every time")
    func closesBeforeExit() throws {
        // The writer thread used to hold the last reference to the timeline, so that closing it (checkpoint, sync,
        // removal of -wal and -shm) raced the process's exit: about every other run left both files behind.
        for run in 0..<10 {
            let database = "closed-\(run).sqlite"
            let result = try cli(database).run(["ingest", "--quiet"] + files)
            #expect(result.status == 0, "\(result.stderr)")
            for suffix in ["-wal", "-shm"] {
                let left = FileManager.default.fileExists(atPath: scratch.path(database + suffix))
                #expect(!left, "run \(run): \(suffix)")
            }
        }
    }

    @Test("- reads the sources from standard input, one a line")
    func standardInput() throws {
        let result = try cli("stdin.sqlite").run(["ingest", "-"], stdin: files.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(files[1] + ":"))
        _ = try cli("named.sqlite").run(["ingest"] + files)
        #expect(try export("stdin.sqlite") == (try export("named.sqlite")))
    }

    @Test("--quiet prints nothing, and without a terminal there is no progress line")
    func quiet() throws {
        let result = try cli("quiet.sqlite").run(["ingest", "--quiet"] + files)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let loud = try cli("loud.sqlite").run(["ingest"] + files)
        #expect(!loud.stderr.contains("MB/s"))
        #expect(try export("quiet.sqlite") == (try export("loud.sqlite")))
    }

    @Test("a missing source among others is reported in its turn, exit 66, and the others are stored")
    func missingAmongOthers() throws {
        let missing = scratch.path("gone.xml")
        let result = try cli("missing.sqlite").run(["ingest", files[0], missing, files[1]])
        #expect(result.status == 66)
        #expect(result.stderr.contains("gone.xml"))
        let lines = result.stdout.split(separator: "\n").filter { $0.contains(".saved:") }
        #expect(lines.count == 2 && lines[0].hasPrefix(files[0]) && lines[1].hasPrefix(files[1]))
    }

    func notice(_ amount: String) -> String {
        """
        <html><head><meta charset="utf-8"><title>华泰证券资管关于运用自有资金投资旗下公募基金的公告</title></head><body>
        <div class="content"><p>2025年8月25日，华泰证券资管公告，将于近期陆续运用不超过\(amount)自有资金投资公司旗下权益类公募基金，\
        持有期不少于1年。</p><p>此举基于对中国资本市场长期健康稳定发展的信心。</p></div></body></html>
        """
    }

    @Test("an edited notice ingested again from the same file revises its event; a copy elsewhere adds a source")
    func revisionAndCopy() throws {
        let path = scratch.path("notices/notice.html")
        try FileManager.default.createDirectory(
            atPath: scratch.path("notices"), withIntermediateDirectories: true)
        try Data(notice("3200万元").utf8).write(to: URL(fileURLWithPath: path))
        let first = try cli("revise.sqlite").run(["ingest", path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1 new events"), "\(first.stdout)")
        try Data(notice("3000万元").utf8).write(to: URL(fileURLWithPath: path))
        let second = try cli("revise.sqlite").run(["ingest", path])
        #expect(second.stdout.contains("0 new events, 0 merged, 1 revised"), "\(second.stdout)")
        let events = try export("revise.sqlite").split(separator: "\n")
        #expect(events.count == 1)
        #expect(events.first?.contains("\"amount_yuan\": 30000000") == true, "\(events)")
        let copy = scratch.path("mirror.html")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let third = try cli("revise.sqlite").run(["ingest", copy])
        #expect(third.stdout.contains("1 new documents, 0 new events, 1 merged"), "\(third.stdout)")
        let shown = try cli("revise.sqlite").run(["list", "--format", "json"])
        #expect(shown.stdout.contains("\"source_count\": 2"), "\(shown.stdout)")
    }

    @Test("--issuers extends the directory for ingest and poll as it does for extract; an unreadable file is exit 66")
    func issuersOnEveryDetectingCommand() throws {
        let text = scratch.path("minghong.txt")
        try "明汯宣布，拟运用自有资金5000万元申购旗下产品，持有期不少于1年。".write(
            toFile: text, atomically: true, encoding: .utf8)
        let issuers = scratch.path("issuers.tsv")
        try "明汯投资\t上海明汯投资管理有限公司\t明汯\n".write(toFile: issuers, atomically: true, encoding: .utf8)
        let without = try cli("plain.sqlite").run(["ingest", text])
        #expect(without.stdout.contains("0 new events"), "\(without.stdout)")
        let with = try cli("extended.sqlite").run(["ingest", "--issuers", issuers, text])
        #expect(with.status == 0, "\(with.stderr)")
        #expect(with.stdout.contains("1 new events") && with.stdout.contains("明汯投资"), "\(with.stdout)")
        for command in [
            ["ingest", text], ["poll", "--feeds", CLI.repositoryRoot.appendingPathComponent("feeds/samples").path],
        ] {
            let missing = try cli("missing.sqlite").run(command + ["--issuers", "/nonexistent/issuers.tsv"])
            #expect(missing.status == 66, "\(command) \(missing.stderr)")
            #expect(missing.stderr.contains("/nonexistent/issuers.tsv"))
        }
    }

    @Test("an event created and withdrawn within one ingest is counted, not looked up: every source is still read")
    func withdrawnWithinOneIngest() throws {
        let link = "https://fund.example.cn/notice/1.html"
        let first = scratch.path("first.xml")
        let edited = scratch.path("edited.xml")
        let other = scratch.path("other.xml")
        try FeedFolder.rss(title: "自购公告", link: link, text: FeedFolder.huataiText).write(
            toFile: first, atomically: true, encoding: .utf8)
        try FeedFolder.rss(title: "自购公告", link: link, text: "华泰证券资管公告，旗下基金经理变更。").write(
            toFile: edited, atomically: true, encoding: .utf8)
        try FeedFolder.rss(title: "嘉实", link: "https://fund.example.cn/notice/2.html", text: FeedFolder.jiashiText)
            .write(toFile: other, atomically: true, encoding: .utf8)
        let result = try cli("withdrawn.sqlite").run(["ingest", first, edited, other])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 withdrawn"), "\(result.stdout)")
        #expect(result.stdout.contains("new event") && result.stdout.contains("嘉实基金"), "\(result.stdout)")
    }
}
