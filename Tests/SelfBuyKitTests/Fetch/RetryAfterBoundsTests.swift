import Foundation
import LoopbackServer
import Testing

@testable import SelfBuyKit

@Suite("Retry-After is read as whole seconds capped at 24 hours", .serialized)
struct RetryAfterBoundsTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    @Test(
        "hostile values are ignored or capped",
        arguments: [
            ("inf", nil), ("1e308", nil), ("1e400", nil), ("nan", nil), ("-1", nil), ("99999999999", 86400.0),
            ("86401", 86400), ("3600", 3600), ("Fri, 31 Dec 2100 23:59:59 GMT", 86400),
        ] as [(String, Double?)])
    func hostileHeader(value: String, expected: Double?) {
        #expect(RetryPolicy.retryAfterSeconds(value, now: now) == expected)
    }

    @Test("the next poll after a huge Retry-After is at most a day away")
    func nextPollBounded() {
        let due = RetryPolicy().nextPoll(after: now, interval: 3600, failures: 1, retryAfter: .infinity, random: 0)
        #expect(due.timeIntervalSince(now) == 86400)
        let code = RetryPolicy().nextPoll(after: now, interval: .infinity, failures: 0, retryAfter: nil, random: 0)
        #expect(code.timeIntervalSince(now).isFinite)
    }

    @Test("a 503 with Retry-After: inf over HTTP is a failure due again within a day", arguments: ["inf", "1e400"])
    func overHTTP(value: String) async throws {
        let harness = try PollHarness()
        let server = try LoopbackServer { _ in .respond(status: 503, headers: [("Retry-After", value)], body: []) }
        let feed = harness.feed("busy", server.baseURL + "/rss", interval: 600)
        let results = await harness.round().run([feed], all: true)
        #expect(results.first?.failed == true)
        let state = try #require(try harness.store.feedState("busy"))
        let due = try #require(state.nextDueAt)
        #expect(due.timeIntervalSinceNow < 86400 + 60)
    }
}
