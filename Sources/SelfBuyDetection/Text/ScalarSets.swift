/// The small punctuation and word-end sets the rules test scalars against, compiled once.
enum ScalarSets {
    static let companyWordEnds = ScalarBits("金管司券产人")
    static let dateScalars = ScalarBits("年月日十")
    static let monthSeparators = ScalarBits("月-/.")
    static let nounEnds = ScalarBits("金管券产子分母限任本该我总司家资")
    static let periodStops = ScalarBits("，。；,;：:（(")
    static let yearSeparators = ScalarBits("年-/.")
}

/// Words the rules look for at one place, compiled to scalars once rather than on every call.
enum Words {
    static let selfPurchase = "自购".scalars
    static let inclusive = "（含）".scalars
    static let inclusiveASCII = "(含)".scalars
    static let halfYear = "半年".scalars
    static let months = "个月".scalars
    static let naturalMonths = "个自然月".scalars
    static let naturalDays = "个自然日".scalars
    static let weeks = "个星期".scalars
    static let either = "或".scalars
    static let on = "于".scalars
    static let inside = "在".scalars
    static let spread = "不等".scalars
    static let times = "次".scalars
    static let redemption = "赎回".scalars
    static let negation = "不".scalars
    static let none = "无".scalars
    static let etc = "等".scalars
    static let cumulative = "累计".scalars
    static let houses = "家".scalars
    static let under = "旗下".scalars
    static let besides = "之外".scalars
    static let otherThan = "以外".scalars
    static let investment = "投资".scalars
    static let securities = "证券".scalars
    static let day = "日".scalars
}
