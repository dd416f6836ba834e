/// A pledge read from one sentence, with what the document-level rules need to know about it.
struct Candidate: Sendable {
    var pledge: Pledge
    /// The company's money together with its staff's (公司及高管合计…).
    var joint: Bool
    /// 累计 in front of the amount: progress on, or the sum of, a programme.
    var cumulative: Bool
}

/// Reads the pledges of one sentence: who (subject groups), how much (amounts), and for each subject's part of the
/// sentence (its segment) the act, bound, holding period, fund type and status.
struct SentenceReader {
    /// The text as written, for evidence and mentions.
    let original: Scalars
    /// The folded text every rule reads.
    let text: Scalars
    let sentence: Sentence
    let elements: [Element]
    let context: DocumentContext
    /// The company named last before this sentence, for 该公司 and subject-less sentences.
    let previous: Subject?
    /// The sentence before, where a fund that 该基金/本基金 stands for was named.
    let previousSentence: Range<Int>?
    let date: String?
    /// The sentence as written, with its offsets.
    let evidence: Evidence

    static let each = Keywords(["分别", "各自", "各", "均", "都", "皆", "亦分别", "同样"])
    static let parts = Keywords(["其中", "明细如下", "具体如下", "分别为", "分别用于", "包括"])
    /// Clauses that start talking about something after the pledge (今后还会继续…): the pledge's words end before.
    /// Words opening a closing clause that speaks for every company of the sentence (，均用于申购旗下权益类基金).
    static let shared = Keywords(["均", "都", "皆", "全部", "各自", "二者", "两者", "三者", "上述"])
    /// Words that stand for a fund named before.
    static let fundBackReferences = Keywords(["该基金", "本基金", "上述基金", "这只基金", "该只基金", "这只新基金", "该产品"])
    static let noTerms = "no amount or holding period stated"
    static let continuations = Keywords(["今后", "此后", "后续", "未来", "此外", "另外", "另据", "据悉", "以后"])

    struct Segment {
        var group: SubjectGroup?
        var range: Range<Int>
        var amounts: [MoneyAmount]
    }

    func read() -> (candidates: [Candidate], nearMisses: [NearMiss]) {
        let range = sentence.range
        let boughtBrandFund = elements.contains { $0.isFundName && $0.isObject }
        guard ActRule.looksLikeSelfPurchase(text, range: range) || boughtBrandFund else {
            // 易方达基金自购金额达3亿元: 自购 as a noun with a sum is a figure about purchases, kept for review.
            if Self.statesPurchaseFigure(text, range: range) {
                return ([], [miss("a figure about purchases (自购 as a noun: 自购金额, 自购规模…), not a pledge", segment: nil)])
            }
            return ([], [])
        }
        let subjectElements = elements.filter { element in
            switch element.kind {
            case .company, .pronoun: return !element.isObject && !element.isFundName
            default: return true
            }
        }
        let groups = SubjectGroup.groups(of: subjectElements, text: text)
        let amounts = AmountRule.amounts(in: text, range: range)
        // 投资者可登录本公司网站查询: a buying word and 本公司 with no sum, no own money and no 自购 is not worth a review.
        if amounts.isEmpty, !ActRule.ownMoney.any(in: text, range: range),
            ActRule.verbalSelfPurchase(text, range: range) == nil
        {
            return ([], [])
        }
        var segments: [Segment] = []
        let firstStart = groups.first?.start ?? range.upperBound
        if firstStart > range.lowerBound {
            segments.append(
                Segment(
                    group: nil, range: range.lowerBound..<firstStart,
                    amounts: amounts.filter { $0.start < firstStart }))
        }
        for (position, group) in groups.enumerated() {
            let end = position + 1 < groups.count ? groups[position + 1].start : range.upperBound
            let own = amounts.filter { $0.start >= group.start && $0.start < end }
            // 两家公司持有期限均不少于6个月: a group that only refers back adds its words to the segment before.
            if group.kind == .group, own.isEmpty, let last = segments.indices.last, segments[last].group != nil {
                segments[last].range = segments[last].range.lowerBound..<end
                continue
            }
            // 同泰基金、汇泉基金…，两家公司均表示将各出资1000万元: a count of exactly the companies just listed stands
            // for that list, not for the industry.
            if let last = segments.indices.last, countsBack(group, to: segments[last].group) {
                segments[last].range = segments[last].range.lowerBound..<end
                segments[last].amounts += own
                continue
            }
            segments.append(Segment(group: group, range: group.start..<end, amounts: own))
        }

        var candidates: [Candidate] = []
        var misses: [NearMiss] = []
        var freeStart = range.lowerBound
        let trail = sharedTrail(amounts)
        let leadEnd = segments.first { !$0.amounts.isEmpty && $0.group != nil }?.range.lowerBound ?? range.lowerBound
        for segment in segments {
            let (found, reason) = read(
                segment, freeStart: freeStart, lead: range.lowerBound..<leadEnd, trail: trail)
            if !found.isEmpty {
                candidates += found
                freeStart = segment.range.upperBound
            } else if let reason {
                misses.append(miss(reason, segment: segment))
            }
        }
        // A part of a pledge's sentence that states no amount (华夏基金公告，| 公司拟…) is not a near miss of its own.
        if !candidates.isEmpty {
            // …but another company of the sentence without terms (华夏基金也将以固有资金申购…) stays for review.
            let pledging = Set(candidates.map(\.pledge.issuer))
            misses.removeAll { $0.reason == Self.noTerms && ($0.issuer.map(pledging.contains) ?? true) }
        }
        // One near miss per reason in a sentence (华夏基金公告，公司拟… is one sentence without terms, not two), the one
        // naming a company kept.
        var reasons: [String: Int] = [:]
        var unique: [NearMiss] = []
        for miss in misses {
            if let index = reasons[miss.reason] {
                if unique[index].issuer == nil, miss.issuer != nil { unique[index] = miss }
            } else {
                reasons[miss.reason] = unique.count
                unique.append(miss)
            }
        }
        misses = unique
        if candidates.isEmpty && misses.isEmpty {
            misses.append(miss("no amount or holding period stated for a named company", segment: nil))
        }
        return (candidates, misses)
    }

