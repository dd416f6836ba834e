import Foundation
import LoopbackServer
import Testing

/// A fund company's notice list whose entries link to PDFs, served on 127.0.0.1: `poll` follows the link, reads the
/// PDF (sniffed by content, the link's name says nothing) and stores the notice's pledge.
@Suite("selfbuy poll over a notice list of PDFs")
struct PDFFeedCommandTests {
    static let feeds = """
        [[feed]]
        id = "pdf-notices"
        name = "a fund company's notices, each a PDF"
        url = "{{base}}/notices/"
        kind = "html"
        interval = "1h"
        match = "固有资金|自有资金|自购"

        [feed.html]
        item = "//ul[@class='notice-list']/li"
        title = ".//a"
        link = ".//a/@href"
        date = ".//span[@class='date']"
        follow = true
        """

    @Test(
        "a followed link that serves a PDF is read and its pledge stored with the list's date and link; an encrypted one is reported unreadable"
    )
    func followsPDFNotices() throws {
        let scratch = try Scratch()
        let list = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("pdf-feed/list.html")))
        let pdf = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("pdf-feed/notice.pdf")))
        let locked = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("pdf-feed/encrypted.pdf")))
        let server = try LoopbackServer { request in
            switch request.path {
            case "/notices/":
                return .respond(
                    status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: [UInt8](list))
            case "/notices/20250903/notice.pdf":
                // Served as a download: the content says PDF, the type does not.
                return .respond(
                    status: 200, headers: [("Content-Type", "application/octet-stream")], body: [UInt8](pdf))
            case "/notices/20250902/locked.pdf":
                return .respond(status: 200, headers: [("Content-Type", "application/pdf")], body: [UInt8](locked))
            default:
                return .respond(status: 404, headers: [], body: [])
            }
        }
        let folder = scratch.path("feeds")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.feeds.replacingOccurrences(of: "{{base}}", with: server.baseURL)
            .write(toFile: folder + "/notices.toml", atomically: true, encoding: .utf8)
        let cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
        let poll = try cli.run(["poll", "--feeds", folder, "--host-gap", "0"])
        #expect(poll.status == 0, "\(poll.stdout)\n\(poll.stderr)")
        // The encrypted notice cannot be read: said in the feed's line, with its URL and the reason.
        #expect(poll.stdout.contains("1 unreadable ("), "\(poll.stdout)")
        #expect(poll.stdout.contains("locked.pdf: PDF"), "\(poll.stdout)")
        // The notice about fees does not match the feed's filter and is never fetched.
        #expect(!server.requests.contains { $0.path.hasSuffix("other.pdf") })
        let listed = try cli.run(["list", "--format", "csv"])
        let rows = listed.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 1, "\(listed.stdout)")
        let row = String(rows.first ?? "")
        #expect(row.contains("万家基金"))
        #expect(row.contains(",50000000,,min,"))
        #expect(row.contains("P1Y"))
        #expect(row.contains("/notices/20250903/notice.pdf"))
    }
}
