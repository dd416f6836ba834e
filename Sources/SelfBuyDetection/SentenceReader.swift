/// Reads the pledges of one sentence that passed the trigger and the exclusions.
struct SentenceReader {
    let text: Scalars
    let sentence: Sentence
    let mentions: [IssuerMention]
    let triggerAt: Int
    let strength: TriggerRule.Strength

    static let pronouns = Keywords(["本公司", "我公司", "我司", "本基金管理人", "本管理人", "该公司", "公司", "其"])
    static let ownPronouns = Keywords(["本公司", "我公司", "我司", "本基金管理人", "本管理人"])
    static let each = Keywords(["分别", "各自", "各", "均拟", "均将", "均已", "均计划"])
    static let totals = Keywords(["合计", "共计", "总计", "总额", "总金额", "累计", "共"])
    /// Clause words that make an amount something other than the pledged money.
    static let otherMoney = Keywords([
        "规模", "净值", "注册资本", "净利润", "营业收入", "利润", "个人", "员工", "高管", "此前", "今年以来",
    ])

    /// An issuer the sentence's pledges belong to, with the words that named it.
    struct Subject {
        var issuer: Issuer
        var mention: String
        var start: Int
        var end: Int
    }

    /// The issuers whose pledges the sentence states; nil when it names none and the document cannot resolve one.
    func subjects(context: DocumentContext, previous: (IssuerMention, String)?) -> [Subject]? {
        var seen: Set<String> = []
        var named: [Subject] = []
        for mention in mentions where seen.insert(mention.issuer.name).inserted {
            named.append(
                Subject(
                    issuer: mention.issuer, mention: text[mention.start..<mention.end].map { $0 }.string,
                    start: mention.start, end: mention.end))
        }
        if !named.isEmpty { return named }
        let before = sentence.start..<max(sentence.start, triggerAt)
        let pronoun = Self.pronouns.first(in: text, range: before)
        let ownNotice = pronoun.map { Self.ownPronouns.prefix(of: text, at: $0.0) != nil } ?? false
        let candidates: [(IssuerMention, String)?] =
            ownNotice
            ? [context.titleIssuer, context.signatureIssuer.map { ($0, $0.issuer.name) }, previous]
            : [previous, context.titleIssuer, context.signatureIssuer.map { ($0, $0.issuer.name) }]
        guard let (resolved, words) = candidates.compactMap({ $0 }).first else { return nil }
        if let (start, word) = pronoun {
            return [Subject(issuer: resolved.issuer, mention: word.string, start: start, end: start + word.count)]
        }
        return [Subject(issuer: resolved.issuer, mention: words, start: resolved.start, end: resolved.end)]
    }

    func pledges(for subjects: [Subject], date: String?) -> [Pledge] {
        let range = sentence.range
        let amounts = pledgedAmounts()
        if amounts.isEmpty && strength == .selfPurchaseOnly { return [] }
        let periods = HoldingPeriodRule.periods(in: text, range: range)
        let types = FundTypeRule.types(in: text, range: range)
        let evidence = Evidence(text: text[range].map { $0 }.string, start: range.lowerBound, end: range.upperBound)

        var assignments: [(Subject, MoneyAmount?)] = []
        let shareAmount = subjects.count > 1 && Self.each.any(in: text, range: range)
        if subjects.count > 1, amounts.count == subjects.count {
            assignments = zip(subjects, amounts).map { ($0, $1) }
        } else if shareAmount, amounts.count <= 1 {
            assignments = subjects.map { ($0, amounts.first) }
        } else {
            let subject = subjects.last { $0.start < triggerAt } ?? subjects[0]
            assignments = amounts.isEmpty ? [(subject, nil)] : amounts.map { (subject, $0) }
        }

        var result: [Pledge] = []
        for (position, (subject, amount)) in assignments.enumerated() {
            var spans = [FieldSpan(field: .issuer, start: subject.start, end: subject.end)]
            var bound: AmountBound?
            if let amount {
                spans.append(FieldSpan(field: .amount, start: amount.start, end: amount.end))
                let (found, boundRange) = boundOf(amount, in: amounts)
                bound = amount.yuan == nil ? nil : (amount.upperYuan != nil ? .min : found)
                if let boundRange {
                    spans.append(FieldSpan(field: .bound, start: boundRange.lowerBound, end: boundRange.upperBound))
                }
            } else if strength == .selfPurchaseOnly {
                continue
            }
            let period = periods.count == assignments.count && periods.count > 1 ? periods[position] : periods.first
            if let period { spans.append(FieldSpan(field: .holdingPeriod, start: period.start, end: period.end)) }
            let type = fundType(for: amount, amounts: amounts, types: types, index: position, count: assignments.count)
            if let type { spans.append(FieldSpan(field: .fundType, start: type.start, end: type.end)) }
            let (status, statusRange) = StatusRule.status(text, range: range, purchaseAt: amount?.start ?? triggerAt)
            if let statusRange {
                spans.append(FieldSpan(field: .status, start: statusRange.lowerBound, end: statusRange.upperBound))
            }
            result.append(
                Pledge(
                    issuer: subject.issuer.name, issuerFull: subject.issuer.legalName, issuerMention: subject.mention,
                    amountYuan: amount?.yuan, amountUpperYuan: amount?.upperYuan, amountBound: bound,
                    holdingPeriod: period?.iso, fundType: type?.type ?? .unspecified, status: status, date: date,
                    evidence: evidence, spans: spans))
        }
        return result
    }

