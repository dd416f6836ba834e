/// Who or what a part of a sentence is about: a company, a pronoun for one, staff, a group of companies, or
/// something else (a company's funds or managers, a company merely mentioned).
struct Element: Sendable {
    enum Kind: Sendable, Equatable {
        /// A company; `issuer` is nil for a name recognised by its shape only.
        case company
        /// 本公司, 该公司, 公司; `own` for the words of a company's own notice.
        case pronoun(own: Bool)
        /// Executives, fund managers, staff, a subsidiary.
        case staff
        /// Several companies or the industry: 多家, 一批, 15家.
        case group
        /// `N家` counting the list before it (招商、南方、嘉实三家基金公司).
        case count
        /// A company's funds or people (X旗下…, X的高管) or a company only mentioned (X之外).
        case other
    }

    var kind: Kind
    var start: Int
    var end: Int
    var issuer: Issuer?
    /// The brand starts a fund's name (南方中证A500ETF, 华安众鑫90天滚动短债): it names the company only as the fund's
    /// manager.
    var isFundName = false
    /// After a buying verb in its clause: the object of the purchase, never its subject.
    var isObject = false
}

/// Finds the elements of one sentence of folded text.
struct SubjectScanner {
    let text: Scalars
    let directory: IssuerDirectory

    static let ownPronouns = Keywords(["本公司", "我公司", "我司", "本基金管理人", "本管理人"])
    static let otherPronouns = Keywords([
        "该基金公司", "该基金管理人", "该公司", "该机构", "该管理人", "基金公司", "基金管理人", "公司",
    ])
    /// Words after 公司 that make it the company's (公司固有资金, 公司旗下), not the subject.
    static let possessed = Keywords(["固有资金", "自有资金", "固有", "自有", "旗下", "管理的", "产品", "资金", "投资管理"])
    static let staff = Keywords([
        "拟任基金经理", "基金经理", "高级管理人员", "高管", "员工", "管理团队", "从业人员", "投研团队", "投研人员",
        "全资子公司", "子公司", "股东", "董事长", "总经理", "个人",
    ])
    static let groups: Keywords = {
        var words = ["多家", "数家", "几家", "各家", "一批", "这批", "全市场", "全行业", "公募行业", "各大"]
        for quantifier in ["不少", "众多", "诸多", "部分", "这些", "一些", "其他", "其余"] {
            for noun in ["公募", "基金公司", "基金管理人", "机构", "券商", "基金", "公司", "管理人"] {
                words.append(quantifier + noun)
            }
        }
        return Keywords(words)
    }()
    /// Words after a brand that show it names the company, not a fund.
    static let companyContinuations = Keywords([
        "旗下", "公司", "基金公司", "也", "亦", "则", "各", "均", "都", "宣布", "表示", "公告", "称", "于", "在", "将", "拟",
        "出资", "斥资", "自购", "拿出", "动用", "运用", "使用", "以", "已", "分别", "之外", "以外", "发布", "披露", "决定",
        "计划", "近日", "近期", "同样", "还", "又", "共同", "连同", "联同", "携", "及其", "的", "方面", "等", "和", "及", "与",
        "资管", "资产", "基金管理", "管理", "当天", "当日", "同日", "此前", "曾", "首次", "再度", "再次", "率先", "就",
        "关于", "对", "向", "根据", "董事会", "今日", "日前", "昨日", "今天", "近来",
    ])
    static let punctuation = ScalarBits("、，,。；;：:“”\"（()）[]【】《》「」 ·*◎-—!！?？\n")
    static let countExceptions = Keywords(["自家", "国家", "专家", "大家", "独家", "商家", "东家", "庄家", "作家", "一家人"])

