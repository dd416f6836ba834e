import Foundation
import LoopbackServer
import Testing

@Suite("A password in a feed URL is never shown, logged or stored", .serialized)
struct CredentialRedactionTests {
    let scratch: Scratch
    let cli: CLI
    static let password = "s3cretPW42"

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    @Test("feeds check, poll, its log, feeds status and the timeline hold no password; the server gets Basic auth")
    func redactedEverywhere() throws {
        let server = try LoopbackServer { request in
            request.path == "/good"
                ? .ok(FeedFolder.rss(title: "华泰证券资管自购", link: "https://news.example.cn/1", text: FeedFolder.huataiText))
                : .respond(status: 404, headers: [], body: [])
        }
        let base = server.baseURL.replacingOccurrences(of: "http://", with: "http://ops:\(Self.password)@")
        let folder = try FeedFolder.write(
            [("good", base + "/good"), ("bad", base + "/missing")], in: scratch.path("feeds"))
        let check = try cli.run(["feeds", "check", "--feeds", folder])
        #expect(check.status == 0)
        #expect(check.stdout.contains("ok good"))
        let poll = try cli.run(["poll", "--feeds", folder, "--host-gap", "0", "--log-level", "trace"])
        #expect(poll.status == 69)
        #expect(poll.stdout.contains("bad: failed:"))
        let status = try cli.run(["feeds", "status", "--feeds", folder, "--format", "json"])
        #expect(status.status == 0)
        let expected = "Basic " + Data("ops:\(Self.password)".utf8).base64EncodedString()
        #expect(server.requests.contains { $0.path == "/good" && $0.headers["authorization"] == expected })
        for output in [check.stdout, check.stderr, poll.stdout, poll.stderr, status.stdout, status.stderr] {
            #expect(!output.contains(Self.password))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        for name in names where name.hasPrefix("timeline.sqlite") {
            let bytes = try Data(contentsOf: scratch.url.appendingPathComponent(name))
            #expect(bytes.range(of: Data(Self.password.utf8)) == nil, "\(name) holds the password")
        }
    }

    @Test("a definition error quoting the URL masks the password")
    func maskedInErrors() throws {
        let folder = scratch.path("feeds")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = "[[feed]]\nid = \"a\"\nurl = \"ftp://ops:\(Self.password)@x.cn/\"\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/bad.toml"))
        let result = try cli.run(["feeds", "check", "--feeds", folder])
        #expect(result.status == 65)
        #expect(result.stderr.contains("ftp://ops:***@x.cn/"))
        #expect(!result.stderr.contains(Self.password))
    }
}
