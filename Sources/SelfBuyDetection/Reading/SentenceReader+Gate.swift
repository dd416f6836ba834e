/// Whether a sentence can give anything, decided before it is read (the detector passes over the others).
extension SentenceReader {
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
}
