/// Reads numbers written with Chinese numerals, including financial capitals: 三千万 → 30,000,000, 一亿五千万 →
/// 150,000,000, 两亿 → 200,000,000, 壹亿 → 100,000,000, 伍仟万 → 50,000,000, 一〇〇 → 100.
public enum ChineseNumber {
    static let digits: [Unicode.Scalar: Int64] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9,
    ]
    static let smallUnits: [Unicode.Scalar: Int64] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]
    static let largeUnits: [Unicode.Scalar: Int64] = ["万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000]

    /// The numerals and the digits among them as bitmaps (every numeral is below U+FFFF): a membership test
    /// without hashing, for the scalars of every place an amount may start.
    static let numeralBits: ScalarBits = {
        var bits = ScalarBits()
        for scalar in Array(digits.keys) + Array(smallUnits.keys) + Array(largeUnits.keys) { bits.insert(scalar) }
        return bits
    }()
    static let digitBits: ScalarBits = {
        var bits = ScalarBits()
        for scalar in digits.keys { bits.insert(scalar) }
        return bits
    }()

    @inline(__always)
    static func isNumeral(_ scalar: Unicode.Scalar) -> Bool { numeralBits.contains(scalar) }

    /// Whether the scalar is a Chinese digit (一, 两, 壹…).
    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { digitBits.contains(scalar) }

    /// The value of a run of numerals, or nil when it is not a well-formed number (or overflows).
    public static func value(_ numerals: Scalars) -> Int64? {
        guard !numerals.isEmpty else { return nil }
        if numerals.allSatisfy({ digits[$0] != nil }) {
            var value: Int64 = 0
            for numeral in numerals {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = product + digits[numeral]!
            }
            return numerals.count == 1 || !numerals.contains("两") ? value : nil
        }
        var total: Int64 = 0
        var section: Int64 = 0
        var digit: Int64?
        var lastLarge: Int64 = Int64.max
        for numeral in numerals {
            if let value = digits[numeral] {
                if digit != nil && value != 0 { return nil }
                digit = value == 0 ? nil : value
            } else if let unit = smallUnits[numeral] {
                section += (digit ?? (section == 0 && unit == 10 ? 1 : 0)) * unit
                if digit == nil && !(section == unit && unit == 10) && section == 0 { return nil }
                digit = nil
            } else if let unit = largeUnits[numeral] {
                section += digit ?? 0
                digit = nil
                guard section > 0 || total > 0, unit < lastLarge || unit == 100_000_000 else { return nil }
                if unit == 100_000_000 {
                    let (product, overflow) = (total + section).multipliedReportingOverflow(by: unit)
                    guard !overflow else { return nil }
                    total = product
                } else {
                    total += section * unit
                }
                section = 0
                lastLarge = unit
            } else {
                return nil
            }
        }
        return total + section + (digit ?? 0)
    }
}
