/// Recognises the act of a pledge from its structure, not from one fixed phrase: a company spends its own money
/// (固有资金, 自有资金, 自购) or spends money (出资, 斥资, 拿出, 动用) on buying (申购, 认购, 买入, 投向) its own funds
/// (旗下, 本公司, 该基金, 自家, or a fund that carries the company's brand).
enum ActRule {
    static let ownMoney = Keywords(["固有资金", "自有资金", "自有资本", "公司资金", "自营资金", "自有资产"])
    static let selfPurchase = Keywords(["自购", "自掏腰包"])
    /// Spending verbs: the company puts money in.
    static let spend = Keywords(["出资", "斥资", "拿出", "掏出", "动用", "运用", "使用", "投入", "耗资"])
    /// Buying verbs.
    static let buy = Keywords([
        "申购", "认购", "买入", "购买", "投资", "投向", "增持", "配置", "参与认购", "自购", "加仓", "买进", "申赎",
    ])
    /// Objects that are the company's own funds.
    static let ownFunds = Keywords([
        "旗下", "本公司", "公司管理的", "自家", "该基金", "本基金", "上述基金", "上述两只", "上述", "公司产品", "本产品",
    ])
    /// Nouns after 自购 that make it a noun (自购金额, 自购潮) rather than the act.
    static let selfPurchaseNouns = Keywords([
        "金额", "额", "总额", "规模", "份额", "潮", "比例", "情况", "次数", "力度", "行为", "热情", "计划", "公告", "资金",
        "的", "数据", "名单", "榜", "产品", "浮盈", "浮亏", "收益", "盈利", "亏损", "回报",
    ])

    /// First scalars of every word a pledge sentence must contain, checked before any sentence is split.
    static let prefilter = Keywords([
        "固有资金", "自有资金", "自有资本", "自购", "出资", "斥资", "拿出", "掏出", "动用", "申购", "认购", "买入", "投向",
        "自营资金", "公司资金", "运用", "使用", "投资", "购买", "增持", "买进", "加仓", "投入", "自掏腰包",
    ])

    /// A fast scan of a whole (folded) document: false means no sentence in it can be a pledge.
    static func mayContain(_ text: Scalars) -> Bool { prefilter.any(in: text, range: 0..<text.count) }

    /// The same scan over one sentence, with the words that make a sentence worth reading in full (a fund named
    /// after its buyer is bought only with a buying verb, which the prefilter lists).
    static func mayContain(_ text: Scalars, range: Range<Int>) -> Bool { prefilter.any(in: text, range: range) }

    /// Whether a sentence has any word of a self-purchase: worth reading, and worth a near miss when it gives nothing.
    static func looksLikeSelfPurchase(_ text: Scalars, range: Range<Int>) -> Bool {
        let found = purchaseWords.found(in: text, range: range)
        return found.contains(0) || verbalSelfPurchase(text, range: range) != nil
            || (found.contains(1) && found.contains(2)) || (found.contains(2) && found.contains(3))
    }

    /// ``ownMoney``, ``spend``, ``buy`` and ``ownFunds`` (in this order), which every sentence read is tested for.
    static let purchaseWords = KeywordUnion([ownMoney, spend, buy, ownFunds])

    /// The act in `range`: where it is, or nil. `brandFundAfterBuy`: a fund carrying the subject's brand follows a buying
    /// verb (华安基金申购了华安众鑫…).
    static func act(_ text: Scalars, range: Range<Int>, brandFundAfterBuy: Bool) -> Int? {
        if let (at, _) = ownMoney.first(in: text, range: range) { return at }
        if let at = verbalSelfPurchase(text, range: range) { return at }
        let buying = buy.first(in: text, range: range)
        if let (at, _) = spend.first(in: text, range: range), buying != nil { return at }
        if let (at, _) = buying, ownFunds.any(in: text, range: range) || brandFundAfterBuy { return at }
        return nil
    }

    /// 自购 used as a verb (拟自购, 自购2亿元, 自购旗下), not as a noun (自购金额, 自购潮, 的自购).
    static func verbalSelfPurchase(_ text: Scalars, range: Range<Int>) -> Int? {
        for start in text.findAll(Words.selfPurchase, in: range) {
            let next = start + 2
            if next < range.upperBound, selfPurchaseNouns.prefix(of: text, at: next) != nil { continue }
            return start
        }
        return nil
    }

    static let passiveWords = Keywords(["获得", "获", "被", "接受", "得到"])

    /// 获/获得/被…自购: a fund that received purchases, not a company making one.
    static func isPassive(_ text: Scalars, range: Range<Int>) -> Bool {
        for start in text.findAll(Words.selfPurchase, in: range) {
            let lead = max(range.lowerBound, start - 6)..<start
            if passiveWords.any(in: text, range: lead) { return true }
        }
        return false
    }
}
