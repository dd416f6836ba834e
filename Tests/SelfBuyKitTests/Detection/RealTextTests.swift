import Foundation
import SelfBuyDetection
import SelfBuyKit
import Testing

/// The detector on real-style text, scored as the project is measured (`../shared/tools/score_extract.py`), with
/// OpenCC's Traditional folding as `selfbuy` runs it.
@Suite("Real-style text")
struct RealTextTests {
    static let sharedCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../../shared/corpus/real-dev.jsonl").standardizedFileURL

    static func detector() throws -> PledgeDetector {
        PledgeDetector(directory: .bundled, folding: try TraditionalFolding.require())
    }

    @Test(
        "the real-dev texts of shared/ score F1 ≥ 0.95",
        .enabled(if: FileManager.default.fileExists(atPath: sharedCorpus.path)))
    func realDevelopmentSet() throws {
        var score = RealTextScore()
        score.score(try RealTextScore.load(Self.sharedCorpus), with: try Self.detector())
        #expect(score.expected == 65)
        #expect(score.f1 >= 0.95, "\(score.misses.joined(separator: "\n"))")
    }

    @Test("selfbuy's own real-style cases, written apart from real-dev, score F1 ≥ 0.95")
    func ownRealStyleSet() throws {
        var score = RealTextScore()
        score.score(try RealTextScore.load(Fixture.url("own-real-style.jsonl")), with: try Self.detector())
        #expect(score.expected >= 50)
        #expect(score.f1 >= 0.95, "\(score.misses.joined(separator: "\n"))")
    }

    @Test("a blind real-style set, written without seeing the detector, scores F1 ≥ 0.9")
    func blindRealStyleSet() throws {
        var score = RealTextScore()
        score.score(try RealTextScore.load(Fixture.url("blind-real-style.jsonl")), with: try Self.detector())
        #expect(score.expected >= 60)
        #expect(score.f1 >= 0.9, "\(score.misses.joined(separator: "\n"))")
    }

    @Test("a second blind set (F1 0.877 when written, before the rules it led to) scores F1 ≥ 0.95")
    func secondBlindRealStyleSet() throws {
        var score = RealTextScore()
        score.score(try RealTextScore.load(Fixture.url("second-blind-real-style.jsonl")), with: try Self.detector())
        #expect(score.expected >= 55)
        #expect(score.f1 >= 0.95, "\(score.misses.joined(separator: "\n"))")
    }

    @Test("a third blind set (F1 0.943 when written, before the rule it led to) scores F1 ≥ 0.95")
    func thirdBlindRealStyleSet() throws {
        var score = RealTextScore()
        score.score(try RealTextScore.load(Fixture.url("third-blind-real-style.jsonl")), with: try Self.detector())
        #expect(score.expected >= 40)
        #expect(score.f1 >= 0.95, "\(score.misses.joined(separator: "\n"))")
    }

    @Test("OpenCC's folding maps Traditional to Simplified code point for code point")
    func foldingKeepsOffsets() throws {
        let folding = try TraditionalFolding.require()
        let text = "匯添富基金擬運用固有資金不低於1億元申購旗下權益類基金，持有期限不少於一年。"
        let folded = folding.fold(Array(text.unicodeScalars))
        #expect(folded.count == text.unicodeScalars.count)
        #expect(String(String.UnicodeScalarView(folded)) == "汇添富基金拟运用固有资金不低于1亿元申购旗下权益类基金，持有期限不少于一年。")
        #expect(folding.count > 2000)
    }

    @Test("a Traditional text is read, with its issuer and evidence as written")
    func traditionalText() throws {
        let text = "廣發基金公告，擬運用固有資金不低於1億元申購旗下權益類基金，持有期限不少於一年。"
        let pledge = try #require(try Self.detector().detect(text, documentDate: "2025-04-09").first)
        #expect(pledge.issuer == "广发基金")
        #expect(pledge.issuerMention == "廣發基金")
        #expect(pledge.amountYuan == 100_000_000 && pledge.amountBound == .min)
        #expect(pledge.holdingPeriod == "P1Y" && pledge.fundType == .equity)
        #expect(pledge.evidence.text == text)
    }
}
