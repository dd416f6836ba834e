/// A holding period as stated, in ISO 8601 form.
struct StatedPeriod: Sendable, Hashable {
    var iso: String
    var start: Int
    var end: Int
}

/// Finds the minimum holding period a pledge commits to.
///
/// 持有期/持有期限/持有时间/锁定期/至少持有/持有不少于 … 1年/一年/两年/18个月/180天/180日/半年/一年半 →
/// `P1Y`, `P2Y`, `P18M`, `P180D`, `P6M`, `P18M` as stated (never converted between units). A period under a maximum
/// (持有不超过1年) is not a commitment and is refused, as is 长期持有 with no figure.
enum HoldingPeriodRule {
    static let anchors = Keywords([
        "持有期限", "持有期", "持有时间", "持有时长", "锁定期", "封闭期", "持有", "持仓期", "持有期间", "持有期均",
    ])
    static let refusals = Keywords(["不超过", "不高于", "最长", "至多", "以内"])
    /// How far after 持有期 a figure may stand: 持有期限为自认购确认之日起不少于1年.
    static let window = 20

    static func periods(in text: Scalars, range: Range<Int>) -> [StatedPeriod] {
        var result: [StatedPeriod] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard let anchor = anchors.prefix(of: text, at: index) else {
                index += 1
                continue
            }
            let searchEnd = min(range.upperBound, index + anchor.count + window)
            var cursor = index + anchor.count
            var found: StatedPeriod?
            while cursor < searchEnd {
                if ScalarSets.periodStops.contains(text[cursor]) { break }
                // 持有至2026年1月26日: a date, not a period; nothing after it in this statement is one either.
                if isUntil(text, at: cursor) || startsDate(text, at: cursor, limit: range.upperBound) { break }
                if let period = period(text, at: cursor, limit: range.upperBound) {
                    if !refusals.any(in: text, range: (index + anchor.count)..<cursor) { found = period }
                    break
                }
                cursor += 1
            }
            if let found {
                result.append(found)
                index = found.end
                // 分别持有1年、2年: further periods joined by 、 belong to the same statement.
                while index + 1 < range.upperBound, text[index] == "、" || text[index] == "和",
                    let next = period(text, at: index + 1, limit: range.upperBound)
                {
                    result.append(next)
                    index = next.end
                }
            } else {
                index += anchor.count
            }
        }
        return result
    }

    /// 至/到 meaning "until" (not 至少).
    static func isUntil(_ text: Scalars, at index: Int) -> Bool {
        guard text[index] == "至" || text[index] == "到" else { return false }
        return !(index + 1 < text.count && text[index + 1] == "少")
    }

    /// A calendar date starts at `index`: 2026年1月, 1月26日, 2026-01-26.
    static func startsDate(_ text: Scalars, at index: Int, limit: Int) -> Bool {
        guard let number = AmountRule.readNumber(text, at: index, limit: limit), number.decimals == 0 else {
            return false
        }
        var cursor = number.end
        guard cursor < limit else { return false }
        let unit = text[cursor]
        cursor += 1
        let followedByNumber = cursor < limit && AmountRule.asciiDigit(text[cursor]) != nil
        switch unit {
        case "年": return number.mantissa >= 1900 || followedByNumber
        case "月", "-", "/", ".": return followedByNumber
        default: return false
        }
    }

    /// Reads `N年`, `N个月`, `N天`, `N日`, `N周`, `半年`, `N年半` at `index`.
    static func period(_ text: Scalars, at index: Int, limit: Int) -> StatedPeriod? {
        if text.hasPrefix(Words.halfYear, at: index) { return StatedPeriod(iso: "P6M", start: index, end: index + 2) }
        guard let number = AmountRule.readNumber(text, at: index, limit: limit), number.decimals <= 1 else {
            return nil
        }
        var cursor = number.end
        while cursor < limit, text[cursor] == " " { cursor += 1 }
        guard cursor < limit else { return nil }
        let value = number.mantissa
        let half = number.decimals == 1
        if text[cursor] == "年" {
            let end = cursor + 1
            if end < limit, text[end] == "半", !half {
                return StatedPeriod(iso: "P\(value * 12 + 6)M", start: index, end: end + 1)
            }
            if half {
                guard value % 5 == 0 || (value * 12) % 10 == 0 else { return nil }
                return StatedPeriod(iso: "P\(value * 12 / 10)M", start: index, end: end)
            }
            return StatedPeriod(iso: "P\(value)Y", start: index, end: end)
        }
        guard !half else { return nil }
        if text.hasPrefix(Words.months, at: cursor) {
            return StatedPeriod(iso: "P\(value)M", start: index, end: cursor + 2)
        }
        if text.hasPrefix(Words.naturalMonths, at: cursor) {
            return StatedPeriod(iso: "P\(value)M", start: index, end: cursor + 4)
        }
        if text[cursor] == "月" {
            // 1月26日 is a date, not a month.
            if cursor + 1 < limit, AmountRule.asciiDigit(text[cursor + 1]) != nil || text[cursor + 1] == "份" {
                return nil
            }
            return StatedPeriod(iso: "P\(value)M", start: index, end: cursor + 1)
        }
        if text[cursor] == "天" || text[cursor] == "日" {
            return StatedPeriod(iso: "P\(value)D", start: index, end: cursor + 1)
        }
        if text.hasPrefix(Words.naturalDays, at: cursor) {
            return StatedPeriod(iso: "P\(value)D", start: index, end: cursor + 4)
        }
        if text[cursor] == "周" || text.hasPrefix(Words.weeks, at: cursor) {
            return StatedPeriod(iso: "P\(value)W", start: index, end: cursor + (text[cursor] == "周" ? 1 : 3))
        }
        return nil
    }
}

/// Conversions of ISO 8601 periods for sorting and export.
public enum HoldingPeriod {
    /// Days in a period, counting a year as 365 days, a month as 30 and a week as 7.
    public static func days(of iso: String) -> Int? {
        guard iso.hasPrefix("P"), let unit = iso.last, let value = Int(iso.dropFirst().dropLast()) else { return nil }
        switch unit {
        case "Y": return value * 365
        case "M": return value * 30
        case "W": return value * 7
        case "D": return value
        default: return nil
        }
    }
}
