/// A sum of money written in the text.
struct MoneyAmount: Sendable, Hashable {
    /// Integer yuan; nil when the written value is not a whole number of yuan (never rounded).
    var yuan: Int64?
    /// The upper end of a range (1000万元至2000万元).
    var upperYuan: Int64?
    /// Code-point range of the expression, prefix (人民币, RMB) and unit included.
    var start: Int
    var end: Int
}

/// Finds sums of money: Arabic digits with thousands separators and decimals (3,200万元, 1.5亿元, 5,000万元（含）),
/// Chinese numerals and financial capitals (五千万元, 一亿五千万元, 两亿元, 三千万, 壹亿元, 伍仟万元), mixed forms
/// (1亿5000万元), units 元/万元/千万元/百万元/亿元, 人民币 and RMB prefixes, and ranges (1000万元至2000万元).
///
/// A bare number is not money: it needs 元, or 万/亿 not followed by a count word (1.5亿份 is fund units, not yuan).
/// Refuses values that are not whole yuan (0.123元) rather than approximating them.
enum AmountRule {
    static let currencyPrefixes = Keywords(["人民币", "RMB", "rmb", "CNY", "¥", "￥"])
    static let rangeSeparators: Set<Unicode.Scalar> = ["至", "到", "-", "~", "～", "—", "－", "–"]
    /// Words after 万/亿 that make the number a count of something other than yuan.
    static let countWords: Set<Unicode.Scalar> = [
        "份", "股", "户", "人", "只", "家", "次", "手", "倍", "吨", "美", "港", "平", "册", "张", "条", "个", "年", "日",
    ]

    struct Number {
        var mantissa: Int64
        var decimals: Int
        var start: Int
        var end: Int
    }

    static func amounts(in text: Scalars, range: Range<Int>) -> [MoneyAmount] {
        var result: [MoneyAmount] = []
        var index = range.lowerBound
        var pendingRangeStart: (Number, Int)?
        while index < range.upperBound {
            guard let number = readNumber(text, at: index, limit: range.upperBound) else {
                index += 1
                continue
            }
            guard
                let (multiplier, unitEnd) = readUnit(text, at: number.end, limit: range.upperBound)
                    ?? impliedUnit(text, number: number, limit: range.upperBound)
            else {
                if number.end < range.upperBound, rangeSeparators.contains(text[number.end]) {
                    pendingRangeStart = (number, number.end + 1)
                }
                index = number.end
                continue
            }
            var amount = MoneyAmount(yuan: yuan(number, multiplier), start: number.start, end: unitEnd)
            // 1亿5000万元: a second number with a smaller unit continues the first.
            if multiplier == 100_000_000, let next = readNumber(text, at: unitEnd, limit: range.upperBound),
                next.start == unitEnd,
                let (nextMultiplier, nextEnd) = readUnit(text, at: next.end, limit: range.upperBound),
                nextMultiplier < multiplier
            {
                if let first = amount.yuan, let second = yuan(next, nextMultiplier) {
                    amount.yuan = first + second
                } else {
                    amount.yuan = nil
                }
                amount.end = nextEnd
            }
            if let prefix = currencyPrefix(text, before: amount.start, lower: range.lowerBound) {
                amount.start = prefix
            }
            if let (first, separatorEnd) = pendingRangeStart, separatorEnd == number.start {
                amount = MoneyAmount(
                    yuan: yuan(first, multiplier), upperYuan: amount.yuan, start: first.start, end: amount.end)
            } else if let last = result.last, last.upperYuan == nil, isRangeJoin(text, from: last.end, to: amount.start)
            {
                result.removeLast()
                amount = MoneyAmount(yuan: last.yuan, upperYuan: amount.yuan, start: last.start, end: amount.end)
            }
            pendingRangeStart = nil
            result.append(amount)
            index = amount.end
        }
        return result
    }

    private static func isRangeJoin(_ text: Scalars, from: Int, to: Int) -> Bool {
        guard to - from >= 1, to - from <= 2 else { return false }
        return (from..<to).allSatisfy { rangeSeparators.contains(text[$0]) || text[$0] == " " }
            && rangeSeparators.contains(text[from])
    }

    private static func currencyPrefix(_ text: Scalars, before start: Int, lower: Int) -> Int? {
        var end = start
        while end > lower, text[end - 1] == " " { end -= 1 }
        guard let word = currencyPrefixes.suffix(of: text, endingAt: end), end - word.count >= lower else { return nil }
        return end - word.count
    }

    static func yuan(_ number: Number, _ multiplier: Int64) -> Int64? {
        // Trailing zeros after the point change nothing (1.50亿); dropping them first keeps the divisor small.
        var mantissa = number.mantissa
        var decimals = number.decimals
        while decimals > 0, mantissa % 10 == 0 {
            mantissa /= 10
            decimals -= 1
        }
        if mantissa == 0 { return 0 }
        let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        var divisor: Int64 = 1
        for _ in 0..<decimals {
            let (next, tooMany) = divisor.multipliedReportingOverflow(by: 10)
            // More decimals than any yuan amount can carry: not a whole number of yuan.
            guard !tooMany else { return nil }
            divisor = next
        }
        guard scaled % divisor == 0 else { return nil }
        return scaled / divisor
    }