    /// Whether ``read()`` gives anything for a sentence, decided by the same tests as its early returns: a sentence
    /// with the words of a self-purchase or a fund carrying a brand bought in it gives a pledge or a near miss when it
    /// states a sum, own money or 自购 as a verb; any other only when it states a figure about purchases (自购 as a
    /// noun with a sum). `ReadingGateTests` compare this with ``read()`` over every sentence of the corpora.
    static func yields(_ text: Scalars, range: Range<Int>, elements: [Element]) -> Bool {
        if ActRule.looksLikeSelfPurchase(text, range: range)
            || elements.contains(where: { $0.isFundName && $0.isObject })
        {
            return statesTerms(text, range: range)
        }
        return statesPurchaseFigure(text, range: range)
    }

    /// A sum, own money or 自购 as a verb: what a sentence with the words of a self-purchase needs to give anything.
    static func statesTerms(_ text: Scalars, range: Range<Int>) -> Bool {
        ActRule.ownMoney.any(in: text, range: range) || ActRule.verbalSelfPurchase(text, range: range) != nil
            || !AmountRule.amounts(in: text, range: range).isEmpty
    }

    /// 自购 with a sum in the sentence (自购金额达3亿元): a figure about purchases, a near miss when nothing else is.
    static func statesPurchaseFigure(_ text: Scalars, range: Range<Int>) -> Bool {
        text.contains(Words.selfPurchase, in: range) && !AmountRule.amounts(in: text, range: range).isEmpty
    }

    /// ``yields(_:range:elements:)`` without the sentence's elements when words alone decide. Without the words of a
    /// self-purchase (own money and 自购 as a verb are among them), a sentence gives something only with a sum, and then
    /// with 自购 or a bought brand fund; that needs a buying verb, then an issuer mention that may start a fund's name
    /// after that verb in its clause. The elements are computed (and handed back) only when such a mention is there.
    static func mayYield(
        _ text: Scalars, range: Range<Int>, scanner: SubjectScanner, elements: inout [Element]?
    ) -> Bool {
        if ActRule.looksLikeSelfPurchase(text, range: range) { return statesTerms(text, range: range) }
        guard !AmountRule.amounts(in: text, range: range).isEmpty else { return false }
        if text.contains(Words.selfPurchase, in: range) { return true }
        guard ActRule.buy.any(in: text, range: range), scanner.mayNameBoughtFund(in: range) else { return false }
        let found = scanner.elements(in: range)
        elements = found
        return found.contains { $0.isFundName && $0.isObject }
    }

