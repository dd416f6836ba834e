import Foundation
import Testing

@testable import SelfBuyDetection

@Suite("Inputs the fuzzers found")
struct FuzzRegressionTests {
    static let crashes: [String] = {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(
            "fuzz-crashes")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
            folder.appendingPathComponent($0).path
        }
    }()

    @Test("every crash input is detected without trapping, with evidence matching its offsets", arguments: crashes)
    func crashInput(path: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        for pledge in PledgeDetector().detect(text, documentDate: "2025-08-26") {
            #expect(Array(scalars[pledge.evidence.start..<pledge.evidence.end]).string == pledge.evidence.text)
        }
    }

    @Test("a unit of stacked 亿 too large for Int64 is no money, not an overflow trap")
    func stackedUnits() {
        let text = "公司拟运用固有资金1亿亿亿亿亿元申购旗下基金。"
        let scalars = text.scalars
        #expect(AmountRule.amounts(in: scalars, range: 0..<scalars.count).allSatisfy { $0.yuan != nil })
        #expect(PledgeDetector().detect(text).allSatisfy { $0.amountYuan == nil || $0.amountYuan! > 0 })
    }

    @Test("a number with more decimals than Int64 can scale is not whole yuan, not a crash")
    func manyDecimals() {
        let text = "0.000000000000000000000000000000050万元"
        let scalars = text.scalars
        #expect(AmountRule.amounts(in: scalars, range: 0..<scalars.count).first?.yuan == nil)
        let zeros = "1.5000000000000000000000000亿元".scalars
        #expect(AmountRule.amounts(in: zeros, range: 0..<zeros.count).first?.yuan == 150_000_000)
    }

    @Test("the crash corpus is not empty")
    func corpusLoaded() { #expect(!Self.crashes.isEmpty) }
}