    func elements(in range: Range<Int>) -> [Element] {
        var found: [Element] = []
        let shapes = CompanyShape.names(in: text, range: range)
        for mention in directory.mentions(in: text, range: range) {
            // 平安资管, 国联证券: a brand followed by another kind of company than the one the directory knows it for
            // names that other company, which the shape of its name gives.
            if isBrandLike(mention), Self.otherCompanyKinds.prefix(of: text, at: mention.end) != nil,
                shapes.contains(where: { $0.start <= mention.start && $0.end > mention.end })
            {
                continue
            }
            // 永赢先锋半导体…, 中欧时代先锋: a brand inside the name a fund's leading brand starts is a word of that
            // fund's name (no punctuation, digit or space between them).
            if let last = found.last, last.isFundName, insideFundName(from: last.end, to: mention.start) { continue }
            var element = Element(kind: .company, start: mention.start, end: mention.end, issuer: mention.issuer)
            element.isFundName = isBrandLike(mention) && !namesCompany(after: mention.end, limit: range.upperBound)
            found.append(element)
        }
        for name in shapes
        where !overlaps(found, name.start, name.end) && namesCompany(after: name.end, limit: range.upperBound) {
            found.append(Element(kind: .company, start: name.start, end: name.end))
        }
        add(Self.ownPronouns, kind: .pronoun(own: true), range: range, to: &found)
        addPronouns(range: range, to: &found)
        add(Self.staff, kind: .staff, range: range, to: &found)
        add(Self.groups, kind: .group, range: range, to: &found)
        addCounts(range: range, to: &found)
        found.sort { $0.start < $1.start }
        return refine(found, range: range)
    }

    /// Whether `range` may hold an element ``elements(in:)`` marks as a fund name bought (`isFundName && isObject`):
    /// an issuer mention that reads as a brand, is not followed by words naming the company, and has a buying verb
    /// before it in its clause. Necessary, not sufficient: the elements may still merge the mention away.
    func mayNameBoughtFund(in range: Range<Int>) -> Bool {
        directory.mentions(in: text, range: range).contains { mention in
            isBrandLike(mention) && !namesCompany(after: mention.end, limit: range.upperBound)
                && isAfterBuying(mention.start, lower: range.lowerBound)
        }
    }

    /// Kinds of company a brand known for a fund manager may also lead (平安资管, 国联证券).
    static let otherCompanyKinds = Keywords(["资管", "证券", "资产管理"])

    /// A mention that does not end in a company word (南方, 易方达) may start a fund's name.
    private func isBrandLike(_ mention: IssuerMention) -> Bool {
        if mention.byBrand { return true }
        let last = text[mention.end - 1]
        return !ScalarSets.companyWordEnds.contains(last)
    }

    /// Whether the scalars between a fund's leading brand and a later mention continue that fund's name.
    private func insideFundName(from end: Int, to start: Int) -> Bool {
        guard start >= end, start - end <= CompanyShape.maximumNameLength else { return false }
        for scalar in text[end..<start] {
            if Self.punctuation.contains(scalar) || AmountRule.asciiDigit(scalar) != nil || scalar == " " {
                return false
            }
            if Self.companyContinuations.prefix(of: [scalar], at: 0) != nil { return false }
        }
        return true
    }

    private func namesCompany(after end: Int, limit: Int) -> Bool {
        guard end < limit else { return true }
        let next = text[end]
        if Self.punctuation.contains(next) || AmountRule.asciiDigit(next) != nil { return true }
        if ChineseNumber.isDigit(next) || next == "十" { return true }
        return Self.companyContinuations.prefix(of: text, at: end) != nil
    }

    private func overlaps(_ elements: [Element], _ start: Int, _ end: Int) -> Bool {
        elements.contains { $0.start < end && start < $0.end }
    }

    private func add(_ words: Keywords, kind: Element.Kind, range: Range<Int>, to found: inout [Element]) {
        var index = range.lowerBound
        while let (start, word) = words.first(in: text, range: index..<range.upperBound) {
            let end = start + word.count
            if !overlaps(found, start, end) { found.append(Element(kind: kind, start: start, end: end)) }
            index = end
        }
    }

