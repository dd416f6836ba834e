/// A fund type named in the text, and where.
struct NamedFundType: Sendable, Hashable {
    var type: FundType
    var start: Int
    var end: Int
}

/// Finds the fund type a pledge names.
///
/// Type words that touch (偏股混合型, 权益基金南方中证A500ETF: a class and the fund that instantiates it) form one
/// phrase whose most specific word wins: ETF (交易型开放式指数) > FOF (基金中基金) > 货币 > 债券 > 指数 > 混合 >
/// 权益类/股票型/偏股 (equity). Phrases of one pledge that are listed side by side combine: the same type is that type;
/// 股票型 and 混合型 together are `equity`; types of different classes (偏股型及FOF, 混合、指数增强与ETF联接) are
/// `unspecified`. An example before 等 yields to the class after it (某某ETF等权益类基金).
enum FundTypeRule {
    static let vocabulary: [(FundType, Keywords)] = [
        (.etf, Keywords(["ETF", "etf", "交易型开放式指数"])),
        (.fof, Keywords(["FOF", "fof", "基金中基金"])),
        (.money, Keywords(["货币市场基金", "货币基金", "货币型", "货币市场", "货基"])),
        (.bond, Keywords(["债券型", "债券基金", "债券类", "债基", "纯债", "短债", "中短债", "固收", "固定收益", "债券"])),
        (
            .index,
            Keywords([
                "指数基金", "指数型", "指数增强", "指数证券投资", "指数发起", "指数产品", "指数类", "指数LOF", "指数(LOF)",
                "指数（LOF）", "指数A", "指数C", "指数分级",
            ])
        ),
        (.mixed, Keywords(["混合型", "混合基金", "混合类", "混合"])),
        (
            .equity,
            Keywords([
                "权益类", "权益型", "权益基金", "股票型", "股票基金", "股票类", "偏股", "权益公募", "权益产品", "主动权益",
            ])
        ),
    ]

    static let specificity: [FundType: Int] = [
        .etf: 7, .fof: 6, .money: 5, .bond: 4, .index: 3, .mixed: 2, .equity: 1, .unspecified: 0,
    ]
    /// Listed side by side, these are the equity class (股票型、混合型); any other mix is of different classes.
    static let equityFamily: Set<FundType> = [.equity, .mixed]
    /// What may separate two peers of a list of types or funds.
    static let listJoints: Set<Unicode.Scalar> = ["、", "和", "及", "与", "，", ",", "或", "；", "以", "跟", "同", "等"]

    /// Every type word, and the type it names.
    static let allWords = Keywords(vocabulary.flatMap { $0.1.words.map(\.string) })
    static let typeOfWord: [Scalars: FundType] = {
        var table: [Scalars: FundType] = [:]
        for (type, words) in vocabulary {
            for word in words.words where table[word] == nil { table[word] = type }
        }
        return table
    }()

    /// Every fund type word named in `range`, in text order (the longest word at each place), in one pass.
    static func types(in text: Scalars, range: Range<Int>) -> [NamedFundType] {
        var result: [NamedFundType] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if let word = allWords.prefix(of: text, at: index), index + word.count <= range.upperBound,
                let type = typeOfWord[word]
            {
                result.append(NamedFundType(type: type, start: index, end: index + word.count))
                index += word.count
            } else {
                index += 1
            }
        }
        return result
    }

    /// The type a pledge names in `range`, with the span of the deciding word; nil when no type word is there.
    static func pledgeType(in text: Scalars, range: Range<Int>) -> NamedFundType? {
        let words = types(in: text, range: range)
        guard !words.isEmpty else { return nil }
        // Phrases: words not separated by a list joint belong to one fund or class name.
        var phrases: [[NamedFundType]] = [[words[0]]]
        for word in words.dropFirst() {
            let previous = phrases[phrases.count - 1].last!
            let gap = previous.end..<word.start
            if gap.isEmpty || !gap.contains(where: { listJoints.contains(text[$0]) }) {
                phrases[phrases.count - 1].append(word)
            } else {
                phrases.append([word])
            }
        }
        var heads = phrases.map { mostSpecific($0)! }
        // 某某ETF等权益类基金: an example yields to the class it exemplifies.
        if let exampleEnd = heads.lastIndex(where: { head in
            heads.contains { $0.start > head.end && text.contains(Words.etc, in: head.end..<$0.start) }
        }) {
            heads.removeFirst(exampleEnd + 1)
        }
        let distinct = Set(heads.map(\.type))
        if distinct.count == 1 { return heads[0] }
        if distinct.isSubset(of: equityFamily) {
            return NamedFundType(type: .equity, start: heads[0].start, end: heads[heads.count - 1].end)
        }
        return NamedFundType(type: .unspecified, start: heads[0].start, end: heads[heads.count - 1].end)
    }

    /// The most specific of several named types; the first named among equals.
    static func mostSpecific(_ types: [NamedFundType]) -> NamedFundType? {
        types.max { specificity[$0.type]! < specificity[$1.type]! }
    }
}
