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

    func miss(_ reason: String, segment: Segment?) -> NearMiss {
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
                    || continuesTranches(segment.range)
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

}
