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
        if let retryAfter { delay = max(delay, retryAfter) }
        return now.addingTimeInterval(max(1, delay))
    }

    /// Reads `Retry-After`: delta seconds or an HTTP date.
    public static func retryAfterSeconds(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = TimeInterval(value), seconds >= 0 { return seconds }
        guard let date = DateParser(timeZone: TimeZone(identifier: "UTC")!).parse(value) else { return nil }
        return max(0, date.date.timeIntervalSince(now))
    }
}