    /// The amounts that are the pledged money: not in a clause about scale, profit or personal money; the total when
    /// a total and its parts are both given.
    func pledgedAmounts() -> [MoneyAmount] {
        let all = AmountRule.amounts(in: text, range: sentence.range).filter { amount in
            let clause = clauseRange(around: amount.start)
            return !Self.otherMoney.any(in: text, range: clause.lowerBound..<amount.start)
        }
        let totals = all.filter { amount in
            let lead = max(sentence.start, amount.start - 4)..<amount.start
            return Self.totals.any(in: text, range: lead)
        }
        if !totals.isEmpty, all.count > totals.count { return totals }
        if let partsAt = text.find("其中".scalars, in: sentence.range), all.contains(where: { $0.end <= partsAt }) {
            return all.filter { $0.end <= partsAt }
        }
        return all
    }

    private func clauseRange(around index: Int) -> Range<Int> {
        var start = index
        while start > sentence.start, !"，,：:".unicodeScalars.contains(text[start - 1]) { start -= 1 }
        return start..<index
    }

    /// The bound of an amount; an amount in a 、 list with no words of its own shares the bound of the one before.
    private func boundOf(_ amount: MoneyAmount, in amounts: [MoneyAmount]) -> (AmountBound, Range<Int>?) {
        guard let index = amounts.firstIndex(of: amount) else { return (.exact, nil) }
        let lower = index > 0 ? amounts[index - 1].end : sentence.start
        let (bound, range) = BoundRule.bound(
            text, amountStart: amount.start, end: amount.end, lower: lower, upper: sentence.end)
        if bound == .exact, index > 0, isListJoin(from: amounts[index - 1].end, to: amount.start) {
            return boundOf(amounts[index - 1], in: amounts)
        }
        return (bound, range)
    }

    private func isListJoin(from: Int, to: Int) -> Bool {
        let gap = text[from..<to].map { $0 }.string
        return ["、", "和", "及", "与", "，", ","].contains(gap)
    }

    /// The most specific fund type named for an amount: after it up to the next amount, else before it back to the
    /// previous amount, else anywhere in the sentence. Several types listed for several amounts pair in order.
    private func fundType(
        for amount: MoneyAmount?, amounts: [MoneyAmount], types: [NamedFundType], index: Int, count: Int
    ) -> NamedFundType? {
        guard !types.isEmpty else { return nil }
        guard let amount, let position = amounts.firstIndex(of: amount) else { return FundTypeRule.mostSpecific(types) }
        let nextStart = position + 1 < amounts.count ? amounts[position + 1].start : sentence.end
        let previousEnd = position > 0 ? amounts[position - 1].end : sentence.start
        let after = types.filter { $0.start >= amount.end && $0.start < nextStart }
        if let found = FundTypeRule.mostSpecific(after) { return found }
        let before = types.filter { $0.start >= previousEnd && $0.end <= amount.start }
        if let found = FundTypeRule.mostSpecific(before) { return found }
        return FundTypeRule.mostSpecific(types)
    }
}
