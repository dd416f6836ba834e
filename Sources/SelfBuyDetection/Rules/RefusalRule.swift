/// Statements that mention money and funds but are not pledges, each refused with a reason a researcher can audit.
///
/// Refusals work on the part of a sentence that belongs to one subject (a segment) or on one amount, never on the
/// whole sentence, so that 基金经理 or 多家 elsewhere in a sentence cannot hide a company's own pledge.
enum RefusalRule {
    /// Statistics, rankings and running totals: 年内净申购, 位居第一, 占比, 累计自购22次.
    static let statistics = Keywords([
        "位居", "位列", "排在", "居首", "居前", "紧随其后", "榜首", "排名", "排行", "年内", "今年以来", "年初以来", "年初至", "净申购", "净赎回",
        "净流入", "占比", "同比", "环比", "累计自购", "数据显示", "统计显示", "不完全统计", "据统计", "平均", "中位数",
    ])
    /// Words in an amount's clause, before it, that make it some other money: a fund's size, fees, raising caps,
    /// subscriptions by investors, profit.
    static let otherMoneyBefore = Keywords([
        "规模", "净值", "注册资本", "净利润", "营业收入", "营收", "利润", "首募", "募集规模", "募集金额", "募集资金",
        "募集上限", "发行规模", "首发", "首日", "吸引", "申购费", "认购费", "管理费", "托管费", "起点", "门槛", "起购",
        "保有", "单个投资", "单一投资", "每个投资", "每位投资", "单笔", "限额", "上限金额", "大额申购", "赎回", "个人",
        "市值", "资产净值", "亏损", "盈利", "收益", "浮盈", "浮亏",
    ])
    /// Words right after an amount that make it other money: 近4亿元认购资金, 1亿元规模.
    static let otherMoneyAfter = Keywords(["认购资金", "申购资金", "的认购", "规模", "的规模", "的资金流入", "净申购", "净赎回"])
    /// Words after an amount in its clause that make it a fee tier: 认购金额100万元以下的认购费率为1.2%.
    /// (浮动费率产品 names a product, not a fee.)
    static let feesInClause = Keywords([
        "认购费率", "申购费率", "赎回费率", "手续费", "认购费", "申购费", "管理费率", "费率为", "费率是",
    ])

    /// What own money goes into when it is not the company's funds: a listed company's placement, a stake, a new entity.
    static let otherObjects = Keywords([
        "定增", "定向增发", "非公开发行", "上市公司", "股权", "增资", "设立", "打新", "战略配售", "可转债", "收购",
    ])

    /// Own money put into something named that is not the company's own funds (以自有资金参与某上市公司定增), with no word
    /// for its own funds in the segment: the reason, or nil.
    static func otherObjectReason(_ text: Scalars, range: Range<Int>) -> String? {
        guard !ActRule.ownFunds.any(in: text, range: range) else { return nil }
        var index = range.lowerBound
        while let (start, word) = otherObjects.first(in: text, range: index..<range.upperBound) {
            index = start + word.count
            // 易方达中证可转债ETF, 财通定增精选混合基金, 新设立的…战略配售基金: the word names a fund.
            let clause = index..<Clauses.end(text, after: index, limit: range.upperBound)
            if fundWords.any(in: text, range: clause) { continue }
            return "own money put into something other than the company's funds (\(word.string))"
        }
        return nil
    }

    /// Words that make what follows an object word a fund's name.
    static let fundWords = Keywords(["基金", "ETF", "LOF", "FOF", "混合", "指数", "联接", "集合计划", "产品"])

    /// Totals over whatever precedes: 合计/共计/累计 in front of a list's single amount.
    static let totals = Keywords(["合计", "共计", "总计", "累计", "总额", "总金额", "算计", "共"])

    /// The reason the words of a segment make it a statistic, or nil.
    static func statisticsReason(_ text: Scalars, range: Range<Int>) -> String? {
        if ActRule.isPassive(text, range: range) { return "a fund that received purchases (获/被…自购), not a pledge" }
        if let (_, word) = statistics.first(in: text, range: range) {
            return "statistics or ranking (\(word.string))"
        }
        if countsEvents(text, range: range) { return "statistics (a count of purchases)" }
        return nil
    }

    /// The reason one amount is not pledged money, or nil. `clauseStart` is where the amount's clause begins.
    static func amountReason(_ text: Scalars, amount: MoneyAmount, clauseStart: Int, limit: Int) -> String? {
        if let (_, word) = otherMoneyBefore.first(in: text, range: clauseStart..<amount.start) {
            return "the amount is not the company's purchase (\(word.string))"
        }
        var after = amount.end
        while after < limit, text[after] == " " { after += 1 }
        if otherMoneyAfter.prefix(of: text, at: after) != nil { return "the amount is subscriptions or a fund's size" }
        if isSpread(text, after: after, limit: limit) { return "a spread over several companies (…不等)" }
        if let (_, word) = feesInClause.first(
            in: text, range: amount.end..<Clauses.end(text, after: amount.end, limit: limit))
        {
            return "a fee tier or rate (\(word.string)), not a purchase"
        }
        if continuesCutNumber(text, at: amount.start) {
            return "the amount's digits continue a number cut by a line break"
        }
        return nil
    }

    /// 5000万到2亿元不等: a spread, never one company's pledge.
    static func isSpread(_ text: Scalars, after: Int, limit: Int) -> Bool {
        var cursor = after
        if text.hasPrefix(AmountRule.renminbi, at: cursor) { cursor += 3 }
        return text.hasPrefix(Words.spread, at: cursor) && cursor + 2 <= limit
    }

    /// An amount whose first digit follows a line break or a space that follows a digit (3 / 200万元: an inline
    /// element cut the number; 3 200万元: markup or a thin separator split it): reading 200万元 would be a wrong value
    /// that looks certain.
    static func continuesCutNumber(_ text: Scalars, at start: Int) -> Bool {
        guard start < text.count, AmountRule.asciiDigit(text[start]) != nil else { return false }
        var cursor = start
        while cursor > 0, text[cursor - 1] == "\n" || text[cursor - 1] == "\r" || text[cursor - 1] == " " {
            cursor -= 1
        }
        return cursor < start && cursor > 0 && AmountRule.asciiDigit(text[cursor - 1]) != nil
    }

    /// `N次`: a count of purchases, which only statistics give.
    static func countsEvents(_ text: Scalars, range: Range<Int>) -> Bool {
        for start in text.findAll(Words.times, in: range) where start > range.lowerBound {
            if AmountRule.asciiDigit(text[start - 1]) != nil { return true }
        }
        return false
    }

    /// 赎回 unless negated (不赎回, 不得赎回): a redemption is the opposite of a pledge.
    static func isRedemption(_ text: Scalars, range: Range<Int>) -> Bool {
        for start in text.findAll(Words.redemption, in: range) {
            let lead = max(range.lowerBound, start - 3)..<start
            if !text.contains(Words.negation, in: lead) && !text.contains(Words.none, in: lead) { return true }
        }
        return false
    }
}
