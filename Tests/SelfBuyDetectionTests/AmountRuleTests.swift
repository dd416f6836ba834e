import Testing

@testable import SelfBuyDetection

@Suite("Amounts")
struct AmountRuleTests {
    func amounts(_ text: String) -> [MoneyAmount] {
        let scalars = text.scalars
        return AmountRule.amounts(in: scalars, range: 0..<scalars.count)
    }

    func yuan(_ text: String) -> Int64? { amounts(text).first?.yuan }

    @Test(
        "written amounts become integer yuan",
        arguments: [
            ("不超过3200万元", 32_000_000), ("3,200万元", 32_000_000), ("1.5亿元", 150_000_000),
            ("5,000万元（含）", 50_000_000), ("五千万元", 50_000_000), ("一亿五千万元", 150_000_000),
            ("两亿元", 200_000_000), ("三千万", 30_000_000), ("壹亿元", 100_000_000), ("伍仟万元", 50_000_000),
            ("3千万元", 30_000_000), ("500百万元", 500_000_000), ("人民币1,000万元", 10_000_000),
            ("RMB 3000万元", 30_000_000), ("1亿5000万元", 150_000_000), ("8000元", 8000), ("2亿", 200_000_000),
            ("１０００万元", 10_000_000), ("0.5亿元", 50_000_000), ("1000万人民币", 10_000_000),
        ] as [(String, Int64)])
    func parses(text: String, expected: Int64) {
        #expect(yuan(text) == expected)
    }

    @Test("a value that is not whole yuan is nil, never rounded")
    func fractionalYuanIsNil() {
        let found = amounts("0.125元")
        #expect(found.count == 1)
        #expect(found.first?.yuan == nil)
    }

    @Test("counts of fund units, shares or people are not money", arguments: ["1.5亿份", "3000万股", "200万户", "5万人"])
    func countsAreNotMoney(text: String) {
        #expect(amounts(text).isEmpty)
    }

    @Test("bare numbers, years and fund codes are not money", arguments: ["沪深300ETF", "2025年", "持有期不少于1年", "A500"])
    func bareNumbersAreNotMoney(text: String) {
        #expect(amounts(text).isEmpty)
    }

    @Test("a range gives its lower end and its upper end")
    func ranges() {
        for text in ["1000万元至2000万元", "1000至2000万元", "1000万元-2000万元"] {
            let found = amounts(text)
            #expect(found.count == 1, "\(text)")
            #expect(found.first?.yuan == 10_000_000, "\(text)")
            #expect(found.first?.upperYuan == 20_000_000, "\(text)")
        }
    }

    @Test("offsets cover the currency prefix and the unit")
    func offsets() throws {
        let found = try #require(amounts("运用人民币1,000万元认购").first)
        #expect(found.start == 2)
        #expect(found.end == 12)
    }

    @Test("any amount written in Arabic numerals with a 万元 unit parses back to itself")
    func arabicRoundTrip() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<500 {
            let value = Int64(generator.next() % 9_999_999) + 1
            #expect(yuan("\(value)万元") == value * 10_000)
            #expect(yuan("\(grouped(value))万元") == value * 10_000)
            #expect(yuan("\(value)元") == value)
        }
    }

    @Test("any amount written in Chinese numerals parses back to itself")
    func chineseRoundTrip() {
        var generator = SplitMix(seed: 11)
        for _ in 0..<500 {
            let value = Int64(generator.next() % 999_999_999_999) + 1
            let written = chinese(value)
            #expect(ChineseNumber.value(written.scalars) == value, "\(written)")
            #expect(yuan(written + "元") == value, "\(written)元")
        }
    }

    func grouped(_ value: Int64) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// Writes a number the way Chinese texts do (一亿五千万, 三千零五), written independently of the parser.
    func chinese(_ value: Int64) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        func section(_ value: Int64) -> String {
            let units = ["千", "百", "十", ""]
            var result = ""
            var zero = false
            for (index, divisor) in [1000, 100, 10, 1].enumerated() {
                let digit = Int(value) / divisor % 10
                if digit == 0 {
                    zero = !result.isEmpty
                } else {
                    if zero { result += "零" }
                    zero = false
                    result += digits[digit] + units[index]
                }
            }
            return result
        }
        var parts: [String] = []
        let yi = value / 100_000_000
        let wan = value / 10_000 % 10_000
        let rest = value % 10_000
        if yi > 0 { parts.append(section(yi) + "亿") }
        if wan > 0 {
            parts.append((yi > 0 && wan < 1000 ? "零" : "") + section(wan) + "万")
        } else if yi > 0 && rest > 0 {
            parts.append("零")
        }
        if rest > 0 {
            parts.append(((yi > 0 || wan > 0) && rest < 1000 && !(parts.last == "零") ? "零" : "") + section(rest))
        }
        return parts.joined()
    }
}

/// A small deterministic generator for property tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
