/// A holding period committed to in the sentence right after a pledge's, when that one states none
/// (…申购旗下权益类基金。公司承诺，本次申购所得份额持有期限不少于1年。): the period is the pledge's, and its evidence runs on
/// to the end of that sentence, so that the value stays inside it.
enum FollowingCommitment {
    /// Words near the start of the next sentence that tie it to the pledge before: a commitment, or the company or
    /// the purchase referred to again.
    static let ties = Keywords([
        "承诺", "公司", "该公司", "本公司", "上述", "相关", "本次", "此次", "该笔", "这笔", "所持", "所申购", "所认购", "份额",
    ])
    /// Words of a rule quoted in general (发起式基金…持有期限不少于三年), not the company's commitment.
    static let general = Keywords(["规定", "要求", "根据", "发起式", "一般", "通常"])
    /// How far into the next sentence a tie must start.
    static let tieWindow = 10

    static func apply(
        to candidates: inout [Candidate], sentences: [Sentence], text: Scalars, original: Scalars,
        scanner: SubjectScanner
    ) {
        guard candidates.contains(where: { $0.pledge.holdingPeriod == nil }) else { return }
        var indexByEnd: [Int: Int] = [:]
        for (index, sentence) in sentences.enumerated() { indexByEnd[sentence.end] = index }
        for index in candidates.indices where candidates[index].pledge.holdingPeriod == nil {
            let evidence = candidates[index].pledge.evidence
            guard let position = indexByEnd[evidence.end], position + 1 < sentences.count else { continue }
            let next = sentences[position + 1].range
            let head = next.lowerBound..<min(next.upperBound, next.lowerBound + tieWindow)
            guard ties.any(in: text, range: head), !general.any(in: text, range: next),
                AmountRule.amounts(in: text, range: next).isEmpty,
                let period = HoldingPeriodRule.periods(in: text, range: next).first
            else { continue }
            // Another company named there makes it that company's commitment.
            let issuer = candidates[index].pledge.issuer
            let others = scanner.elements(in: next).filter { $0.kind == .company }
            guard others.allSatisfy({ $0.issuer?.name == issuer }) else { continue }
            candidates[index].pledge.holdingPeriod = period.iso
            candidates[index].pledge.spans.append(
                FieldSpan(field: .holdingPeriod, start: period.start, end: period.end))
            candidates[index].pledge.evidence = Evidence(
                text: original[evidence.start..<next.upperBound].string, start: evidence.start, end: next.upperBound)
        }
    }
}
