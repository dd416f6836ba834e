import Foundation

/// When a feed is polled next: its interval with jitter after a success; `interval × 2^failures` with jitter after a
/// failure, capped at 24 hours and never less than a server's `Retry-After`. A feed is never disabled.
public struct RetryPolicy: Sendable {
    public var maximumBackoff: TimeInterval = 24 * 3600
    /// ±10 %.
    public var jitter: Double = 0.1

    public init() {}

    public func nextPoll(
        after now: Date, interval: TimeInterval, failures: Int, retryAfter: TimeInterval?,
        random: Double = Double.random(in: -1...1)
    ) -> Date {
        let base: TimeInterval
        if failures == 0 {
            base = interval
        } else {
            let exponent = min(failures, 30)
            base = min(interval * pow(2, Double(exponent)), maximumBackoff)
        }
        var delay = base * (1 + jitter * random)
        if failures > 0 { delay = min(delay, maximumBackoff) }
        if let retryAfter, !retryAfter.isNaN {
            delay = max(delay, min(retryAfter, TimeInterval(Self.maximumRetryAfter)))
        }
        // A definition built in code could carry any interval: the delay stays finite and within 30 days.
        guard delay.isFinite else { return now.addingTimeInterval(maximumBackoff) }
        return now.addingTimeInterval(min(max(1, delay), 30 * 86400))
    }

    /// The longest wait a server's `Retry-After` can impose: 24 hours.
    public static let maximumRetryAfter = 24 * 3600

    /// Reads `Retry-After`: delta seconds (digits only, RFC 9110) or an HTTP date, as whole seconds from 0 to
    /// ``maximumRetryAfter``. `inf`, `1e308`, `-1` and other spellings a floating-point parser would take are ignored.
    public static func retryAfterSeconds(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if value.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // Past 9 digits the value is beyond the cap anyway; `Int` never sees more.
            guard value.count <= 9, let seconds = Int(value) else { return TimeInterval(maximumRetryAfter) }
            return TimeInterval(min(seconds, maximumRetryAfter))
        }
        guard let date = DateParser(timeZone: TimeZone(identifier: "UTC")!).parse(value) else { return nil }
        let wait = date.date.timeIntervalSince(now)
        guard wait.isFinite else { return nil }
        return TimeInterval(Int(min(max(0, wait), Double(maximumRetryAfter)).rounded(.up)))
    }
}
