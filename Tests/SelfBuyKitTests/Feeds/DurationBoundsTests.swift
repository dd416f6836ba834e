import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Durations in feed definitions are bounded whole seconds")
struct DurationBoundsTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func errors(_ key: String, _ value: String) throws -> [FeedDefinitionError] {
        let text = "[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\n\(key) = \"\(value)\"\n"
        try Data(text.utf8).write(to: directory.url.appendingPathComponent("feeds.toml"))
        return FeedCatalog.load(directory.url.path).errors
    }

    @Test(
        "an interval outside 1 minute to 30 days is refused at its line",
        arguments: ["infs", "1e308s", "99999999999d", "nans", "-5m", "1.5h", "0x10s", "30s", "31d", "0m", "1e3s"])
    func intervalRefused(value: String) throws {
        let found = try errors("interval", value)
        let error = try #require(found.first)
        #expect(error.line == 4)
        #expect(error.message.contains("interval must be a duration from \"1m\" to \"30d\""))
    }

    @Test(
        "a timeout outside 1 second to 10 minutes is refused at its line",
        arguments: ["infs", "1e20s", "0s", "11m", "1h", "99999999999999999999s"])
    func timeoutRefused(value: String) throws {
        let error = try #require(try errors("timeout", value).first)
        #expect(error.line == 4)
        #expect(error.message.contains("timeout must be a duration from \"1s\" to \"10m\""))
    }

    @Test(
        "the bounds themselves are accepted",
        arguments: [
            ("interval", "1m"), ("interval", "30d"), ("timeout", "1s"),
            ("timeout", "10m"), ("interval", "720h"),
        ])
    func boundsAccepted(key: String, value: String) throws {
        #expect(try errors(key, value).isEmpty)
    }

    @Test("whole seconds are exact and never overflow")
    func wholeSeconds() {
        #expect(DurationText.wholeSeconds("90s") == 90)
        #expect(DurationText.wholeSeconds(" 2D ") == 172_800)
        #expect(DurationText.wholeSeconds("999999999d") == 86_399_999_913_600)
        #expect(DurationText.wholeSeconds("9999999999d") == nil)
        #expect(DurationText.wholeSeconds("inf") == nil)
        #expect(DurationText.wholeSeconds("１０s") == nil)
    }
}
