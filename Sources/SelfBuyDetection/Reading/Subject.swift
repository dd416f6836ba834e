/// A company a pledge belongs to, resolved from a name, a pronoun or the document.
struct Subject: Sendable {
    /// Canonical short name, or the name as written for a company the directory does not know.
    var name: String
    var legalName: String
    var known: Bool
    /// The company's name as the document writes it (匯添富基金 in a Traditional text); for a pronoun, the name it
    /// stands for.
    var mention: String
    /// Where the name is, as offsets into the text (empty for a name from a separate title).
    var start: Int
    var end: Int

    init(issuer: Issuer, mention: String, start: Int, end: Int) {
        name = issuer.name
        legalName = issuer.legalName
        known = true
        self.mention = mention
        self.start = start
        self.end = end
    }

    /// A company recognised by the shape of its name: reported as written.
    init(unknownName: String, start: Int, end: Int) {
        name = unknownName
        legalName = unknownName
        known = false
        mention = unknownName
        self.start = start
        self.end = end
    }
}

/// The elements of a sentence that name one subject together: a list of companies (A、B和C), a company with its
/// executives (joint money), staff alone, a group.
struct SubjectGroup: Sendable {
    enum Kind: Sendable, Equatable {
        case companies, joint, staff, group, other
    }

    var kind: Kind
    var members: [Element]
    var start: Int { members[0].start }
    var end: Int { members[members.count - 1].end }

    /// Words that may join members of one group.
    static let joints = Keywords([
        "、", "，", ",", "和", "及", "与", "以及", "连同", "联同", "联合", "携手", "携同", "偕同", "协同", "一起", "一道", "携", "会同", "及其", "同",
        "跟", "等", " ", "还有",
        "其所在的", "所在的", "（", "）", "(", ")", "“", "”", "\"",
        "简称", "以下简称", "下称",
        // 中欧基金连同旗下基金经理: the company together with its own people (joint money), unlike X旗下基金经理 alone.
        "连同旗下", "联同旗下", "及旗下", "和旗下", "与旗下", "以及旗下", "携旗下", "联合旗下", "携手旗下", "会同旗下",
        // 中庚基金拟连同基金经理…: the plan word between the company and its people.
        "拟连同", "拟联同", "拟联合", "拟携", "拟携手", "将连同", "将联同", "将联合", "将携", "将携手",
    ])

    /// Groups consecutive subject elements joined only by joints.
    static func groups(of elements: [Element], text: Scalars) -> [SubjectGroup] {
        var groups: [SubjectGroup] = []
        for element in elements {
            if let last = groups.last?.members.last, isJoint(text, from: last.end, to: element.start) {
                groups[groups.count - 1].members.append(element)
            } else {
                groups.append(SubjectGroup(kind: .companies, members: [element]))
            }
        }
        return groups.map { group in
            var group = group
            group.kind = kind(of: group.members)
            return group
        }
    }

    private static func isJoint(_ text: Scalars, from: Int, to: Int) -> Bool {
        var cursor = from
        while cursor < to {
            guard let word = joints.prefix(of: text, at: cursor), cursor + word.count <= to else { return false }
            cursor += word.count
        }
        return true
    }

    private static func kind(of members: [Element]) -> Kind {
        let kinds = members.map(\.kind)
        if kinds.contains(.group) { return .group }
        let companies = kinds.contains { $0 == .company || $0 == .pronoun(own: true) || $0 == .pronoun(own: false) }
        if kinds.contains(.other) && !companies { return .other }
        if kinds.contains(.staff) { return companies ? .joint : .staff }
        if !companies { return kinds.contains(.count) ? .group : .other }
        // 73家基金公司: a count of companies named by a common noun is a group.
        if kinds.contains(.count), !kinds.contains(.company) { return .group }
        return .companies
    }
}
