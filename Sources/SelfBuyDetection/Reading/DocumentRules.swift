/// Rules over all the pledges of one document: one act is one pledge.
///
/// - A total and its parts: when later amounts of the same issuer add up to an earlier one, they are its split.
/// - Progress: an amount after 累计 smaller than the same issuer's pledge is progress on it (已累计申购逾2亿元 of a 5亿元
///   plan), not a second pledge.
/// - Joint money: the sum of the company's and its staff's money is not a pledge when the company's own part is stated.
/// - Repetition: a lead sentence and the body often state one pledge twice; the most complete statement is kept, and a
///   statement without an amount yields to the same issuer's amount.
enum DocumentRules {
    static func apply(_ candidates: [Candidate], misses: inout [NearMiss]) -> [Pledge] {
        var kept = candidates
        func drop(_ index: Int, _ reason: String) {
            let pledge = kept[index].pledge
            misses.append(NearMiss(reason: reason, issuer: pledge.issuer, evidence: pledge.evidence))
            kept.remove(at: index)
        }
        // Joint sums when the company's part is stated.
        var index = 0
        while index < kept.count {
            let candidate = kept[index]
            if candidate.joint, candidate.pledge.amountYuan != nil,
                kept.contains(where: {
                    !$0.joint && $0.pledge.issuer == candidate.pledge.issuer && $0.pledge.amountYuan != nil
                })
            {
                drop(index, "the company's and its staff's money together; the company's own part is stated")
            } else {
                index += 1
            }
        }
        // Progress on a larger pledge.
        index = 0
        while index < kept.count {
            let candidate = kept[index]
            if candidate.cumulative, let amount = candidate.pledge.amountYuan,
                kept.contains(where: { other in
                    other.pledge.issuer == candidate.pledge.issuer && (other.pledge.amountYuan ?? 0) > amount
                })
            {
                drop(index, "progress on a larger pledge of the same company")
            } else {
                index += 1
            }
        }
        // Parts that add up to an earlier total.
        index = 0
        while index < kept.count {
            guard let total = kept[index].pledge.amountYuan else {
                index += 1
                continue
            }
            var sum: Int64 = 0
            var parts: [Int] = []
            for later in (index + 1)..<kept.count
            where kept[later].pledge.issuer == kept[index].pledge.issuer {
                guard let part = kept[later].pledge.amountYuan, part < total else { continue }
                sum += part
                parts.append(later)
                if sum >= total { break }
            }
            if sum == total, parts.count >= 2 {
                for part in parts.reversed() { drop(part, "part of a stated total") }
            }
            index += 1
        }
        return deduplicated(kept.map(\.pledge))
    }

    /// One pledge per (issuer, amount, bound).
    static func deduplicated(_ pledges: [Pledge]) -> [Pledge] {
        var kept: [Pledge] = []
        for pledge in pledges {
            if pledge.amountYuan == nil, pledges.contains(where: { $0.issuer == pledge.issuer && $0.amountYuan != nil })
            {
                continue
            }
            if let index = kept.firstIndex(where: { sameStatement($0, pledge) }) {
                if completeness(pledge) > completeness(kept[index]) { kept[index] = pledge }
            } else {
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
