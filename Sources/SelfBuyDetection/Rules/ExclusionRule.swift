/// Statements that mention money and funds but are not pledges, each refused with a reason.
///
/// - 赎回 (a redemption; 不赎回 in a holding commitment is fine): 公司于7月1日赎回…货币市场基金，金额合计2亿元。
/// - fund-raising caps: 本基金募集规模上限为50亿元。
/// - investor limits: 单个投资人累计认购金额不超过1000万元。
/// - minimum subscriptions and fees: 申购起点, 最低申购金额, 申购费。
/// - market statistics: 多家, 12家, 占比, 净申购, 管理规模为1386.69亿元。
/// - purchases with personal money by managers or staff: 基金经理以个人资金认购, 基金经理张三自购500万元。
/// - running totals: 今年以来已累计运用固有资金自购超过2亿元。
struct ExclusionRule: Sendable {
    let name: String
    let keywords: Keywords

    static let all: [ExclusionRule] = [
        ExclusionRule(name: "fund-raising cap", keywords: Keywords(["募集规模", "募集上限", "募集金额上限", "首发规模"])),
        ExclusionRule(
            name: "investor limit",
            keywords: Keywords(["单个投资人", "单个投资者", "单一投资者", "单一投资人", "每个投资人", "每位投资者", "单笔"])),
        ExclusionRule(
            name: "minimum subscription or fee",
            keywords: Keywords(["申购起点", "认购起点", "最低申购", "最低认购", "起购", "申购费", "认购费", "管理费"])),
        ExclusionRule(
            name: "market statistics",
            keywords: Keywords([
                "多家", "数家", "家基金公司", "家公募", "家机构", "家基金管理人", "占比", "净申购", "净流入", "净赎回",
                "管理规模", "规模为", "保有量", "自购总额", "自购金额合计", "行业自购", "已累计", "累计自购", "累计运用",
                "年内累计",
            ])),
        ExclusionRule(
            name: "personal money",
            keywords: Keywords([
                "个人资金", "个人自有资金", "个人名义", "员工跟投", "基金经理", "高级管理人员", "高管", "从业人员",
                "员工",
            ])),
    ]

    /// The reason a sentence is not a pledge, or nil.
    static func refusal(_ text: Scalars, range: Range<Int>) -> String? {
        for rule in all where rule.keywords.any(in: text, range: range) { return rule.name }
        if isRedemption(text, range: range) { return "redemption" }
        if countsInstitutions(text, range: range) { return "market statistics" }
        return nil
    }

    /// 赎回 unless negated (不赎回, 不得赎回, 不会赎回, 不予赎回, 暂不赎回).
    static func isRedemption(_ text: Scalars, range: Range<Int>) -> Bool {
        for start in text.findAll("赎回".scalars, in: range) {
            let lead = max(range.lowerBound, start - 3)..<start
            if !text.contains("不".scalars, in: lead) && !text.contains("无".scalars, in: lead) { return true }
        }
        return false
    }

    /// `N家` or `N只` counts of institutions or funds: statistics, not one issuer's pledge.
    static func countsInstitutions(_ text: Scalars, range: Range<Int>) -> Bool {
        for start in text.findAll("家".scalars, in: range) where start > range.lowerBound {
            let previous = text[start - 1]
            if AmountRule.asciiDigit(previous) != nil || ChineseNumber.digits[previous] != nil || previous == "十" {
                return true
            }
        }
        return false
    }
}