    /// 该公司, 该基金公司 and a bare 公司 that is not the end of another word (基金公司, 子公司, 有限公司).
    private func addPronouns(range: Range<Int>, to found: inout [Element]) {
        var index = range.lowerBound
        while let (start, word) = Self.otherPronouns.first(in: text, range: index..<range.upperBound) {
            let end = start + word.count
            index = end
            let bare =
                word.elementsEqual("公司".unicodeScalars) || word.elementsEqual("基金公司".unicodeScalars)
                || word.elementsEqual("基金管理人".unicodeScalars)
            if bare, start > range.lowerBound,
                ScalarSets.nounEnds.contains(text[start - 1])
                    || CompanyShape.isNameScalar(text[start - 1]) && word.count > 2
            {
                continue
            }
            if bare, Self.possessed.prefix(of: text, at: end) != nil { continue }
            if !overlaps(found, start, end) {
                found.append(Element(kind: .pronoun(own: false), start: start, end: end))
            }
        }
    }

    /// 15家, 四家: a count of companies.
    private func addCounts(range: Range<Int>, to found: inout [Element]) {
        for position in text.findAll(Words.houses, in: range) where position > range.lowerBound {
            let previous = text[position - 1]
            guard AmountRule.asciiDigit(previous) != nil || ChineseNumber.isDigit(previous) || previous == "十"
            else { continue }
            var start = position - 1
            while start > range.lowerBound,
                AmountRule.asciiDigit(text[start - 1]) != nil || ChineseNumber.isNumeral(text[start - 1])
            {
                start -= 1
            }
            if Self.countExceptions.any(
                in: text, range: max(range.lowerBound, position - 1)..<min(range.upperBound, position + 2))
            {
                continue
            }
            if !overlaps(found, start, position + 1) {
                found.append(Element(kind: .count, start: start, end: position + 1))
            }
        }
    }

    /// Roles from the words around each element: objects, X的高管 (staff), X旗下 and X之外 (other), 华夏基金公司 (one
    /// company).
    private func refine(_ found: [Element], range: Range<Int>) -> [Element] {
        var result: [Element] = []
        var index = 0
        while index < found.count {
            var element = found[index]
            let isCompanyLike =
                element.kind == .company || element.kind == .pronoun(own: false)
                || element.kind == .pronoun(own: true)
            if isCompanyLike, index + 1 < found.count {
                let next = found[index + 1]
                let gap = text[element.end..<next.start]
                // 华夏基金公司: the company word continues the name.
                if next.kind == .pronoun(own: false), gap.isEmpty, element.kind == .company {
                    element.end = next.end
                    index += 1
                } else if next.kind == .staff,
                    gap.isEmpty || gap.elementsEqual("的".unicodeScalars)
                        || gap.elementsEqual("旗下".unicodeScalars)
                {
                    // 中邮创业基金的高管, 公司管理团队: the company's people, not the company.
                    result.append(Element(kind: .staff, start: element.start, end: next.end))
                    index += 2
                    continue
                }
            }
            // 广发基金与旗下广发资管合计…: a company joined to the one before it as 旗下 is its subsidiary, whose money
            // together with the company's is the company's pledge (LABELS rule 5).
            if element.kind == .company, let previous = result.last, previous.kind == .company,
                element.start >= 2, element.start - 2 >= previous.end,
                text.hasPrefix(Words.under, at: element.start - 2),
                SubjectGroup.joints.prefix(of: text, at: previous.end) != nil
            {
                element.kind = .staff
            }
            element.isObject = isAfterBuying(element.start, lower: range.lowerBound)
            if isCompanyLike, !element.isObject, !element.isFundName {
                if text.hasPrefix(Words.under, at: element.end) || text.hasPrefix(Words.besides, at: element.end)
                    || text.hasPrefix(Words.otherThan, at: element.end)
                {
                    element.kind = .other
                }
            }
            result.append(element)
            index += 1
        }
        return result
    }

    /// Whether a buying verb stands between the start of the clause and `position`.
    /// Verbs whose object a company name after them is: the buying verbs, and 参与 (以自有资金参与旗下XX资管某某集合计划).
    static let objectVerbs = Keywords(["参与"])

    func isAfterBuying(_ position: Int, lower: Int) -> Bool {
        let clause = Clauses.start(text, before: position, lower: lower)..<position
        return ActRule.buy.any(in: text, range: clause) || Self.objectVerbs.any(in: text, range: clause)
    }
}