    /// Reads Arabic digits (with `,` thousands separators and one `.`) or a run of Chinese numerals at `index`.
    static func readNumber(_ text: Scalars, at index: Int, limit: Int) -> Number? {
        guard index < limit else { return nil }
        if let first = asciiDigit(text[index]) {
            if index > 0, asciiDigit(text[index - 1]) != nil || text[index - 1] == "." || isLatinLetter(text[index - 1])
            {
                return nil
            }
            var mantissa = Int64(first)
            var decimals = 0
            var seenPoint = false
            // Zeros after the point count only once a non-zero digit follows them (1.5000亿 is 1.5亿).
            var pendingZeros = 0
            var cursor = index + 1
            while cursor < limit {
                let scalar = text[cursor]
                if let digit = asciiDigit(scalar) {
                    if seenPoint && digit == 0 {
                        pendingZeros += 1
                        cursor += 1
                        continue
                    }
                    for _ in 0..<(seenPoint ? pendingZeros + 1 : 1) {
                        let (product, overflow) = mantissa.multipliedReportingOverflow(by: 10)
                        guard !overflow else { return nil }
                        mantissa = product
                    }
                    mantissa += Int64(digit)
                    if seenPoint {
                        decimals += pendingZeros + 1
                        pendingZeros = 0
                    }
                } else if scalar == ",", !seenPoint, cursor + 3 < limit + 1,
                    (1...3).allSatisfy({ cursor + $0 < limit && asciiDigit(text[cursor + $0]) != nil }),
                    cursor + 4 >= limit || asciiDigit(text[cursor + 4]) == nil
                {
                    // A thousands separator is followed by exactly three digits.
                } else if scalar == ".", !seenPoint, cursor + 1 < limit, asciiDigit(text[cursor + 1]) != nil {
                    seenPoint = true
                } else {
                    break
                }
                cursor += 1
            }
            return Number(mantissa: mantissa, decimals: decimals, start: index, end: cursor)
        }
        guard ChineseNumber.isDigit(text[index]) || text[index] == "十" || text[index] == "拾" else { return nil }
        if index > 0, ChineseNumber.isNumeral(text[index - 1]) { return nil }
        var cursor = index
        while cursor < limit, ChineseNumber.isNumeral(text[cursor]) { cursor += 1 }
        // A trailing 万/亿 belongs to the unit only when the numerals before it are a whole number on their own;
        // ChineseNumber reads 三千万 as 30,000,000 directly, so keep the run whole.
        guard let value = ChineseNumber.value(Array(text[index..<cursor])) else { return nil }
        return Number(mantissa: value, decimals: 0, start: index, end: cursor)
    }

    /// Reads the unit after a number: 元, 万元, 千万元, 百万元, 亿元, or 万/亿/千万 alone when no count word follows.
    static func readUnit(_ text: Scalars, at index: Int, limit: Int) -> (Int64, Int)? {
        var cursor = index
        while cursor < limit, text[cursor] == " " { cursor += 1 }
        var multiplier: Int64 = 1
        var sawLarge = false
        var small: Int64 = 1
        while cursor < limit {
            let scalar = text[cursor]
            if let (_, value) = unitScalars.first(where: { $0.0 == scalar }) {
                if value >= 10_000 {
                    // 1亿亿亿…元: a unit too large for any yuan amount is no money, not an overflow.
                    let (product, overflow) = multiplier.multipliedReportingOverflow(by: small * value)
                    guard !overflow else { return nil }
                    multiplier = product
                    small = 1
                    sawLarge = true
                } else {
                    guard small == 1 else { return nil }
                    small = value
                }
                cursor += 1
            } else {
                break
            }
        }
        guard small == 1 else { return nil }
        if cursor < limit, text[cursor] == "元" { return (multiplier, cursor + 1) }
        if text.hasPrefix(renminbi, at: cursor), sawLarge || cursor > index { return (multiplier, cursor + 3) }
        if sawLarge, cursor >= limit || !countWords.contains(text[cursor]) { return (multiplier, cursor) }
        return nil
    }

    static let renminbi = "人民币".scalars
    static let unitScalars: [(Unicode.Scalar, Int64)] = [
        ("十", 10), ("百", 100), ("千", 1000), ("万", 10_000), ("亿", 100_000_000),
    ]

    /// A run of Chinese numerals that ends in 万 or 亿 (三千万) is money on its own unless a count word follows.
    static func impliedUnit(_ text: Scalars, number: Number, limit: Int) -> (Int64, Int)? {
        guard number.end > number.start, ChineseNumber.largeUnits[text[number.end - 1]] != nil else { return nil }
        if number.end < limit, countWords.contains(text[number.end]) { return nil }
        return (1, number.end)
    }

    static func asciiDigit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }

    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }
}
