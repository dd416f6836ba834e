/// The companies a sentence names, and the clauses its terms are read in.
extension SentenceReader {
    /// The subject a company element names (the name as written, the issuer when the directory knows it).
    static func company(_ element: Element, original: Scalars) -> Subject {
        let written = original[element.start..<element.end].string
        if let issuer = element.issuer {
            return Subject(issuer: issuer, mention: written, start: element.start, end: element.end)
        }
        return Subject(unknownName: written, start: element.start, end: element.end)
    }

    // MARK: - Subjects

    /// Whether `group` is only a count (两家公司, 3家) equal to the number of companies `previous` lists.
    func countsBack(_ group: SubjectGroup, to previous: SubjectGroup?) -> Bool {
        guard let previous, previous.kind == .companies, group.kind == .group, group.members.count == 1,
            group.members[0].kind == .count
        else { return false }
        let count = group.members[0]
        let numerals = Array(text[count.start..<(count.end - 1)])
        let value =
            numerals.allSatisfy { AmountRule.asciiDigit($0) != nil }
            ? Int64(String(String.UnicodeScalarView(numerals))) : ChineseNumber.value(numerals)
        guard let value, value >= 2 else { return false }
        return value == Int64(resolvedCompanies(previous).count)
    }

    func resolvedCompanies(_ group: SubjectGroup) -> [Subject] {
        var seen: Set<String> = []
        var result: [Subject] = []
        for member in group.members {
            guard let subject = resolve(member), seen.insert(subject.name).inserted else { continue }
            result.append(subject)
        }
        return result
    }

    /// The company an element names: itself, or for a pronoun the company it stands for.
    func resolve(_ element: Element) -> Subject? {
        switch element.kind {
        case .company:
            return Self.company(element, original: original)
        case .pronoun(let own):
            // The first of these that is known, asked for in order: the title's and the signature's issuers are read
            // from the document only when nothing before them stands for the pronoun.
            let before = { elements.last { $0.kind == .company && $0.end <= element.start }.flatMap(resolve) }
            if own { return context.titleIssuer ?? context.signatureIssuer ?? before() ?? previous }
            return before() ?? previous ?? context.titleIssuer ?? context.signatureIssuer
        default:
            return nil
        }
    }

    /// Whether a fund named after one of the subjects is bought in `range` (华安基金申购了华安众鑫…).
    /// Words opening a further tranche of a purchase stated in parts (一是以固有资金1亿元申购…；二是以5000万元申购…).
    static let trancheMarkers = Keywords([
        "二是", "三是", "四是", "其二", "其三", "第二笔", "第三笔", "另一笔", "二、", "三、", "（2）", "（3）", "(2)", "(3)",
    ])

    /// A clause that opens with a further tranche's marker and buys a fund carrying the brand of the company named
    /// before (…；二是以5000万元申购汇添富价值精选混合): that company's purchase, though the clause names no one.
    func continuesTranches(_ range: Range<Int>) -> Bool {
        guard let previous, range.lowerBound == sentence.start,
            Self.trancheMarkers.any(in: text, range: range.lowerBound..<min(range.upperBound, range.lowerBound + 4))
        else { return false }
        return brandFundBought(in: range, by: [previous])
    }

    func brandFundBought(in range: Range<Int>, by subjects: [Subject]) -> Bool {
        elements.contains { element in
            element.isFundName && element.isObject && range.contains(element.start)
                && subjects.contains { $0.known && $0.name == element.issuer?.name }
        }
    }

    // MARK: - Clauses

    /// The last clause of the sentence when it follows every amount and speaks for all (均/都/二者…).
    func sharedTrail(_ amounts: [MoneyAmount]) -> Range<Int> {
        guard let last = amounts.last else { return sentence.end..<sentence.end }
        var index = last.end
        while index < sentence.end {
            if Clauses.isBreak(text[index]) {
                let start = index + 1
                let end = Clauses.end(text, after: start, limit: sentence.end)
                if Self.shared.any(in: text, range: start..<end) { return start..<sentence.end }
            }
            index += 1
        }
        return sentence.end..<sentence.end
    }

    /// The end of a segment's own words: before a clause that moves on (今后还会继续…).
    func cutAtContinuation(_ range: Range<Int>) -> Int {
        var index = range.lowerBound
        while index < range.upperBound {
            if Clauses.isBreak(text[index]), index + 1 < range.upperBound,
                Self.continuations.prefix(of: text, at: index + 1) != nil
            {
                return index
            }
            index += 1
        }
        return range.upperBound
    }
}
