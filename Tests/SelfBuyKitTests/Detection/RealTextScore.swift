import Foundation
import SelfBuyDetection

/// Scores the detector on labelled cases exactly as `../shared/tools/score_extract.py` does: a pledge counts when its
/// issuer (name or mention, legal suffixes dropped, by prefix), amount, bound, holding period in months, fund type
/// and status all match one expected pledge.
struct RealTextScore {
    struct Expected {
        var issuer: String
        var fields: [String?]
    }

    struct Case {
        var id: String
        var text: String
        var docDate: String?
        var expected: [Expected]
    }

    var truePositives = 0
    var predicted = 0
    var expected = 0
    var misses: [String] = []

    var f1: Double {
        let precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
        let recall = expected == 0 ? 0 : Double(truePositives) / Double(expected)
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    static func load(_ url: URL) throws -> [Case] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let expected = (object["expected"] as? [[String: Any]] ?? []).map { pledge in
                Expected(
                    issuer: pledge["issuer"] as? String ?? "",
                    fields: [
                        (pledge["amount_yuan"] as? NSNumber).map { "\($0.int64Value)" },
                        pledge["amount_bound"] as? String,
                        (pledge["holding_months_min"] as? NSNumber).map { "\($0.intValue)" },
                        pledge["fund_type"] as? String, pledge["status"] as? String,
                    ])
            }
            let firstDate = (object["expected"] as? [[String: Any]] ?? []).lazy.compactMap { $0["date"] as? String }
                .first
            return Case(
                id: object["id"] as? String ?? "?", text: object["text"] as? String ?? "",
                docDate: object["doc_date"] as? String ?? firstDate, expected: expected)
        }
    }

    mutating func score(_ cases: [Case], with detector: PledgeDetector) {
        for labelled in cases {
            let pledges = detector.detect(labelled.text, documentDate: labelled.docDate)
            predicted += pledges.count
            expected += labelled.expected.count
            var used: Set<Int> = []
            for wanted in labelled.expected {
                var best: (score: Int, index: Int)?
                for (index, pledge) in pledges.enumerated() where !used.contains(index) {
                    guard Self.sameIssuer(wanted.issuer, pledge) else { continue }
                    let score = zip(Self.fields(pledge), wanted.fields).filter { $0 == $1 }.count
                    if best == nil || score > best!.score { best = (score, index) }
                }
                if let best {
                    used.insert(best.index)
                    if best.score == wanted.fields.count {
                        truePositives += 1
                    } else {
                        misses.append("\(labelled.id) mismatch \(wanted.issuer): \(Self.fields(pledges[best.index]))")
                    }
                } else {
                    misses.append("\(labelled.id) missed \(wanted.issuer)")
                }
            }
            for (index, pledge) in pledges.enumerated() where !used.contains(index) {
                misses.append("\(labelled.id) extra \(pledge.issuer) \(pledge.amountYuan.map(String.init) ?? "nil")")
            }
        }
    }

    static func fields(_ pledge: Pledge) -> [String?] {
        [
            pledge.amountYuan.map(String.init), pledge.amountBound?.rawValue, pledge.holdingPeriod.flatMap(months),
            pledge.fundType.rawValue, pledge.status.rawValue,
        ]
    }

    /// Months of an ISO 8601 period the way the scorer counts them (days / 30, rounded).
    static func months(_ iso: String) -> String? {
        guard let days = HoldingPeriod.days(of: iso), let unit = iso.last, let value = Int(iso.dropFirst().dropLast())
        else { return nil }
        switch unit {
        case "Y": return "\(value * 12)"
        case "M": return "\(value)"
        default: return "\(Int((Double(days) / 30).rounded(.toNearestOrEven)))"
        }
    }

    static func normalised(_ name: String) -> String {
        var name = name.replacingOccurrences(of: " ", with: "")
        name = name.replacingOccurrences(of: #"（[^）]*）|\([^)]*\)"#, with: "", options: .regularExpression)
        for suffix in ["基金管理股份有限公司", "基金管理有限公司", "资产管理有限公司", "股份有限公司", "有限公司", "公司"]
        where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name.replacingOccurrences(of: "资产管理", with: "资管")
    }

    static func sameIssuer(_ wanted: String, _ pledge: Pledge) -> Bool {
        let expected = normalised(wanted)
        return [pledge.issuer, pledge.issuerMention].contains { candidate in
            let found = normalised(candidate)
            return !found.isEmpty && !expected.isEmpty && (found.hasPrefix(expected) || expected.hasPrefix(found))
        }
    }
}
