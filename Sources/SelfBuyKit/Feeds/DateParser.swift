import Foundation

/// Reads the dates feeds and pages really contain.
///
/// RFC 822 (`Tue, 26 Aug 2025 10:30:00 CST`), RFC 3339 (`2025-08-26T10:30:00+08:00`), the zoneless forms Chinese sites
/// emit (`2025-08-25 20:15:00`, `2025/8/25`, `2025年8月26日 10:30`), asctime and the forms that share its order — Java's
/// `Date.toString()` (`Tue Aug 26 10:30:00 CST 2025`, what Chinese Java CMSes print) and Twitter's
/// (`Wed Aug 27 13:08:45 +0000 2008`) — and epoch seconds or milliseconds. A date with no zone, and `CST`, are in the
/// feed's time zone (China Standard Time unless the feed says otherwise; other parsers read CST as US Central). A zone
/// name selfbuy does not know, or a malformed offset, makes the date nil: the instant is unknown. What cannot be read
/// is nil, never "now".
public struct DateParser: Sendable {
    public var timeZone: TimeZone {
        didSet { steadyOffset = Self.steadyOffset(of: timeZone) }
    }
    /// From when on (epoch seconds) the zone keeps one offset, and that offset: asking `TimeZone` costs more than
    /// parsing the date, and China has kept +08:00 since 1991.
    private var steadyOffset: (since: Int64, seconds: Int)?

    public init(timeZone: TimeZone = DateParser.china) {
        self.timeZone = timeZone
        steadyOffset = Self.steadyOffset(of: timeZone)
    }

    /// The zone's offset after its last transition, when that transition lies before 2000 (a zone that still
    /// switches, to summer time or otherwise, has none).
    private static func steadyOffset(of zone: TimeZone) -> (since: Int64, seconds: Int)? {
        let probe = Date(timeIntervalSince1970: 946_684_800)
        guard zone.nextDaylightSavingTimeTransition(after: probe) == nil else { return nil }
        return (946_684_800, zone.secondsFromGMT(for: probe))
    }

    /// The zone's offset at an instant.
    private func offset(at epochSeconds: Int64) -> Int {
        if let steadyOffset, epochSeconds >= steadyOffset.since { return steadyOffset.seconds }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
    }

