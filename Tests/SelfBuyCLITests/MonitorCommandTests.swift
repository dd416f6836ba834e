import Foundation
import LoopbackServer
import Testing

@Suite("selfbuy poll, daemon and notifications against 127.0.0.1", .serialized)
struct MonitorCommandTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    static let rss = """
        <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>基金</title>
        <link>https://news.example.cn/</link><item><title>华泰证券资管自购</title><link>https://news.example.cn/1</link>
        <pubDate>2025-08-26 08:00</pubDate><description>8月25日，华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。</description></item>
        </channel></rss>
        """

    func feeds(_ definitions: [(id: String, url: String)]) throws -> String {
        let folder = scratch.path("feeds")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = definitions.map {
            "[[feed]]\nid = \"\($0.id)\"\nurl = \"\($0.url)\"\nkind = \"rss\"\ntimeout = \"3s\"\n"
        }
        .joined(separator: "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/test.toml"))
        return folder
    }

    @Test("one failing feed makes poll exit 69 while the good feed is stored, and feeds status counts it")
    func pollWithFailure() throws {
        let server = try LoopbackServer { request in
            request.path == "/good" ? .ok(Self.rss) : .respond(status: 404, headers: [], body: [])
        }
        let folder = try feeds([("good", server.baseURL + "/good"), ("bad", server.baseURL + "/missing")])
        let result = try cli.run(["poll", "--feeds", folder, "--host-gap", "0"])
        #expect(result.status == 69)
        #expect(result.stdout.contains("bad: failed: \(server.baseURL)/missing returned HTTP 404"))
        #expect(result.stdout.contains("1 new events"))
        let listed = try cli.run(["list", "--format", "csv"])
        #expect(listed.stdout.contains("华泰证券资管"))
        let status = try cli.run(["feeds", "status", "--feeds", folder, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        let bad = try #require(rows.first { $0["feed"] as? String == "bad" })
        #expect(bad["consecutive_failures"] as? Int == 1)
        #expect(bad["last_status"] as? Int == 404)
    }

    @Test("a new pledge fires the webhook once; a 500 is retried; a second poll fires nothing")
    func webhook() throws {
        let posts = RequestCounter()
        let feedServer = try LoopbackServer { _ in .ok(Self.rss) }
        let hook = try LoopbackServer { request in
            guard request.method == "POST" else { return .respond(status: 405, headers: [], body: []) }
            return posts.next() == 0
                ? .respond(status: 500, headers: [], body: []) : .respond(status: 204, headers: [], body: [])
        }
        let folder = try feeds([("news", feedServer.baseURL + "/rss")])
        let first = try cli.run(["poll", "--feeds", folder, "--notify-webhook", hook.baseURL + "/hook"])
        #expect(first.status == 0, "\(first.stderr)")
        let requests = hook.requests
        #expect(requests.count == 2)
        let body = try #require(requests.last?.body)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(event["issuer"] as? String == "华泰证券资管")
        #expect(requests.last?.headers["content-type"]?.hasPrefix("application/json") == true)
        let second = try cli.run(["poll", "--feeds", folder, "--all", "--notify-webhook", hook.baseURL + "/hook"])
        #expect(second.status == 0)
        #expect(hook.requests.count == 2)
    }

    @Test("--notify-exec runs the command with the event JSON on standard input")
    func notifyExec() throws {
        let feedServer = try LoopbackServer { _ in .ok(Self.rss) }
        let folder = try feeds([("news", feedServer.baseURL + "/rss")])
        let sink = scratch.path("events.jsonl")
        let result = try cli.run(["poll", "--feeds", folder, "--notify-exec", "cat >> '\(sink)'"])
        #expect(result.status == 0)
        let written = try String(contentsOfFile: sink, encoding: .utf8)
        #expect(written.contains("\"issuer\": \"华泰证券资管\""))
    }

    @Test("the daemon exits 0 within 10 s of SIGTERM, even with a request hanging")
    func daemonStops() throws {
        let server = try LoopbackServer { request in
            request.path == "/slow" ? .stall(status: 200, headers: [], seconds: 30) : .ok(Self.rss)
        }
        let folder = try feeds([("fast", server.baseURL + "/fast"), ("slow", server.baseURL + "/slow")])
        let daemon = try cli.start(["daemon", "--feeds", folder, "--host-gap", "0"], outputIn: scratch.url.path)
        // Wait until the fast feed is stored (a fixed pause was too short under AddressSanitizer); the slow request
        // stalls for 30 s, so it is still hanging when the signal comes.
        var stored = false
        for _ in 0..<80 where !stored {
            Thread.sleep(forTimeInterval: 0.25)
            stored = (try? cli.run(["list", "--format", "csv"]))?.stdout.contains("华泰证券资管") == true
        }
        #expect(stored)
        let sent = Date()
        daemon.signal(SIGTERM)
        let status = daemon.wait(seconds: 10)
        #expect(status == 0, "\(daemon.stderr)")
        #expect(Date().timeIntervalSince(sent) < 10)
        let listed = try cli.run(["list", "--format", "csv"])
        #expect(listed.stdout.contains("华泰证券资管"))
    }
}
