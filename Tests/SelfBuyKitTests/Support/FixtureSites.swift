import Foundation
import LoopbackServer

@testable import SelfBuyKit

/// Real sites played by the loopback server: every request to `scheme://host/path` goes to
/// `127.0.0.1/host/path`, where the server answers the fixture routed to that host and path; the response keeps the
/// real URL, so relative links resolve as on the site.
struct SiteTransport: Transport {
    let server: LoopbackServer
    let http: HTTPTransport

    func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        var local = request
        let original = request.url
        // The encoded path keeps a trailing slash, which `URL.path` drops.
        let encodedPath = URLComponents(url: original, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        var path = "/" + (original.host ?? "") + encodedPath
        if let query = original.query { path += "?" + query }
        local.url = URL(string: server.baseURL + path) ?? original
        var response = try await http.fetch(local)
        response.url = original
        return response
    }
}

/// Routes `host/path` (decoded, without the query) to fixture files under `Fixtures/sources/`.
enum FixtureSites {
    static func server(_ routes: [String: String]) throws -> LoopbackServer {
        try LoopbackServer { request in
            let raw = String(request.path.dropFirst().prefix { $0 != "?" })
            let key = raw.removingPercentEncoding ?? raw
            guard let name = routes[key], let bytes = try? Fixture.bytes("sources/" + name) else {
                return .respond(status: 404, headers: [], body: Array("no route \(key)".utf8))
            }
            let type =
                name.hasSuffix(".pdf")
                ? "application/pdf"
                : name.hasSuffix(".html") ? "text/html; charset=utf-8" : "application/json; charset=utf-8"
            return .respond(status: 200, headers: [("Content-Type", type)], body: bytes)
        }
    }

    /// The definitions of `feeds/` at the package root.
    static func realFeeds() -> [FeedDefinition] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return FeedCatalog.load(root.appendingPathComponent("feeds").path).feeds
    }
}