    public static let china = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    ]
    /// Named zones in hours; `cst` is resolved against the feed's zone instead.
    static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8,
        "pdt": -7, "jst": 9, "kst": 9, "hkt": 8, "sgt": 8, "bjt": 8, "awst": 8, "bst": 1, "cet": 1, "cest": 2,
        "ast": -4, "adt": -3, "et": -5, "ct": -6, "mt": -7, "pt": -8, "akst": -9, "akdt": -8, "hst": -10, "wet": 0,
        "west": 1, "eet": 2, "eest": 3, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13, "twt": 8, "mot": 8,
    ]

    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case symbol(Unicode.Scalar)
    }

    /// Parses a date string.
    ///
    /// - Returns: the instant and the offset it was written in, or nil when the string is not a date selfbuy can read.
    public func parse(_ raw: String) -> PublishedDate? {
        let text = raw.trimmedWhitespace
        guard !text.isEmpty, text.utf8.count < 200 else { return nil }
        if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return epoch(text) }
        var tokens = Self.tokenize(text)
        var index = 0
        var civil: CivilTime
        let hasTime: Bool
        if let (day, timeStart) = Self.asctimeDate(tokens) {
            // asctime, Java's Date.toString() and Twitter: the year comes last, after the time and the zone.
            civil = day
            index = timeStart
            tokens.removeLast()
            guard time(tokens, &index, into: &civil) else { return nil }
            hasTime = true
        } else {
            guard let day = civilDate(tokens, &index) else { return nil }
            civil = day
            hasTime = time(tokens, &index, into: &civil)
        }
        guard civil.isValid else { return nil }
        let offset: Int
        switch zone(tokens, from: index, hasTime: hasTime, localGuess: civil) {
        case .stated(let explicit): offset = explicit
        case .none: offset = localOffset(for: civil)
        case .unreadable: return nil
        }
        return PublishedDate(
            epochSeconds: civil.epochSeconds - Int64(offset), offsetSeconds: offset, hasTime: hasTime)
    }

    private func epoch(_ digits: String) -> PublishedDate? {
        guard let value = Int64(digits) else { return nil }
        let seconds: Int64
        switch digits.count {
        case 13: seconds = value / 1000
        case 10: seconds = value
        default: return nil
        }
        return PublishedDate(epochSeconds: seconds, offsetSeconds: offset(at: seconds))
    }

    private func localOffset(for civil: CivilTime) -> Int {
        let asUTC = civil.epochSeconds
        return offset(at: asUTC - Int64(offset(at: asUTC)))
    }

    /// Splits a date into numbers (ASCII or full-width digits), lower-cased ASCII words and other symbols; white space
    /// and commas only separate. Reads the UTF-8 bytes directly: a feed has a date per item.
    static func tokenize(_ text: String) -> [Token] {
        var text = text
        return text.withUTF8 { bytes -> [Token] in
            guard let base = bytes.baseAddress else { return [] }
            var tokens: [Token] = []
            tokens.reserveCapacity(16)
            var number = 0
            var digits = 0
            var wordStart = -1
            func flush(at end: Int) {
                if digits > 0 { tokens.append(.number(number, digits: digits)) }
                if wordStart >= 0 {
                    let word = String(unsafeUninitializedCapacity: end - wordStart) { slots in
                        for offset in 0..<(end - wordStart) { slots[offset] = base[wordStart + offset] | 0x20 }
                        return end - wordStart
                    }
                    tokens.append(.word(word))
                }
                number = 0
                digits = 0
                wordStart = -1
            }
            var index = 0
            while index < bytes.count {
                let lead = base[index]
                let length = UTF8Characters.sequenceLength(lead)
                let value = UTF8Characters.scalar(base, at: index, count: bytes.count)
                if (0x30...0x39).contains(value) || (0xFF10...0xFF19).contains(value) {
                    if wordStart >= 0 { flush(at: index) }
                    if digits < 10 { number = number * 10 + Int(value >= 0xFF10 ? value - 0xFF10 : value - 0x30) }
                    digits += 1
                } else if (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) {
                    if digits > 0 { flush(at: index) }
                    if wordStart < 0 { wordStart = index }
                } else {
                    flush(at: index)
                    if UTF8Characters.spaceLength(base, at: index, count: bytes.count) == 0, value != 0x2C,
                        let scalar = Unicode.Scalar(value)
                    {
                        tokens.append(.symbol(scalar))
                    }
                }
                index = min(bytes.count, index + length)
            }
            flush(at: bytes.count)
            return tokens
        }
    }

    /// Finds year, month and day: `Y-M-D` style (also `/`, `.`, 年月日) or RFC 822 `D Mon Y` / `Mon D Y`.
    private func civilDate(_ tokens: [Token], _ index: inout Int) -> CivilTime? {
        for start in tokens.indices {
            guard case .number(let year, 4) = tokens[start], start + 4 < tokens.count,
                case .symbol(let separator) = tokens[start + 1], "-/.年".unicodeScalars.contains(separator),
                case .number(let month, let monthDigits) = tokens[start + 2], monthDigits <= 2,
                case .symbol(let separator2) = tokens[start + 3], "-/.月".unicodeScalars.contains(separator2),
                case .number(let day, let dayDigits) = tokens[start + 4], dayDigits <= 2
            else { continue }
            index = start + 5
            if index < tokens.count, tokens[index] == .symbol("日") || tokens[index] == .symbol("号") { index += 1 }
            return CivilTime(year: year, month: month, day: day)
        }
        for (position, token) in tokens.enumerated() {
            guard case .word(let name) = token, let month = Self.months[name] else { continue }
            if position > 0, case .number(let day, let dayDigits) = tokens[position - 1], dayDigits <= 2,
                position + 1 < tokens.count, case .number(let year, let yearDigits) = tokens[position + 1],
                yearDigits == 4 || yearDigits == 2
            {
                index = position + 2
                return CivilTime(year: yearDigits == 2 ? 2000 + year : year, month: month, day: day)
            }
            if position + 2 < tokens.count, case .number(let day, let dayDigits) = tokens[position + 1],
                dayDigits <= 2, case .number(let year, 4) = tokens[position + 2]
            {
                index = position + 3
                return CivilTime(year: year, month: month, day: day)
            }
        }
        return nil
    }

    /// Reads `HH:MM[:SS[.fff]]` or `HH时MM分[SS秒]` after the date, skipping a `T`.
    private func time(_ tokens: [Token], _ index: inout Int, into civil: inout CivilTime) -> Bool {
        var cursor = index
        if cursor < tokens.count, tokens[cursor] == .word("t") { cursor += 1 }
        guard cursor + 2 < tokens.count, case .number(let hour, let hourDigits) = tokens[cursor], hourDigits <= 2,
            case .symbol(let separator) = tokens[cursor + 1], separator == ":" || separator == "时" || separator == "：",
            case .number(let minute, 2) = tokens[cursor + 2]
        else { return false }
        civil.hour = hour
        civil.minute = minute
        cursor += 3
        if cursor < tokens.count, tokens[cursor] == .symbol("分") { cursor += 1 }
        if cursor + 1 < tokens.count, case .symbol(let colon) = tokens[cursor], colon == ":" || colon == "：",
            case .number(let second, 2) = tokens[cursor + 1]
        {
            civil.second = second
            cursor += 2
            if cursor + 1 < tokens.count, tokens[cursor] == .symbol("."), case .number = tokens[cursor + 1] {
                cursor += 2
            }
        } else if cursor < tokens.count, case .number(let second, let digits) = tokens[cursor], digits <= 2,
            cursor + 1 < tokens.count, tokens[cursor + 1] == .symbol("秒")
        {
            civil.second = second
            cursor += 2
        }
        if cursor < tokens.count, case .word(let meridiem) = tokens[cursor], meridiem == "pm" || meridiem == "am" {
            if meridiem == "pm", civil.hour < 12 { civil.hour += 12 }
            if meridiem == "am", civil.hour == 12 { civil.hour = 0 }
            cursor += 1
        }
        index = cursor
        return true
    }

    /// What a date says about its zone.
    enum Zone: Equatable {
        /// Nothing: the feed's zone applies.
        case none
        case stated(Int)
        /// A zone name selfbuy does not know (`MSK`) or a malformed offset (`+08:0`, `+25:00`): the instant is
        /// unknown, and guessing China time would shift it by hours.
        case unreadable
    }

    /// The zone after the time: `Z`, `GMT`, `CST`, `+0800`, `+08:00`, `GMT+8`. An offset is read only after a time of
    /// day, and an unknown name only counts there too (`2025-08-26 Tuesday` is a day).
    private func zone(_ tokens: [Token], from start: Int, hasTime: Bool, localGuess: CivilTime) -> Zone {
        var cursor = start
        var base = Zone.none
        if cursor < tokens.count, case .word(let name) = tokens[cursor] {
            if name == "cst" || name == "beijing" {
                base = .stated(localOffset(for: localGuess))
            } else if let hours = Self.zones[name] {
                base = .stated(hours * 3600)
            } else {
                return hasTime ? .unreadable : .none
            }
            cursor += 1
        }
        guard hasTime || base != .none, cursor + 1 < tokens.count, case .symbol(let sign) = tokens[cursor],
            sign == "+" || sign == "-", case .number(let value, let digits) = tokens[cursor + 1]
        else { return base }
        var hours: Int
        var minutes = 0
        switch digits {
        case 4:
            hours = value / 100
            minutes = value % 100
        case 1, 2:
            hours = value
            if cursor + 2 < tokens.count, tokens[cursor + 2] == .symbol(":") {
                guard cursor + 3 < tokens.count, case .number(let m, 2) = tokens[cursor + 3] else { return .unreadable }
                minutes = m
            }
        default:
            return .unreadable
        }
        guard hours <= 14, minutes < 60 else { return .unreadable }
        hours = hours * 3600 + minutes * 60
        return .stated(sign == "-" ? -hours : hours)
    }

    /// `[Weekday] Mon D HH:MM:SS [zone] YYYY`: the date (its year the last token) and where its time starts.
    static func asctimeDate(_ tokens: [Token]) -> (CivilTime, Int)? {
        guard tokens.count >= 7, case .number(let year, 4) = tokens[tokens.count - 1] else { return nil }
        for position in 0..<2 {
            guard case .word(let name) = tokens[position], let month = months[name],
                case .number(let day, let dayDigits) = tokens[position + 1], dayDigits <= 2,
                case .number = tokens[position + 2], tokens[position + 3] == .symbol(":")
            else { continue }
            return (CivilTime(year: year, month: month, day: day), position + 2)
        }
        return nil
    }
}
