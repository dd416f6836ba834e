import Foundation

/// Parses durations written as `30s`, `30m`, `1h`, `2d` into whole seconds.
///
/// Only ASCII digits and one unit are read, so no spelling (`inf`, `1e308`, `nan`, `-1`, `0x10`) reaches a floating
/// point conversion, and every product is checked: the result is an exact `Int` or nil, never a trap.
public enum DurationText {
    /// The most digits a duration may have: enough for any range selfbuy accepts, far from `Int`'s overflow.
    static let maximumDigits = 9

    /// The seconds `text` stands for, or nil when it is not a positive whole number of one unit.
    public static func wholeSeconds(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last else { return nil }
        let digits = trimmed.dropLast()
        guard !digits.isEmpty, digits.count <= maximumDigits, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(digits), value > 0
        else { return nil }
        let scale: Int
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86400
        default: return nil
        }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : seconds
    }

    /// The seconds `text` stands for when they fall in `range`, else nil.
    public static func seconds(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let seconds = wholeSeconds(text), range.contains(seconds) else { return nil }
        return seconds
    }

    /// `range` written the way a definition would (`1m` to `30d`), for messages.
    public static func describe(_ range: ClosedRange<Int>) -> String {
        "\"\(spelled(range.lowerBound))\" to \"\(spelled(range.upperBound))\""
    }

    /// Seconds in the largest unit that divides them exactly.
    public static func spelled(_ seconds: Int) -> String {
        for (unit, scale) in [("d", 86400), ("h", 3600), ("m", 60)] where seconds % scale == 0 {
            return "\(seconds / scale)\(unit)"
        }
        return "\(seconds)s"
    }
}
