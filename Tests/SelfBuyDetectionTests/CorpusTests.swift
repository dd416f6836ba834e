import Foundation
import Testing

@testable import SelfBuyDetection

/// One labelled case of `Fixtures/*.jsonl`.
struct LabelledCase: Sendable, CustomTestStringConvertible {
    struct Expected: Sendable, Equatable, CustomStringConvertible {
        var issuer: String
        var amountYuan: Int64?
        var amountBound: String?
        var holdingPeriod: String?
        var fundType: String
        var status: String

        var description: String {
            "\(issuer) \(amountYuan.map(String.init) ?? "nil") \(amountBound ?? "nil") \(holdingPeriod ?? "nil") \(fundType) \(status)"
        }
    }

    var id: String
    var text: String
    var docDate: String?
    var expected: [Expected]
    var testDescription: String { id }

    static func load(_ name: String) throws -> [LabelledCase] {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        return try lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let expected = (object["expected"] as! [[String: Any]]).map { pledge in
                Expected(
                    issuer: pledge["issuer"] as! String, amountYuan: (pledge["amount_yuan"] as? NSNumber)?.int64Value,
                    amountBound: pledge["amount_bound"] as? String, holdingPeriod: pledge["holding_period"] as? String,
                    fundType: pledge["fund_type"] as! String, status: pledge["status"] as! String)
            }
            return LabelledCase(
                id: object["id"] as! String, text: object["text"] as! String, docDate: object["doc_date"] as? String,
                expected: expected)
        }
    }
}

@Suite("Labelled corpora")
struct CorpusTests {
    static let shared = (try? LabelledCase.load("cases.jsonl")) ?? []
    static let local = (try? LabelledCase.load("more-cases.jsonl")) ?? []

    func check(_ labelled: LabelledCase) {
        let found = PledgeDetector().detect(labelled.text, documentDate: labelled.docDate).map {
            LabelledCase.Expected(
                issuer: $0.issuer, amountYuan: $0.amountYuan, amountBound: $0.amountBound?.rawValue,
                holdingPeriod: $0.holdingPeriod, fundType: $0.fundType.rawValue, status: $0.status.rawValue)
        }
        #expect(found == labelled.expected, "\(labelled.id): \(labelled.text)")
    }

    @Test("every case of the shared corpus", arguments: shared)
    func sharedCorpus(labelled: LabelledCase) { check(labelled) }

    @Test("every case of selfbuy's own corpus", arguments: local)
    func localCorpus(labelled: LabelledCase) { check(labelled) }

    @Test("both corpora are loaded")
    func loaded() {
        #expect(Self.shared.count == 15)
        #expect(Self.local.count >= 30)
    }
}
