/// Decides whether a sentence may state a self-purchase at all, before any value is read.
///
/// A pledge spends the company's own money (固有资金, 自有资金, 自有资本) or says 自购, and buys or invests
/// (投资, 申购, 认购, 买入, 运用, 出资…): 公司拟运用固有资金不低于2000万元投资旗下权益类基金. A mention of 自购 alone
/// (多家公募启动了自购计划) is news about pledges, not one; it counts only with an amount.
enum TriggerRule {
    static let ownMoney = Keywords(["固有资金", "自有资金", "自有资本", "公司资金", "自营资金"])
    static let selfPurchase = Keywords(["自购"])
    static let verbs = Keywords(["投资", "申购", "认购", "买入", "购买", "自购", "出资", "运用", "使用", "增持", "配置"])

    /// A fast scan of a whole document: false means no sentence in it can be a pledge.
    static func mayContain(_ text: Scalars) -> Bool {
        var index = 0
        let count = text.count
        while index < count {
            // First scalars of every trigger word: a document with none of them is skipped without splitting.
            let scalar = text[index]
            if scalar == "固" || scalar == "自" || scalar == "公",
                ownMoney.prefix(of: text, at: index) != nil || selfPurchase.prefix(of: text, at: index) != nil
            {
                return true
            }
            index += 1
        }
        return false
    }

    enum Strength {
        /// The company's own money is named.
        case ownMoney
        /// Only 自购: needs an amount to count.
        case selfPurchaseOnly
    }

    /// Whether the sentence can state a pledge, and where its trigger word is.
    static func trigger(_ text: Scalars, range: Range<Int>) -> (Strength, Int)? {
        var found: (Strength, Int)?
        if let (position, _) = ownMoney.first(in: text, range: range) {
            found = (.ownMoney, position)
        } else if let (position, _) = selfPurchase.first(in: text, range: range) {
            found = (.selfPurchaseOnly, position)
        }
        guard let found, verbs.any(in: text, range: range) else { return nil }
        return found
    }
}
