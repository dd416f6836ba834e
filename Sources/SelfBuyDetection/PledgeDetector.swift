/// Finds self-purchase pledges in text: pure, no I/O, no clock.
///
/// Each sentence passes through the rules in ``DetectionRules`` order: the trigger (own money or 自购 with a purchase
/// verb), the exclusions, then the readers of issuer, amount, bound, holding period, fund type and status. Every value
/// comes from the sentence, except the issuer of 本公司/该公司 (resolved from the title, signature or an earlier
/// sentence) and the date (the document's). What the text does not say stays nil.
public struct PledgeDetector: Sendable {
    public var directory: IssuerDirectory

    public init(directory: IssuerDirectory = .bundled) {
        self.directory = directory
    }

    /// Detects the pledges in a document.
    ///
    /// - Parameters:
    ///   - text: plain text (HTML already rendered).
    ///   - documentDate: the announcement date `YYYY-MM-DD` if the document states one.
    ///   - title: the document's title, which may name the issuer of 本公司.
    /// - Returns: the pledges in text order, one per pledge even when the text repeats it.
    public func detect(_ text: String, documentDate: String? = nil, title: String? = nil) -> [Pledge] {
        let scalars = text.scalars
        guard TriggerRule.mayContain(scalars) else { return [] }
        let context = DocumentContext(text: scalars, title: title, directory: directory)
        var pledges: [Pledge] = []
        let sentences = SentenceSplitter.split(scalars)
        for (position, sentence) in sentences.enumerated() {
            guard let (strength, triggerAt) = TriggerRule.trigger(scalars, range: sentence.range),
                ExclusionRule.refusal(scalars, range: sentence.range) == nil
            else { continue }
            let mentions = directory.mentions(in: scalars, range: sentence.range)
            let reader = SentenceReader(
                text: scalars, sentence: sentence, mentions: mentions, triggerAt: triggerAt, strength: strength)
            let previous = mentions.isEmpty ? lastMention(before: position, in: sentences, text: scalars) : nil
            guard let subjects = reader.subjects(context: context, previous: previous) else { continue }
            let date = documentDate ?? DocumentContext.firstDate(in: scalars, range: sentence.range) ?? context.textDate
            pledges += reader.pledges(for: subjects, date: date)
        }
        return Self.deduplicated(pledges)
    }

    /// The issuer named last before sentence `position`, for 该公司 and subject-less sentences.
    private func lastMention(before position: Int, in sentences: [Sentence], text: Scalars) -> (IssuerMention, String)?
    {
        for sentence in sentences[..<position].reversed() {
            if let last = directory.mentions(in: text, range: sentence.range).last {
                return (last, Array(text[last.start..<last.end]).string)
            }
        }
        return nil
    }

    /// One pledge per (issuer, amount, bound): a lead sentence and the body often repeat it. The most complete
    /// statement is kept; a statement with no amount is dropped when the same issuer's amount is stated.
    static func deduplicated(_ pledges: [Pledge]) -> [Pledge] {
        var kept: [Pledge] = []
        for pledge in pledges {
            if pledge.amountYuan == nil, pledges.contains(where: { $0.issuer == pledge.issuer && $0.amountYuan != nil })
            {
                continue
            }
            if let index = kept.firstIndex(where: { Self.sameStatement($0, pledge) }) {
                if completeness(pledge) > completeness(kept[index]) { kept[index] = pledge }
            } else {
                kept.append(pledge)
            }
        }
        return kept
    }

    private static func sameStatement(_ a: Pledge, _ b: Pledge) -> Bool {
        a.issuer == b.issuer && a.amountYuan == b.amountYuan && a.amountUpperYuan == b.amountUpperYuan
            && a.amountBound == b.amountBound
            && (a.fundType == b.fundType || a.fundType == .unspecified || b.fundType == .unspecified)
            && (a.holdingPeriod == b.holdingPeriod || a.holdingPeriod == nil || b.holdingPeriod == nil)
    }

    private static func completeness(_ pledge: Pledge) -> Int {
        (pledge.holdingPeriod == nil ? 0 : 1) + (pledge.fundType == .unspecified ? 0 : 1)
    }
}
