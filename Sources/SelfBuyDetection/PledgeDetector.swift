/// Finds self-purchase pledges in text: pure, no I/O, no clock.
///
/// The text is first folded code point for code point (Traditional to Simplified, with the table handed in), so that
/// every offset still points into the original. Each sentence that has the words of a self-purchase is read by
/// ``SentenceReader``: its subjects (companies, lists of them, a company with its staff, pronouns resolved from the
/// title, signature or an earlier sentence), its amounts, and for each subject's part of the sentence the act (own
/// money spent on own funds), bound, holding period, fund type and status. ``DocumentRules`` then keep one pledge per
/// act. What the text does not say stays nil; what looked like a pledge and was refused is a ``NearMiss`` with its
/// reason.
public struct PledgeDetector: Sendable {
    public var directory: IssuerDirectory
    public var folding: ScriptFolding

    public init(directory: IssuerDirectory = .bundled, folding: ScriptFolding = .identity) {
        self.directory = directory
        self.folding = folding
    }

    /// Detects the pledges in a document.
    ///
    /// - Parameters:
    ///   - text: plain text (HTML already rendered).
    ///   - documentDate: the announcement date `YYYY-MM-DD` if the document states one.
    ///   - title: the document's title, which may name the issuer of 本公司.
    /// - Returns: the pledges in text order, one per pledge even when the text repeats it.
    public func detect(_ text: String, documentDate: String? = nil, title: String? = nil) -> [Pledge] {
        review(text, documentDate: documentDate, title: title).pledges
    }

    /// Detects the pledges of a document and the near misses: sentences with the words of a self-purchase that gave
    /// no pledge, each with the reason.
    public func review(_ text: String, documentDate: String? = nil, title: String? = nil) -> Detection {
        let original = text.scalars
        let folded = folding.fold(original)
        guard ActRule.mayContain(folded) else { return Detection(pledges: [], nearMisses: []) }
        let titleScalars = title?.scalars
        let context = DocumentContext(
            text: folded, original: original, title: titleScalars.map(folding.fold), originalTitle: titleScalars,
            directory: directory)
        let scanner = SubjectScanner(text: folded, directory: directory)
        var candidates: [Candidate] = []
        var misses: [NearMiss] = []
        var previous: Subject?
        var previousSentence: Range<Int>?
        // Sentences skipped since the last one read: searched for an issuer name (for 该公司) only when needed.
        var skipped: [Range<Int>] = []
        for sentence in SentenceSplitter.split(folded) {
            // Most sentences of a document say nothing of a purchase.
            guard ActRule.mayContain(folded, range: sentence.range) else {
                skipped.append(sentence.range)
                previousSentence = sentence.range
                continue
            }
            for range in skipped.reversed() {
                if let last = directory.mentions(in: folded, range: range).last {
                    let written = original[last.start..<last.end].string
                    previous = Subject(issuer: last.issuer, mention: written, start: last.start, end: last.end)
                    break
                }
            }
            skipped.removeAll()
            let elements = scanner.elements(in: sentence.range)
            let date =
                documentDate ?? DocumentContext.firstDate(in: folded, range: sentence.range) ?? context.textDate
            let reader = SentenceReader(
                original: original, text: folded, sentence: sentence, elements: elements, context: context,
                previous: previous, previousSentence: previousSentence, date: date,
                evidence: Evidence(
                    text: original[sentence.range].string, start: sentence.start, end: sentence.end))
            let (found, refused) = reader.read()
            candidates += found
            misses += refused
            if let last = elements.last(where: { $0.kind == .company }), let subject = reader.resolve(last) {
                previous = subject
            }
            previousSentence = sentence.range
        }
        let pledges = DocumentRules.apply(candidates, misses: &misses)
        return Detection(pledges: pledges, nearMisses: misses)
    }
}
