import Foundation
import SelfBuyKit
import Testing

@testable import SelfBuyDetection

/// The document prefilter may only skip a text the detector finds nothing in, with OpenCC's folding as selfbuy runs.
@Suite("Document prefilter")
struct DocumentPrefilterTests {
    static let detectionFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../SelfBuyDetectionTests/Fixtures").standardizedFileURL

    /// Every text of the labelled corpora: the Kit's real-style sets, the detector's cases, real-dev when present.
    static func corpusTexts() throws -> [String] {
        var urls = [Fixture.url("own-real-style.jsonl"), Fixture.url("blind-real-style.jsonl")]
        urls += ["cases.jsonl", "more-cases.jsonl"].map { detectionFixtures.appendingPathComponent($0) }
        if FileManager.default.fileExists(atPath: RealTextTests.sharedCorpus.path) {
            urls.append(RealTextTests.sharedCorpus)
        }
        return try urls.flatMap { try RealTextScore.load($0).map(\.text) }
    }

    @Test("no text of the corpora that gives a pledge or a near miss is skipped, nor any of its sentences")
    func corporaAreNeverSkipped() throws {
        let detector = try RealTextTests.detector()
        let prefilter = DocumentPrefilter(folding: detector.folding)
        let texts = try Self.corpusTexts()
        #expect(texts.count >= 150)
        var read = 0
        for text in texts {
            let detection = detector.review(text, documentDate: "2025-08-26")
            if !detection.pledges.isEmpty || !detection.nearMisses.isEmpty {
                read += 1
                #expect(prefilter.mayContainPledge(text), "\(text)")
            }
            for sentence in text.split(whereSeparator: { "。！？\n".contains($0) }).map(String.init) {
                let found = detector.review(sentence, documentDate: "2025-08-26")
                if !found.pledges.isEmpty || !found.nearMisses.isEmpty {
                    #expect(prefilter.mayContainPledge(sentence), "\(sentence)")
                }
            }
        }
        #expect(read >= 100)
    }

    @Test("the prefilter passes every text in which the detector's own word scan succeeds")
    func agreesWithTheDetectorsScan() throws {
        let folding = try TraditionalFolding.require()
        let prefilter = DocumentPrefilter(folding: folding)
        var checked = 0
        for text in try Self.corpusTexts() {
            let scalars = Array(text.unicodeScalars)
            // Every window of the text, so that a word at any place and any boundary is covered.
            for start in stride(from: 0, to: scalars.count, by: 7) {
                let window = String(String.UnicodeScalarView(scalars[start..<min(scalars.count, start + 12)]))
                let detectorReads = ActRule.mayContain(folding.fold(Array(window.unicodeScalars)))
                if detectorReads { #expect(prefilter.mayContainPledge(window), "\(window)") }
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test("every prefilter word, in Simplified or in any Traditional form OpenCC folds to it, is found")
    func everyWordInEveryScript() throws {
        let folding = try TraditionalFolding.require()
        let prefilter = DocumentPrefilter(folding: folding)
        let covered = ScriptFolding.coveredRange.compactMap(Unicode.Scalar.init)
        let folded = folding.fold(covered)
        var sources: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for (original, target) in zip(covered, folded) { sources[target, default: []].append(original) }
        for word in ActRule.prefilter.words {
            let firsts = sources[word[0]] ?? [word[0]]
            let seconds = sources[word[1]] ?? [word[1]]
            for first in firsts {
                for second in seconds {
                    let text = "市场观察：" + String(first) + String(second) + "，其余略。"
                    #expect(prefilter.mayContainPledge(text), "\(text)")
                }
            }
        }
        #expect(prefilter.mayContainPledge("匯添富基金擬運用固有資金不低於1億元申購旗下權益類基金"))
    }

    @Test("market news without a purchase word is skipped, and the detector agrees there is nothing in it")
    func newsIsSkipped() throws {
        let detector = try RealTextTests.detector()
        let prefilter = DocumentPrefilter(folding: detector.folding)
        let news = "A股三大指数午后走强，沪深300指数上涨1.2%，两市成交额较前一交易日放大。央行今日开展5000亿元MLF操作，中标利率持平。"
        #expect(!prefilter.mayContainPledge(news))
        #expect(detector.review(news).pledges.isEmpty && detector.review(news).nearMisses.isEmpty)
        #expect(!prefilter.mayContainPledge(""))
        #expect(prefilter.mayContainPledge("华夏基金拟自购旗下基金"))
        // A word cut by a line break is two words to the detector as well.
        #expect(!prefilter.mayContainPledge("自\n购"))
    }
}
