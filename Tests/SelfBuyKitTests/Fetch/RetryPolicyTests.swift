import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Backoff and jitter")
struct RetryPolicyTests {
    let policy = RetryPolicy()
    let now = Date(timeIntervalSince1970: 1_756_000_000)

    @Test("consecutive failures back off as interval × 2^n, capped at 24 hours, never disabled")
    func backoff() {
        let delays = (1...12).map { failures in
            policy.nextPoll(after: now, interval: 1800, failures: failures, retryAfter: nil, random: 0)
                .timeIntervalSince(now)
        }
        #expect(Array(delays.prefix(4)) == [3600, 7200, 14400, 28800])
        #expect(delays.allSatisfy { $0 <= 24 * 3600 })
        #expect(abs(delays.last! - 86400) < 0.001)
    }

    @Test("jitter stays within ±10 %")
    func jitterBounds() {
        for random in [-1.0, 1.0] {
            let delay = policy.nextPoll(after: now, interval: 3600, failures: 0, retryAfter: nil, random: random)
                .timeIntervalSince(now)
            #expect(abs(delay - 3600) <= 360.0001)
        }
    }

    @Test("100 feeds at 1h started together spread their second round over at least 5 minutes")
    func spread() {
        let dues = (0..<100).map { _ in
            policy.nextPoll(after: now, interval: 3600, failures: 0, retryAfter: nil).timeIntervalSince1970
        }
        #expect(dues.max()! - dues.min()! >= 300)
    }

    @Test("Retry-After wins over a shorter backoff; dates and seconds are both read")
    func retryAfter() {
        let due = policy.nextPoll(after: now, interval: 10, failures: 1, retryAfter: 120, random: 0)
        #expect(due.timeIntervalSince(now) == 120)
        #expect(RetryPolicy.retryAfterSeconds("120", now: now) == 120)
        let date = RetryPolicy.retryAfterSeconds(
            "Thu, 01 Jan 2026 00:02:00 GMT", now: Date(timeIntervalSince1970: 1_767_225_600))
        #expect(date == 120)
        #expect(RetryPolicy.retryAfterSeconds("soon", now: now) == nil)
    }
}
