import Foundation
import Testing

@testable import SelfBuyKit

@Suite("ISO dates written without Foundation's formatter")
struct ISODateTests {
    @Test("padded numbers read as %0*d prints them, signs and overlong values included")
    func paddedAsPrintf() {
        for value in [-12345, -100, -5, 0, 7, 42, 999, 2025, 10000, 123_456] {
            for width in [2, 4] {
                #expect(CivilTime.padded(value, width) == String(format: "%0\(width)d", value), "\(value) \(width)")
            }
        }
    }

    @Test("dates and offsets are written as before")
    func isoForms() {
        let date = PublishedDate(epochSeconds: 1_756_175_400, offsetSeconds: 8 * 3600)
        #expect(date.iso8601 == "2025-08-26T10:30:00+08:00")
        #expect(
            PublishedDate(epochSeconds: 1_756_175_400, offsetSeconds: -(5 * 3600 + 1800)).iso8601.hasSuffix("-05:30"))
        #expect(date.localDay() == "2025-08-26")
        #expect(TimelineStore.isoDay(CivilTime.days(fromCivil: 2025, 3, 1) - 7) == "2025-02-22")
    }
}
