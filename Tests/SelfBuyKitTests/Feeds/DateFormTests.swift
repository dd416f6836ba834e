import Foundation
import Testing

@testable import SelfBuyKit

/// Issue 12, item 5: the asctime family of forms, and zones that cannot be read.
@Suite("Date forms and unreadable zones")
struct DateFormTests {
    let china = DateParser()

    @Test(
        "Java's Date.toString(), asctime and Twitter forms are read",
        arguments: [
            ("Tue Aug 26 10:30:00 CST 2025", "2025-08-26T10:30:00+08:00"),
            ("Tue Aug 26 10:30:00 GMT 2025", "2025-08-26T10:30:00+00:00"),
            ("Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37+08:00"),
            ("Wed Aug 27 13:08:45 +0000 2008", "2008-08-27T13:08:45+00:00"),
            ("Aug 26 10:30:00 CST 2025", "2025-08-26T10:30:00+08:00"),
        ])
    func asctimeFamily(text: String, iso: String) throws {
        #expect(try #require(china.parse(text)).iso8601 == iso)
    }

    @Test(
        "an unknown zone name or a malformed offset makes the date null, never China time",
        arguments: [
            "Tue, 26 Aug 2025 10:30:00 MSK", "Tue Aug 26 10:30:00 MSK 2025", "2025-08-26T10:30:00+25:00",
            "2025-08-26 10:30:00 +08:0", "2025-08-26 10:30:00 +080", "2025-08-26T10:30:00+08:75",
        ])
    func unreadableZone(text: String) {
        #expect(china.parse(text) == nil)
    }

    @Test("known names and well-formed offsets still read; a day with a trailing word is still a day")
    func stillRead() throws {
        #expect(try #require(china.parse("Tue, 26 Aug 2025 10:30:00 EDT")).iso8601 == "2025-08-26T10:30:00-04:00")
        #expect(try #require(china.parse("2025-08-26T10:30:00+05:30")).iso8601 == "2025-08-26T10:30:00+05:30")
        #expect(try #require(china.parse("2025-08-26 10:30 GMT+8")).iso8601 == "2025-08-26T10:30:00+08:00")
        #expect(try #require(china.parse("2025-08-26 Tuesday")).iso8601 == "2025-08-26T00:00:00+08:00")
    }
}

@Suite("ISO 8601 writing")
struct ISOWritingTests {
    /// The joined padded fields the one-buffer writing replaced.
    func joined(_ time: CivilTime, offsetSeconds: Int) -> String {
        let minutes = abs(offsetSeconds) / 60
        return CivilTime.padded(time.year, 4) + "-" + CivilTime.padded(time.month, 2) + "-"
            + CivilTime.padded(time.day, 2) + "T" + CivilTime.padded(time.hour, 2) + ":"
            + CivilTime.padded(time.minute, 2) + ":" + CivilTime.padded(time.second, 2)
            + (offsetSeconds < 0 ? "-" : "+")
            + CivilTime.padded(minutes / 60, 2) + ":" + CivilTime.padded(minutes % 60, 2)
    }

    @Test("dates are written as the padded fields joined, from year 0 to 9999 and beyond, in every offset")
    func fixedWidthMatchesPadded() {
        var generator = SplitMix(seed: 8_26)
        for _ in 0..<5000 {
            let epoch = Int64.random(in: -70_000_000_000...260_000_000_000, using: &generator)
            let offset =
                Int.random(in: -14...14, using: &generator) * 3600 + [0, 1800, 2700].randomElement(using: &generator)!
            let date = PublishedDate(epochSeconds: epoch, offsetSeconds: offset)
            let local = CivilTime(epochSeconds: epoch + Int64(offset))
            #expect(date.iso8601 == joined(local, offsetSeconds: offset), "\(epoch) \(offset)")
            #expect(local.isoDate == String(joined(local, offsetSeconds: offset).prefix(while: { $0 != "T" })))
        }
        #expect(
            PublishedDate(epochSeconds: 1_756_175_400, offsetSeconds: 28_800).iso8601 == "2025-08-26T10:30:00+08:00")
        #expect(CivilTime(year: 12_025, month: 1, day: 2).isoDate == "12025-01-02")
        #expect(CivilTime(year: -1, month: 1, day: 2).isoDate == "-001-01-02")
    }
}