    /// The subject a company element names (the name as written, the issuer when the directory knows it).
    static func company(_ element: Element, original: Scalars) -> Subject {
        let written = original[element.start..<element.end].string
        if let issuer = element.issuer {
            return Subject(issuer: issuer, mention: written, start: element.start, end: element.end)
        }
        return Subject(unknownName: written, start: element.start, end: element.end)
    }

    private func miss(_ reason: String, segment: Segment?) -> NearMiss {
        let subject = segment?.group.flatMap { group in
            group.members.first { $0.kind == .company }.flatMap { resolve($0) }?.name
        }
        return NearMiss(reason: reason, issuer: subject, evidence: evidence)
    }

    // MARK: - One segment

    private func read(_ segment: Segment, freeStart: Int, lead: Range<Int>, trail: Range<Int>) -> (
        [Candidate], String?
    ) {
        let clauseEnd = cutAtContinuation(segment.range)
        var refused: String?
        let amounts = segment.amounts.filter { amount in
            let reason = RefusalRule.amountReason(
                text, amount: amount,
                clauseStart: Clauses.start(text, before: amount.start, lower: segment.range.lowerBound),
                limit: sentence.end)
            if let reason { refused = reason }
            return reason == nil && amount.yuan != nil
        }
        let subjects: [Subject]
        var joint = false
        switch segment.group?.kind {
        case .group?:
            return ([], amounts.isEmpty ? nil : "statistics: an amount of several companies or of the industry")
        case .staff?:
            return ([], amounts.isEmpty ? nil : "staff or fund managers' own money, not the company's")
        case .other?:
            return ([], amounts.isEmpty ? nil : "the amount belongs to a company's funds or people, not the company")
        case .joint?:
            joint = true
            subjects = resolvedCompanies(segment.group!).prefix(1).map { $0 }
        case .companies?:
            subjects = resolvedCompanies(segment.group!)
        case nil:
            guard !amounts.isEmpty else { return ([], refused) }
            guard
                ActRule.ownMoney.any(in: text, range: segment.range)
                    || ActRule.ownFunds.any(in: text, range: segment.range)
            else { return ([], "no issuer named") }
            if RefusalRule.statistics.any(in: text, range: sentence.range) {
                return ([], "statistics, and no issuer named")
            }
            guard let resolved = previous ?? context.titleIssuer ?? context.signatureIssuer else {
                return ([], "no issuer named")
            }
            subjects = [resolved]
        }
        guard !subjects.isEmpty else { return ([], "no issuer named") }
        // The act may be stated once for a whole list (…，均用于申购旗下权益类基金).
        let actRange = sentence.range
        guard
            ActRule.act(text, range: actRange, brandFundAfterBuy: brandFundBought(in: segment.range, by: subjects))
                != nil
        else { return ([], amounts.isEmpty ? nil : "no purchase of the company's own funds with its own money") }
        if let reason = RefusalRule.statisticsReason(text, range: segment.range) { return ([], reason) }
        // 年内易方达基金自购3亿元: words of the subject's own clause before it qualify it too (今年以来，市场震荡，华夏基金拟…
        // keeps its lead-in clauses apart).
        if segment.range.lowerBound == lead.upperBound, lead.upperBound > lead.lowerBound,
            let (_, word) = RefusalRule.statistics.first(
                in: text, range: Clauses.start(text, before: lead.upperBound, lower: lead.lowerBound)..<lead.upperBound)
        {
            return ([], "statistics or ranking (\(word.string))")
        }
        if ActRule.isPassive(text, range: sentence.range) {
            return ([], "a fund that received purchases (获/被…自购), not a pledge")
        }
        if RefusalRule.isRedemption(text, range: segment.range) { return ([], "a redemption") }
        if let reason = RefusalRule.otherObjectReason(text, range: segment.range) { return ([], reason) }

        let region = segment.range.lowerBound..<clauseEnd
        let free = freeStart..<segment.range.lowerBound
        var fallbacks = [free, lead, trail]
        if let previousSentence, Self.fundBackReferences.any(in: text, range: region) {
            fallbacks.append(previousSentence)
        }
        if amounts.isEmpty {
            // A pledge with a holding period and no amount (rule 1), only where the company's own money is named.
            guard
                ActRule.ownMoney.any(in: text, range: region) || ActRule.verbalSelfPurchase(text, range: region) != nil,
                subjects.count == 1, let period = HoldingPeriodRule.periods(in: text, range: region).first
            else { return ([], refused ?? Self.noTerms) }
            return (
                [
                    candidate(
                        subjects[0], amount: nil, among: [], region: region, fallbacks: fallbacks, period: period,
                        joint: joint)
                ], nil
            )
        }

        var assignments: [(Subject, MoneyAmount)] = []
        if subjects.count == 1 {
            // The company's part of a sum with its staff's money is its pledge (LABELS rule 5).
            let withStaff = joint || SubjectScanner.staff.any(in: text, range: segment.range.lowerBound..<sentence.end)
            if withStaff, let part = companyPart(of: amounts, in: segment.range) {
                assignments = [(subjects[0], part)]
            } else {
                assignments = pledged(amounts, in: segment.range).map { (subjects[0], $0) }
            }
        } else {
            let eachWord = Self.each.any(in: text, range: segment.range)
            if amounts.count == 1 {
                if isTotal(amounts[0], lower: segment.range.lowerBound) {
                    return ([], "a total over several companies")
                }
                guard eachWord else { return ([], "one amount for several companies, not said to be each one's") }
                assignments = subjects.map { ($0, amounts[0]) }
            } else if amounts.count == subjects.count {
                assignments = Array(zip(subjects, amounts))
            } else {
                return ([], "\(amounts.count) amounts for \(subjects.count) companies cannot be paired")
            }
        }
        let result = assignments.map { subject, amount in
            candidate(
                subject, amount: amount, among: amounts, region: region, fallbacks: fallbacks, period: nil, joint: joint
            )
        }
        return (result, nil)
    }

