import Foundation

/// An instant as a source stated it, with the UTC offset it was stated in.
public struct PublishedDate: Sendable, Hashable, Codable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// The offset of the source's clock from UTC, in seconds (+28800 for China Standard Time).
    public var offsetSeconds: Int
    /// False for a date with no time of day (`2025-08-26`), which a more precise statement of the same day may refine.
    public var hasTime: Bool

    public init(epochSeconds: Int64, offsetSeconds: Int, hasTime: Bool = true) {
        self.epochSeconds = epochSeconds
        self.offsetSeconds = offsetSeconds
        self.hasTime = hasTime
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(epochSeconds)) }

    /// ISO 8601 with the source's offset: `2025-08-26T10:30:00+08:00`.
    public var iso8601: String {
        let local = CivilTime(epochSeconds: epochSeconds + Int64(offsetSeconds))
        let sign = offsetSeconds < 0 ? "-" : "+"
        let minutes = abs(offsetSeconds) / 60
        if let fixed = local.fixedWidth(offset: (offsetSeconds < 0, minutes / 60, minutes % 60)) { return fixed }
        return local.isoDateTime + sign + CivilTime.padded(minutes / 60, 2) + ":" + CivilTime.padded(minutes % 60, 2)
    }

    /// The calendar day in a given offset (China Standard Time by default), as `YYYY-MM-DD`.
    public func localDay(offsetSeconds: Int = CivilTime.chinaOffset) -> String {
        CivilTime(epochSeconds: epochSeconds + Int64(offsetSeconds)).isoDate
    }
}

/// Proleptic Gregorian calendar arithmetic on plain integers: fast, locale-free and independent of the host time zone.
public struct CivilTime: Sendable, Equatable {
    public static let chinaOffset = 8 * 3600

    public var year: Int
    public var month: Int
    public var day: Int
    public var hour = 0
    public var minute = 0
    public var second = 0

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Breaks seconds since the epoch (already shifted to local time) into fields.
    public init(epochSeconds: Int64) {
        let days = Int(epochSeconds >= 0 ? epochSeconds / 86400 : (epochSeconds - 86399) / 86400)
        let secondsOfDay = Int(epochSeconds - Int64(days) * 86400)
        (year, month, day) = Self.civil(fromDays: days)
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
    }

    /// Whether the fields name a real calendar date and time.
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.daysInMonth(year, month) && (0...23).contains(hour)
            && (0...59).contains(minute) && (0...60).contains(second) && (1900...2200).contains(year)
    }

    /// Seconds since the epoch of these fields read as UTC.
    public var epochSeconds: Int64 {
        Int64(Self.days(fromCivil: year, month, day)) * 86400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
    }

    public var isoDate: String {
        if let fixed = fixedWidth(time: false) { return fixed }
        return Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    public var isoDateTime: String {
        if let fixed = fixedWidth(time: true) { return fixed }
        return isoDate + "T" + Self.padded(hour, 2) + ":" + Self.padded(minute, 2) + ":" + Self.padded(second, 2)
    }

    /// `YYYY-MM-DD`, with `THH:MM:SS` when `time` is true and the offset (`+HH:MM`) when one is given, written into
    /// one buffer: dates are written for every document stored, and joining seven padded strings was 3 % of an
    /// ingest. Nil when a field does not fit its width (a year before 0 or after 9999), which ``padded(_:_:)`` writes.
    func fixedWidth(time: Bool = true, offset: (negative: Bool, hours: Int, minutes: Int)? = nil) -> String? {
        let twoDigits = 0...99
        guard (0...9999).contains(year), twoDigits.contains(month), twoDigits.contains(day), twoDigits.contains(hour),
            twoDigits.contains(minute), twoDigits.contains(second),
            offset.map({ twoDigits.contains($0.hours) && twoDigits.contains($0.minutes) }) ?? true
        else { return nil }
        let length = offset != nil ? 25 : time ? 19 : 10
        return String(unsafeUninitializedCapacity: length) { output in
            func put(_ value: Int, _ width: Int, at start: Int) {
                var value = value
                for position in stride(from: start + width - 1, through: start, by: -1) {
                    output[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            output[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            output[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            guard length > 10 else { return 10 }
            output[10] = UInt8(ascii: "T")
            put(hour, 2, at: 11)
            output[13] = UInt8(ascii: ":")
            put(minute, 2, at: 14)
            output[16] = UInt8(ascii: ":")
            put(second, 2, at: 17)
            guard let offset else { return 19 }
            output[19] = offset.negative ? UInt8(ascii: "-") : UInt8(ascii: "+")
            put(offset.hours, 2, at: 20)
            output[22] = UInt8(ascii: ":")
            put(offset.minutes, 2, at: 23)
            return 25
        }
    }

    /// `value` as `%0*d` prints it (the sign counts in the width), without Foundation's formatter: dates are written
    /// for every document stored, and `String(format:)` was a fifteenth of an ingest.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - sign.count - digits.count)) + digits
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
