import Foundation
import LoopbackServer
import Testing

@testable import SelfBuyKit

@Suite("A body declared larger than the cap is refused before it is read", .serialized)
struct DeclaredSizeTests {
    @Test("Content-Length of 256 MiB against a 10 MiB cap fails as too large at once")
    func declaredTooLarge() async throws {
        let declared = 256 * 1024 * 1024
        let server = try LoopbackServer { _ in
            .reset(
                status: 200, headers: [("Content-Type", "application/rss+xml")], partialBody: Array("<rss>".utf8),
                declared: declared)
        }
        let url = server.baseURL + "/big"
        let request = FetchRequest(url: URL(string: url)!, timeout: 5, sizeLimit: 10 * 1024 * 1024)
        await #expect(throws: HTTPFetchError.responseTooLarge(url: url, limit: 10 * 1024 * 1024)) {
            try await HTTPTransport().fetch(request)
        }
    }

    @Test("a body declared within the cap is read")
    func declaredWithin() async throws {
        let server = try LoopbackServer { _ in .ok("<rss/>") }
        let request = FetchRequest(url: URL(string: server.baseURL + "/small")!, timeout: 5, sizeLimit: 1024)
        let response = try await HTTPTransport().fetch(request)
        #expect(response.body == Array("<rss/>".utf8))
    }
}