    /// The amounts of one company's segment that are its pledges: the total when a total and its parts are given.
    private func pledged(_ amounts: [MoneyAmount], in range: Range<Int>) -> [MoneyAmount] {
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
    private func companyPart(of amounts: [MoneyAmount], in range: Range<Int>) -> MoneyAmount? {
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

    private func isTotal(_ amount: MoneyAmount, lower: Int) -> Bool {
        let lead = max(lower, amount.start - 6)..<amount.start
        return RefusalRule.totals.any(in: text, range: lead)
    }

    private func candidate(
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
    private func amountWindows(_ amount: MoneyAmount?, among amounts: [MoneyAmount], region: Range<Int>) -> [Range<Int>]
    {
        guard let amount, amounts.count > 1, let index = amounts.firstIndex(of: amount) else { return [] }
        let next = index + 1 < amounts.count ? amounts[index + 1].start : region.upperBound
        let previous = index > 0 ? amounts[index - 1].end : region.lowerBound
        let after = amount.end..<max(amount.end, min(next, region.upperBound))
        let before = min(previous, amount.start)..<amount.start
        return [after, before]
    }

    /// The bound of an amount; an amount in a 、 list with no words of its own shares the bound of the one before.
    private func boundOf(_ amount: MoneyAmount, in amounts: [MoneyAmount], lower: Int) -> (AmountBound, Range<Int>?) {
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

    // MARK: - Subjects

    /// Whether `group` is only a count (两家公司, 3家) equal to the number of companies `previous` lists.
    private func countsBack(_ group: SubjectGroup, to previous: SubjectGroup?) -> Bool {
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

    private func resolvedCompanies(_ group: SubjectGroup) -> [Subject] {
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
            let before = elements.last { $0.kind == .company && $0.end <= element.start }.flatMap(resolve)
            let document = [context.titleIssuer, context.signatureIssuer]
            let order = own ? document + [before, previous] : [before, previous] + document
            return order.compactMap { $0 }.first
        default:
            return nil
        }
    }

    /// Whether a fund named after one of the subjects is bought in `range` (华安基金申购了华安众鑫…).
    private func brandFundBought(in range: Range<Int>, by subjects: [Subject]) -> Bool {
        elements.contains { element in
            element.isFundName && element.isObject && range.contains(element.start)
                && subjects.contains { $0.known && $0.name == element.issuer?.name }
        }
    }

    // MARK: - Clauses

    /// The last clause of the sentence when it follows every amount and speaks for all (均/都/二者…).
    private func sharedTrail(_ amounts: [MoneyAmount]) -> Range<Int> {
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
    private func cutAtContinuation(_ range: Range<Int>) -> Int {
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
