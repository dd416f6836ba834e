import Foundation
import SelfBuyKit
import Testing

@testable import SelfBuyDetection

/// The detector's sentence gate over every corpus, folded with OpenCC as selfbuy reads: a sentence it passes over
/// would have given nothing if read.
@Suite("Reading gates over the corpora")
struct ReadingGateCorpusTests {
    @Test("every sentence of the corpora passes the sentence gate exactly when reading it gives something")
    func gateAgreesWithReadingOverTheCorpora() throws {
        let folding = try TraditionalFolding.require()
        var passed = 0
        var refused = 0
        for text in try DocumentPrefilterTests.corpusTexts() {
            let folded = folding.fold(text.scalars)
            let scanner = SubjectScanner(text: folded, directory: .bundled)
            for sentence in SentenceSplitter.split(folded) {
                var elements: [Element]?
                let mayYield = SentenceReader.mayYield(
                    folded, range: sentence.range, scanner: scanner, elements: &elements)
                let yields = SentenceReader.yields(
                    folded, range: sentence.range, elements: scanner.elements(in: sentence.range))
                let context = DocumentContext(
                    text: folded, original: folded, title: nil, originalTitle: nil, directory: .bundled)
                let reader = SentenceReader(
                    original: folded, text: folded, sentence: sentence, elements: scanner.elements(in: sentence.range),
                    context: context, previous: nil, previousSentence: nil, date: nil,
                    evidence: Evidence(text: "", start: sentence.start, end: sentence.end))
                let (candidates, misses) = reader.read()
                let read = !candidates.isEmpty || !misses.isEmpty
                #expect(mayYield == read && yields == read, "\(folded[sentence.range].string)")
                if mayYield { passed += 1 } else { refused += 1 }
            }
        }
        #expect(passed >= 200 && refused >= 100, "\(passed) sentences pass, \(refused) do not")
    }
}
