/// A fund type named in the text, and where.
struct NamedFundType: Sendable, Hashable {
    var type: FundType
    var start: Int
    var end: Int
}

/// Finds the fund types a pledge names; the most specific wins.
///
/// ETF (交易型开放式指数) > FOF (基金中基金) > 货币 > 债券 (纯债, 短债, 固收) > 指数 > 混合 > 权益类/股票型/偏股 (equity).
/// 偏股混合型 is therefore `mixed` and 沪深300ETF `etf`.
enum FundTypeRule {
    static let vocabulary: [(FundType, Keywords)] = [
        (.etf, Keywords(["ETF", "etf", "交易型开放式指数"])),
        (.fof, Keywords(["FOF", "fof", "基金中基金"])),
        (.money, Keywords(["货币市场基金", "货币基金", "货币型", "货币市场"])),
        (.bond, Keywords(["债券型", "债券基金", "债券类", "债基", "纯债", "短债", "固收", "固定收益", "债券"])),
        (.index, Keywords(["指数基金", "指数型", "指数增强", "指数"])),
        (.mixed, Keywords(["混合型", "混合基金", "混合类", "混合"])),
        (.equity, Keywords(["权益类", "权益型", "权益基金", "股票型", "股票基金", "股票类", "偏股", "权益"])),
    ]

    static let specificity: [FundType: Int] = [
        .etf: 7, .fof: 6, .money: 5, .bond: 4, .index: 3, .mixed: 2, .equity: 1, .unspecified: 0,
    ]

    /// Every fund type named in `range`, in text order.
    static func types(in text: Scalars, range: Range<Int>) -> [NamedFundType] {
        var result: [NamedFundType] = []
        for (type, words) in vocabulary {
            for word in words.words {
                for start in text.findAll(word, in: range)
                where !result.contains(where: { $0.start <= start && start < $0.end }) {
                    result.append(NamedFundType(type: type, start: start, end: start + word.count))
                }
            }
        }
        return result.sorted { $0.start < $1.start }
    }

    /// The most specific of several named types; the first named among equals.
    static func mostSpecific(_ types: [NamedFundType]) -> NamedFundType? {
        types.max { specificity[$0.type]! < specificity[$1.type]! }
    }
}
