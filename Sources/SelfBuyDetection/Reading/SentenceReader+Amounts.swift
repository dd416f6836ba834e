/// Which amounts of a segment are pledged, and each pledge's candidate with its values and spans.
extension SentenceReader {
    /// The amounts of one company's segment that are its pledges: the total when a total and its parts are given.
    func pledged(_ amounts: [MoneyAmount], in range: Range<Int>) -> [MoneyAmount] {
        guard amounts.count > 1 else { return amounts }
        let totals = amounts.filter { isTotal($0, lower: range.lowerBound) }
        if !totals.isEmpty, totals.count < amounts.count { return [totals[0]] }
        if let (partsAt, _) = Self.parts.first(in: text, range: range), amounts.contains(where: { $0.end <= partsAt }) {
            return amounts.filter { $0.end <= partsAt }
        }
        return amounts
    }

    /// Words that give the company's own share of joint money after 其中.
    static let companyShare = Keywords(["本公司", "公司", "固有资金", "自有资金"])

    /// Joint money with the company's own part stated after it (…合计出资8000万元，其中公司固有资金出资5000万元): that
    /// part, the words between 其中 (or the amount before) and it naming the company's money and not its staff.
    func companyPart(of amounts: [MoneyAmount], in range: Range<Int>) -> MoneyAmount? {
        guard amounts.count > 1, let (partsAt, word) = Self.parts.first(in: text, range: range) else { return nil }
        var leadStart = partsAt + word.count
        for amount in amounts where amount.start >= leadStart {
            let lead = leadStart..<amount.start
            if lead.count <= 16, Self.companyShare.any(in: text, range: lead),
                !SubjectScanner.staff.any(in: text, range: lead)
            {
                return amount
            }
            leadStart = amount.end
        }
        return nil
    }

    func isTotal(_ amount: MoneyAmount, lower: Int) -> Bool {
        let lead = max(lower, amount.start - 6)..<amount.start
        return RefusalRule.totals.any(in: text, range: lead)
    }

    func candidate(
        _ subject: Subject, amount: MoneyAmount?, among amounts: [MoneyAmount], region: Range<Int>,
        fallbacks: [Range<Int>],
        period stated: StatedPeriod?, joint: Bool
    ) -> Candidate {
        var spans: [FieldSpan] = []
        // A company named in an earlier sentence or the title has no span in this sentence's evidence.
        if subject.end > subject.start, subject.start >= sentence.range.lowerBound,
            subject.end <= sentence.range.upperBound
        {
            spans.append(FieldSpan(field: .issuer, start: subject.start, end: subject.end))
        }
        var bound: AmountBound?
        if let amount {
            spans.append(FieldSpan(field: .amount, start: amount.start, end: amount.end))
            let (found, boundRange) = boundOf(amount, in: amounts, lower: region.lowerBound)
            bound = amount.upperYuan != nil ? .min : found
            if let boundRange {
                spans.append(FieldSpan(field: .bound, start: boundRange.lowerBound, end: boundRange.upperBound))
            }
        }
        let period =
            stated
            ?? ([region] + fallbacks).lazy.compactMap { HoldingPeriodRule.periods(in: text, range: $0).first }.first
        if let period { spans.append(FieldSpan(field: .holdingPeriod, start: period.start, end: period.end)) }
        let type = (amountWindows(amount, among: amounts, region: region) + [region] + fallbacks).lazy.compactMap {
            FundTypeRule.pledgeType(in: text, range: $0)
        }.first
        if let type, type.type != .unspecified {
            spans.append(FieldSpan(field: .fundType, start: type.start, end: type.end))
        }
        let purchaseAt = amount?.start ?? region.lowerBound
        var (status, statusRange) = StatusRule.status(text, range: region, purchaseAt: purchaseAt)
        for fallback in fallbacks where statusRange == nil && !fallback.isEmpty {
            (status, statusRange) = StatusRule.status(text, range: fallback, purchaseAt: fallback.upperBound - 1)
        }
        if let statusRange {
            spans.append(FieldSpan(field: .status, start: statusRange.lowerBound, end: statusRange.upperBound))
        }
        let cumulative =
            amount.map { amount in
                text.contains(
                    Words.cumulative,
                    in: Clauses.start(text, before: amount.start, lower: region.lowerBound)..<amount.start
                )
            } ?? false
        let pledge = Pledge(
            issuer: subject.name, issuerFull: subject.legalName,
            issuerMention: subject.mention, issuerKnown: subject.known,
            amountYuan: amount?.yuan, amountUpperYuan: amount?.upperYuan, amountBound: amount == nil ? nil : bound,
            holdingPeriod: period?.iso, fundType: type?.type ?? .unspecified, status: status, date: date,
            evidence: evidence, spans: spans)
        return Candidate(pledge: pledge, joint: joint, cumulative: cumulative)
    }

    /// Where the words of one amount among several are: after it up to the next amount, then before it back to the
    /// previous one (3000万元投资旗下权益类基金、2000万元投资旗下债券型基金).
    func amountWindows(_ amount: MoneyAmount?, among amounts: [MoneyAmount], region: Range<Int>) -> [Range<Int>] {
        guard let amount, amounts.count > 1, let index = amounts.firstIndex(of: amount) else { return [] }
        let next = index + 1 < amounts.count ? amounts[index + 1].start : region.upperBound
        let previous = index > 0 ? amounts[index - 1].end : region.lowerBound
        let after = amount.end..<max(amount.end, min(next, region.upperBound))
        let before = min(previous, amount.start)..<amount.start
        return [after, before]
    }

    /// The bound of an amount; an amount in a 、 list with no words of its own shares the bound of the one before.
    func boundOf(_ amount: MoneyAmount, in amounts: [MoneyAmount], lower: Int) -> (AmountBound, Range<Int>?) {
        let index = amounts.firstIndex(of: amount)
        let floor = index.flatMap { $0 > 0 ? amounts[$0 - 1].end : nil } ?? sentence.start
        let (bound, range) = BoundRule.bound(
            text, amountStart: amount.start, end: amount.end, lower: max(floor, sentence.start), upper: sentence.end)
        // (Amounts the amount rule merged can overlap their neighbours: only a real gap is a list join.)
        if bound == .exact, let index, index > 0, amounts[index - 1].end <= amount.start {
            let gap = text[amounts[index - 1].end..<amount.start].string
            if ["、", "和", "及", "与", "，", ","].contains(gap) {
                return boundOf(amounts[index - 1], in: amounts, lower: lower)
            }
        }
        return (bound, range)
    }
}
