/// Recognises company names the directory does not know by their shape: a short run of name characters ending in
/// 基金, 资管, 资产管理, 证券 or a legal suffix (工信瑞银基金 as a real page misspells it, 某某证券资管). Generic phrases
/// (旗下基金, 权益类基金, 该基金, 证券投资基金) are not names.
enum CompanyShape {
    /// Suffixes, longest first.
    static let suffixes = Keywords([
        "基金管理股份有限公司", "基金管理有限公司", "资产管理股份有限公司", "资产管理有限公司", "证券股份有限公司",
        "证券有限责任公司", "证券有限公司", "基金公司", "资产管理", "证券资管", "资管", "基金", "证券",
    ])
    /// Characters that never belong to a company name: particles, verbs of reporting, time words.
    static let stops = ScalarBits(
        "的了在于将拟由和与及是为被向对以其也亦则称等把从自该本这此各均都已曾还又再并且而但如据或每只个告示布悉露今昨近日月年时即就共同连携会让使给用到达向后前内外上下旗只支家其它他她们我你您所有经称说道指出认购申买投资入出动拿斥掏运使获得受于"
    )
    /// Words inside a candidate that make it a fund or a generic phrase rather than a company.
    static let generic = Keywords([
        "旗下", "公募", "权益", "偏股", "混合", "股票", "债", "货币", "指数", "发起", "新", "类", "型", "式", "开放", "封闭",
        "定开", "持有", "主题", "产品", "私募", "ETF", "FOF", "联接", "券商", "头部", "中小", "外资", "合资", "大型", "部分",
        "多家", "明星", "医疗", "消费", "科技", "红利", "成长", "价值", "优选", "精选", "灵活", "配置", "稳健", "回报", "收益",
        "增强", "行业", "个人", "机构", "投资", "理财", "养老", "目标", "证券投资", "A500", "沪深", "中证", "上证", "深证",
    ])
    static let maximumNameLength = 8

    /// A company name ending at a suffix found at or after `start`, within `range`: its bounds and the name.
    static func names(in text: Scalars, range: Range<Int>) -> [(start: Int, end: Int)] {
        var result: [(Int, Int)] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard let suffix = suffixes.prefix(of: text, at: index), index + suffix.count <= range.upperBound else {
                index += 1
                continue
            }
            let end = index + suffix.count
            // 证券投资基金 is a fund's legal form, not a broker.
            if suffix == Words.securities, text.hasPrefix(Words.investment, at: end) {
                index = end
                continue
            }
            var start = index
            while start > range.lowerBound, index - start < maximumNameLength, isNameScalar(text[start - 1]) {
                start -= 1
            }
            if index - start >= 2, !generic.any(in: text, range: start..<end),
                result.last.map({ $0.1 <= start }) ?? true
            {
                result.append((start, end))
            }
            index = end
        }
        return result
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        let ideograph = (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
        return ideograph && !stops.contains(scalar)
    }
}
