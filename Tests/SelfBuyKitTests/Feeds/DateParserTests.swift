import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Feed dates")
struct DateParserTests {
    let china = DateParser()

    func instant(_ iso: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970)
    }

    @Test("CST on an Asia/Shanghai feed is +08:00, not US Central")
    func cstIsChina() throws {
        let date = try #require(china.parse("Tue, 26 Aug 2025 10:30:00 CST"))
        #expect(date.epochSeconds == instant("2025-08-26T02:30:00Z"))
        #expect(date.iso8601 == "2025-08-26T10:30:00+08:00")
    }

    @Test("a zoneless date is China time and buckets into its local month")
    func zonelessIsChina() throws {
        let date = try #require(china.parse("2025-09-01 03:00"))
        #expect(date.localDay() == "2025-09-01")
        let late = try #require(china.parse("Sun, 31 Aug 2025 20:00:00 CST"))
        #expect(late.localDay() == "2025-08-31")
    }

    @Test(
        "sloppy Chinese forms parse",
        arguments: [
            ("2025-08-25 20:15:00", "2025-08-25T20:15:00+08:00"),
            ("2025年8月26日", "2025-08-26T00:00:00+08:00"),
            ("2025年08月26日 10:05", "2025-08-26T10:05:00+08:00"),
            ("2025/8/26 9:05:07", "2025-08-26T09:05:07+08:00"),
            ("2025.08.26", "2025-08-26T00:00:00+08:00"),
            ("2025-08-26T10:30:00+08:00", "2025-08-26T10:30:00+08:00"),
            ("2025-08-26T02:30:00.123Z", "2025-08-26T02:30:00+00:00"),
            ("26 Aug 2025 10:30 +0800", "2025-08-26T10:30:00+08:00"),
            ("Mon, 01 Sep 2025 02:00:00 GMT", "2025-09-01T02:00:00+00:00"),
            ("Tue, 26 Aug 25 10:30:00 -0500", "2025-08-26T10:30:00-05:00"),
            ("1756137600000", "2025-08-26T00:00:00+08:00"),
            ("1756137600", "2025-08-26T00:00:00+08:00"),
        ])
    func forms(raw: String, expected: String) throws {
        #expect(try #require(china.parse(raw)).iso8601 == expected)
    }

    @Test("an unparseable date is nil, never now", arguments: ["昨天下午", "", "2025-13-40", "not a date", "99999"])
    func unparseable(raw: String) {
        #expect(china.parse(raw) == nil)
    }

    @Test("a date-only value says it has no time of day")
    func dateOnly() throws {
        #expect(try #require(china.parse("2025-08-26")).hasTime == false)
        #expect(try #require(china.parse("2025-08-26 11:05:40")).hasTime == true)
    }

    @Test("a feed in another zone reads zoneless dates in that zone")
    func otherZone() throws {
        let utc = DateParser(timeZone: TimeZone(identifier: "UTC")!)
        #expect(try #require(utc.parse("2025-08-26 10:00")).iso8601 == "2025-08-26T10:00:00+00:00")
    }

    @Test("a zone that still switches to summer time gives each date its own offset")
    func summerTime() throws {
        let newYork = DateParser(timeZone: TimeZone(identifier: "America/New_York")!)
        #expect(try #require(newYork.parse("2025-07-01 12:00")).iso8601 == "2025-07-01T12:00:00-04:00")
        #expect(try #require(newYork.parse("2025-01-15 12:00")).iso8601 == "2025-01-15T12:00:00-05:00")
        #expect(try #require(newYork.parse("1751385600")).offsetSeconds == -4 * 3600)
    }

    @Test("China's summer time of 1986-1991 is kept for dates of those years")
    func chinaBefore1992() throws {
        #expect(try #require(china.parse("1988-07-01 12:00")).iso8601 == "1988-07-01T12:00:00+09:00")
        #expect(try #require(china.parse("2025-07-01 12:00")).iso8601 == "2025-07-01T12:00:00+08:00")
    }

    @Test("changing a parser's zone changes how it reads zoneless dates")
    func zoneChangedAfterCreation() throws {
        var parser = DateParser(timeZone: TimeZone(identifier: "UTC")!)
        parser.timeZone = DateParser.china
        #expect(try #require(parser.parse("2025-08-26 10:00")).iso8601 == "2025-08-26T10:00:00+08:00")
        #expect(try #require(parser.parse("Tue, 26 Aug 2025 10:30:00 CST")).iso8601 == "2025-08-26T10:30:00+08:00")
    }

    @Test("full-width digits and Chinese separators tokenize like ASCII ones")
    func fullWidthDigits() throws {
        #expect(try #require(china.parse("２０２５年８月２６日 １０：３０")).iso8601 == "2025-08-26T10:30:00+08:00")
        #expect(try #require(china.parse("  2025-08-26\u{3000}")).iso8601 == "2025-08-26T00:00:00+08:00")
    }
}
