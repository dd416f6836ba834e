import Foundation
import LoopbackServer
import Testing

@Suite("selfbuy poll over the JSON feed kinds served on 127.0.0.1", .serialized)
struct JSONFeedCommandTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    static let routes = [
        "/searchList/abc?_pageSize=2&page=1": "csrc-searchlist.json",
        "/searchList/abc?_pageSize=2&page=2": "csrc-page2.json", "/new/hisAnnouncement/query": "cninfo-query.json",
        "/xcowch/front/contents": "efunds-contents.json",
        "/owch/data/bulletin/20250826/notice.html": "efunds-notice.html",
        "/f10/JJGG": "eastmoney-jjgg.jsonp", "/api/content/ann": "eastmoney-ann.json",
        "/channel/10033": "cnstock-channel.html", "/comm/web/getFastNewsList": "eastmoney-724.json",
        "/article/list.html": "stcn-busy.json", "/frozen": "frozen.json",
    ]

    func server() throws -> LoopbackServer {
        let folder = CLI.fixture("json-feeds/replies")
        return try LoopbackServer { request in
            let key = Self.routes[request.path] ?? Self.routes[String(request.path.prefix { $0 != "?" })]
            guard let key, let data = FileManager.default.contents(atPath: folder + "/" + key) else {
                return .respond(status: 404, headers: [], body: [])
            }
            let type = key.hasSuffix(".html") ? "text/html; charset=utf-8" : "application/json; charset=utf-8"
            return .respond(status: 200, headers: [("Content-Type", type)], body: [UInt8](data))
        }
    }

    func feeds(base: String) throws -> String {
        let folder = scratch.path("feeds")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: CLI.fixture("json-feeds/feeds.toml"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "{{base}}", with: base).utf8).write(
            to: URL(fileURLWithPath: folder + "/feeds.toml"))
        return folder
    }

    @Test("poll reads every JSON kind, stores the fixture pledges, fails the error shell and warns of the stale feed")
    func pollsEveryKind() throws {
        let server = try server()
        let folder = try feeds(base: server.baseURL)
        let result = try cli.run(["poll", "--feeds", folder, "--host-gap", "0", "--contact", "ops@example.org"])
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stdout.contains("json-get-paged: 200, 3 items (2 pages)"))
        #expect(
            result.stdout.contains(
                "error-shell: failed: \(server.baseURL)/article/list.html: error inside a 200: state = 0 (expected 1): 系统繁忙"
            ))
        #expect(result.stderr.contains("frozen: stale: newest item 2024-01-01"))
        #expect(
            server.requests.allSatisfy {
                $0.headers["user-agent"]?.contains("ops@example.org") == true || $0.path == "/new/hisAnnouncement/query"
            })
        let listed = try cli.run(["list", "--format", "csv"])
        for issuer in ["广发基金", "嘉实基金", "易方达基金", "华泰柏瑞基金"] {
            #expect(listed.stdout.contains(issuer), "\(issuer) missing from \(listed.stdout)")
        }
        let status = try cli.run(["feeds", "status", "--feeds", folder, "--check", "--format", "table"])
        #expect(status.status == 69)
        #expect(status.stdout.contains("STALE"))
    }
}
