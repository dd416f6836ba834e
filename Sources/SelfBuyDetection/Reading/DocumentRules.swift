/// Rules over all the pledges of one document: one act is one pledge.
///
/// - A total and its parts: when later amounts of the same issuer add up to an earlier one, they are its split.
/// - Progress: an amount after 累计 smaller than the same issuer's pledge is progress on it (已累计申购逾2亿元 of a 5亿元
///   plan), not a second pledge.
/// - Joint money: the sum of the company's and its staff's money is not a pledge when the company's own part is stated.
/// - Repetition: a lead sentence and the body often state one pledge twice; the most complete statement is kept, and a
///   statement without an amount yields to the same issuer's amount.
///
/// Every rule compares pledges of one issuer, so each looks its company's pledges up by issuer: a long document (a
/// 10 MB archive page, an annual report) costs time in proportion to its pledges, not to their square.
enum DocumentRules {
    static func apply(_ candidates: [Candidate], misses: inout [NearMiss]) -> [Pledge] {
        var removed = [Bool](repeating: false, count: candidates.count)
        func drop(_ index: Int, _ reason: String) {
            let pledge = candidates[index].pledge
            misses.append(NearMiss(reason: reason, issuer: pledge.issuer, evidence: pledge.evidence))
            removed[index] = true
        }
        // Joint sums when the company's part is stated.
        var ownPart: Set<String> = []
        for candidate in candidates where !candidate.joint && candidate.pledge.amountYuan != nil {
            ownPart.insert(candidate.pledge.issuer)
        }
        for (index, candidate) in candidates.enumerated()
        where candidate.joint && candidate.pledge.amountYuan != nil && ownPart.contains(candidate.pledge.issuer) {
            drop(index, "the company's and its staff's money together; the company's own part is stated")
        }
        // Progress on a larger pledge (the largest of an issuer is never progress, so the maximum stays).
        var largest: [String: Int64] = [:]
        for (index, candidate) in candidates.enumerated() where !removed[index] {
            if let amount = candidate.pledge.amountYuan {
                largest[candidate.pledge.issuer] = max(largest[candidate.pledge.issuer] ?? amount, amount)
            }
        }
        for (index, candidate) in candidates.enumerated() where !removed[index] && candidate.cumulative {
            if let amount = candidate.pledge.amountYuan, (largest[candidate.pledge.issuer] ?? 0) > amount {
                drop(index, "progress on a larger pledge of the same company")
            }
        }
        // Parts that add up to an earlier total.
        var byIssuer: [String: [Int]] = [:]
        for index in candidates.indices where !removed[index] {
            byIssuer[candidates[index].pledge.issuer, default: []].append(index)
        }
        for index in candidates.indices where !removed[index] {
            guard let total = candidates[index].pledge.amountYuan else { continue }
            var sum: Int64 = 0
            var parts: [Int] = []
            for later in byIssuer[candidates[index].pledge.issuer] ?? [] where later > index && !removed[later] {
                guard let part = candidates[later].pledge.amountYuan, part < total else { continue }
                sum += part
                parts.append(later)
                if sum >= total { break }
            }
            if sum == total, parts.count >= 2 {
                for part in parts.reversed() { drop(part, "part of a stated total") }
            }
        }
        return deduplicated(candidates.indices.filter { !removed[$0] }.map { candidates[$0].pledge })
    }

    /// The key under which statements of one pledge are found: issuer, amount, upper end, bound.
    private struct StatementKey: Hashable {
        var issuer: String
        var amount: Int64?
        var upper: Int64?
        var bound: AmountBound?

        init(_ pledge: Pledge) {
            issuer = pledge.issuer
            amount = pledge.amountYuan
            upper = pledge.amountUpperYuan
            bound = pledge.amountBound
        }
    }

    /// One pledge per (issuer, amount, bound).
    static func deduplicated(_ pledges: [Pledge]) -> [Pledge] {
        let stated = Set(pledges.filter { $0.amountYuan != nil }.map(\.issuer))
        var kept: [Pledge] = []
        var keptByKey: [StatementKey: [Int]] = [:]
        for pledge in pledges {
            if pledge.amountYuan == nil, stated.contains(pledge.issuer) { continue }
            let key = StatementKey(pledge)
            if let index = keptByKey[key]?.first(where: { sameStatement(kept[$0], pledge) }) {
                if completeness(pledge) > completeness(kept[index]) { kept[index] = pledge }
            } else {
                keptByKey[key, default: []].append(kept.count)
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
