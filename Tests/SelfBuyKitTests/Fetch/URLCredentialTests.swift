import Foundation
import LoopbackServer
import Testing

@testable import SelfBuyKit

@Suite("Credentials in a feed URL", .serialized)
struct URLCredentialTests {
    @Test("they leave the URL for an Authorization header sent to the feed's own origin only")
    func scopedToOrigin() async throws {
        let directory = try TemporaryDirectory()
        let own = try LoopbackServer { _ in .ok("<rss/>") }
        let other = try LoopbackServer { _ in .ok("<rss/>") }
        let url = own.baseURL.replacingOccurrences(of: "http://", with: "http://ops:pw%40x@") + "/rss"
        let text = "[[feed]]\nid = \"a\"\nurl = \"\(url)\"\n"
        try Data(text.utf8).write(to: directory.url.appendingPathComponent("feeds.toml"))
        let feed = try #require(FeedCatalog.load(directory.url.path).feeds.first)
        #expect(feed.url.absoluteString == own.baseURL + "/rss")
        let expected = "Basic " + Data("ops:pw@x".utf8).base64EncodedString()
        #expect(feed.requestHeaders["Authorization"] == expected)
        let transport = HTTPTransport()
        for server in [own, other] {
            var request = FetchRequest(url: URL(string: server.baseURL + "/rss")!, timeout: 5)
            request.headers = feed.requestHeaders
            _ = try await transport.fetch(request)
        }
        #expect(own.requests.first?.headers["authorization"] == expected)
        #expect(other.requests.first?.headers["authorization"] == nil)
    }

    @Test(
        "shown text masks the password only",
        arguments: [
            ("https://ops:pw@x.cn/a?b=c", "https://ops:***@x.cn/a?b=c"),
            ("see http://u:p@h:8080/ and https://v:q@k/", "see http://u:***@h:8080/ and https://v:***@k/"),
            ("https://token@x.cn/", "https://token@x.cn/"), ("https://x.cn/a@b:c", "https://x.cn/a@b:c"),
        ])
    func redaction(text: String, shown: String) {
        #expect(URLCredentials.redacted(text) == shown)
    }
}
