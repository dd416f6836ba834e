import Foundation
import LoopbackServer
import Testing

@testable import SelfBuyKit

@Suite("A feed's timeout is honoured for a slow first byte", .serialized)
struct SlowFirstByteTests {
    @Test("a server that answers after 2 s is read with a 4 s timeout, whatever the transport's own default")
    func slowFirstByte() async throws {
        let server = try LoopbackServer { _ in
            Thread.sleep(forTimeInterval: 2)
            return .ok("<rss/>")
        }
        let transport = HTTPTransport(connectTimeout: 1)
        let request = FetchRequest(url: URL(string: server.baseURL + "/slow")!, timeout: 4)
        let response = try await transport.fetch(request)
        #expect(response.status == 200)
    }

    @Test("past the feed's timeout the message states the configured value")
    func timeoutMessage() async throws {
        let server = try LoopbackServer { _ in
            Thread.sleep(forTimeInterval: 10)
            return .ok("<rss/>")
        }
        let transport = HTTPTransport(connectTimeout: 10)
        let request = FetchRequest(url: URL(string: server.baseURL + "/slow")!, timeout: 1)
        let start = Date()
        await #expect(throws: HTTPFetchError.timedOut(url: server.baseURL + "/slow", seconds: 1)) {
            try await transport.fetch(request)
        }
        // Well before the answer (at 10 s), with room for a machine busy with other tests.
        #expect(Date().timeIntervalSince(start) < 8)
    }

    @Test(
        "a request built in code with an infinite or NaN timeout is fetched, not trapped on",
        arguments: [
            Double.infinity, Double.nan, -1,
        ])
    func unboundedTimeout(seconds: Double) async throws {
        let server = try LoopbackServer { _ in .ok("<rss/>") }
        let request = FetchRequest(url: URL(string: server.baseURL + "/rss")!, timeout: seconds)
        #expect(try await HTTPTransport().fetch(request).status == 200)
    }
}
