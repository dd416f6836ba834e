/// Decides how the words around an amount bound it.
///
/// Before the amount: 不超过/不高于/不多于/至多/最高/最多/上限 → `max` (不超过3200万元); 不低于/不少于/至少/最低/超过 →
/// `min` (不低于2000万元); 约/大约/近/逾 → `approx`. After it: 以内/以下 → `max`; 以上/起 → `min`; 左右 → `approx`.
/// Only the words adjacent to the amount count, so 持有期不少于1年 in the same sentence never bounds the money.
enum BoundRule {
    static let maxBefore = Keywords([
        "不超过", "不高于", "不多于", "至多", "最高", "最多", "上限为", "上限", "不超出", "总额不超过", "不逾",
    ])
    static let minBefore = Keywords(["不低于", "不少于", "至少", "最低", "最少", "超过", "逾", "下限为", "下限"])
    static let approxBefore = Keywords(["约", "大约", "近", "约为", "大概"])
    static let maxAfter = Keywords(["以内", "以下", "为上限", "封顶"])
    static let minAfter = Keywords(["以上", "起"])
    static let approxAfter = Keywords(["左右", "上下"])
    /// Words that may stand between a bound and its amount (不超过人民币3200万元, 上限为合计5000万元).
    static let fillers = Keywords(["人民币", "金额", "合计", "共计", "总计", "为", "是", "达", "资金"])

    /// The bound of the amount at `start..<end`, and where its words are.
    static func bound(_ text: Scalars, amountStart start: Int, end: Int, lower: Int, upper: Int) -> (
        AmountBound, Range<Int>?
    ) {
        var cursor = start
        while cursor > lower {
            if let filler = fillers.suffix(of: text, endingAt: cursor), cursor - filler.count >= lower {
                cursor -= filler.count
            } else if text[cursor - 1] == " " {
                cursor -= 1
            } else {
                break
            }
        }
        let table: [(Keywords, AmountBound)] = [(maxBefore, .max), (minBefore, .min), (approxBefore, .approx)]
        var best: (AmountBound, Int)?
        for (words, bound) in table {
            if let word = words.suffix(of: text, endingAt: cursor), cursor - word.count >= lower,
                best == nil || word.count > best!.1
            {
                best = (bound, word.count)
            }
        }
        if let (bound, length) = best {
            // 不超过 ends in 超过: the longest match already won above.
            return (bound, (cursor - length)..<cursor)
        }
        var after = end
        if after < upper, text.hasPrefix(Words.inclusive, at: after) || text.hasPrefix(Words.inclusiveASCII, at: after)
        {
            after += 3
        }
        let afterTable: [(Keywords, AmountBound)] = [(maxAfter, .max), (minAfter, .min), (approxAfter, .approx)]
        for (words, bound) in afterTable {
            if let word = words.prefix(of: text, at: after), after + word.count <= upper {
                return (bound, after..<(after + word.count))
            }
        }
        return (.exact, nil)
    }
}
