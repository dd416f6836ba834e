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
        let (original, folded) = folding.scalars(of: text)
        // Where the next word of the prefilter starts. Its words are ideographs only, and sentences end only at
        // punctuation and white space, so each word lies inside one sentence: one scan of the text, resumed after
        // each sentence that has a word, tells every sentence that has one.
        guard var nextWord = ActRule.prefilter.first(in: folded, range: 0..<folded.count)?.0 else {
            return Detection(pledges: [], nearMisses: [])
        }
        let titleScalars = title?.scalars
        let context = DocumentContext(
            text: folded, original: original, title: titleScalars.map(folding.fold), originalTitle: titleScalars,
            directory: directory)
        let scanner = SubjectScanner(text: folded, directory: directory)
        var candidates: [Candidate] = []
        var misses: [NearMiss] = []
        var previous: Subject?
        var previousSentence: Range<Int>?
        // Sentences passed over since the last one read, in text order: searched for the company that 该公司 and a
        // subject-less sentence stand for only when a sentence is read (``PendingSentence``).
        var pending: [PendingSentence] = []
        let sentences = SentenceSplitter.split(folded)
        pending.reserveCapacity(sentences.count)
        for sentence in sentences {
            // Most sentences of a document say nothing of a purchase.
            guard nextWord < sentence.end else {
                pending.append(PendingSentence(range: sentence.range, worded: false))
                previousSentence = sentence.range
                continue
            }
            nextWord = ActRule.prefilter.first(in: folded, range: sentence.end..<folded.count)?.0 ?? folded.count
            // A sentence that cannot give a pledge or a near miss is not read; it still names the company a later
            // sentence may refer to, as if it had been read.
            var sentenceElements: [Element]?
            guard SentenceReader.mayYield(folded, range: sentence.range, scanner: scanner, elements: &sentenceElements)
            else {
                pending.append(PendingSentence(range: sentence.range, worded: true, elements: sentenceElements))
                previousSentence = sentence.range
                continue
            }
            if let subject = Self.lastNamed(in: pending, text: folded, original: original, scanner: scanner) {
                previous = subject
            }
            // Kept allocated: most documents pass over sentences again after this one.
            pending.removeAll(keepingCapacity: true)
            let elements = sentenceElements ?? scanner.elements(in: sentence.range)
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
            if let last = elements.last(where: { $0.kind == .company }) {
                previous = SentenceReader.company(last, original: original)
            }
            previousSentence = sentence.range
        }
        FollowingCommitment.apply(
            to: &candidates, sentences: sentences, text: folded, original: original, scanner: scanner)
        let pledges = DocumentRules.apply(candidates, misses: &misses)
        return Detection(pledges: pledges, nearMisses: misses)
    }

    /// The company that the sentences passed over since the last one read leave as the one named last: what
    /// ``review(_:documentDate:title:)`` would have set, sentence by sentence, had it read each of them. A sentence
    /// without the detector's words names the last issuer it mentions; one with the words but nothing to yield names
    /// its last company element, as a read sentence does. The last sentence that names one wins.
    private static func lastNamed(
        in pending: [PendingSentence], text: Scalars, original: Scalars, scanner: SubjectScanner
    ) -> Subject? {
        for sentence in pending.reversed() {
            if sentence.worded {
                let elements = sentence.elements ?? scanner.elements(in: sentence.range)
                if let last = elements.last(where: { $0.kind == .company }) {
                    return SentenceReader.company(last, original: original)
                }
            } else if let last = scanner.directory.mentions(in: text, range: sentence.range).last {
                let written = original[last.start..<last.end].string
                return Subject(issuer: last.issuer, mention: written, start: last.start, end: last.end)
            }
        }
        return nil
    }
}

/// A sentence the detector passed over: `worded` when it has the detector's words (and so names its subject the way a
/// read sentence does), with its elements when the gate had to compute them.
struct PendingSentence {
    var range: Range<Int>
    var worded: Bool
    var elements: [Element]?
}
