import SelfBuyDetection

/// How pledges are shown by `selfbuy extract`: the JSON of DESIGN.md, or a table.
public enum PledgeReport {
    public static func json(_ pledge: Pledge) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("issuer", .string(pledge.issuer)),
            ("issuer_mention", .string(pledge.issuerMention)),
            ("issuer_known", .bool(pledge.issuerKnown)),
            ("amount_yuan", .optional(pledge.amountYuan)),
            ("amount_bound", .optional(pledge.amountBound?.rawValue)),
        ]
        if let upper = pledge.amountUpperYuan { fields.append(("amount_upper_yuan", .int(upper))) }
        fields += [
            ("currency", .string(pledge.currency)),
            ("holding_period", .optional(pledge.holdingPeriod)),
            ("fund_type", .string(pledge.fundType.rawValue)),
            ("status", .string(pledge.status.rawValue)),
            ("date", .optional(pledge.date)),
            ("evidence", evidence(pledge)),
        ]
        return .object(fields)
    }

    static func evidence(_ pledge: Pledge) -> JSONValue {
        .object([
            ("text", .string(pledge.evidence.text)),
            ("start", .int(Int64(pledge.evidence.start))),
            ("end", .int(Int64(pledge.evidence.end))),
            (
                "spans",
                .object(pledge.spans.map { ($0.field.rawValue, .array([.int(Int64($0.start)), .int(Int64($0.end))])) })
            ),
        ])
    }

    /// A near miss as one JSON object: `{"near_miss": reason, "issuer", "evidence"}`.
    public static func json(_ miss: NearMiss) -> JSONValue {
        .object([
            ("near_miss", .string(miss.reason)),
            ("issuer", .optional(miss.issuer)),
            (
                "evidence",
                .object([
                    ("text", .string(miss.evidence.text)), ("start", .int(Int64(miss.evidence.start))),
                    ("end", .int(Int64(miss.evidence.end))),
                ])
            ),
        ])
    }

    public static func nearMissTable(_ misses: [NearMiss]) -> String {
        TextTable(
            headers: ["near miss", "issuer", "sentence"],
            rows: misses.map { [$0.reason, $0.issuer ?? "-", $0.evidence.text] }, maxCellWidth: 60
        ).render()
    }

    /// The pledges table; amounts in `unit`.
    public static func table(_ pledges: [Pledge], unit: AmountUnit = .yuan) -> String {
        let rows = pledges.map { pledge in
            [
                pledge.date ?? "-", pledge.issuer,
                unit.describe(yuan: pledge.amountYuan, upper: pledge.amountUpperYuan, bound: pledge.amountBound),
                pledge.holdingPeriod ?? "-",
                pledge.fundType.rawValue, pledge.status.rawValue, pledge.evidence.text,
            ]
        }
        return TextTable(
            headers: ["date", "issuer", "amount", "holding", "fund_type", "status", "evidence"], rows: rows,
            maxCellWidth: 48
        ).render()
    }
}

/// Human-readable amounts: 不超过 3,200万元 style, in yuan with the bound spelled out.
public enum AmountFormat {
    public static func describe(_ pledge: Pledge) -> String {
        describe(yuan: pledge.amountYuan, upper: pledge.amountUpperYuan, bound: pledge.amountBound)
    }

    public static func describe(yuan: Int64?, upper: Int64?, bound: AmountBound?) -> String {
        guard let yuan else { return "unknown" }
        if let upper { return "\(grouped(yuan))–\(grouped(upper)) CNY" }
        let prefix: String
        switch bound {
        case .max: prefix = "≤ "
        case .min: prefix = "≥ "
        case .approx: prefix = "≈ "
        default: prefix = ""
        }
        return prefix + grouped(yuan) + " CNY"
    }

    /// 32000000 → 32,000,000.
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }
}
