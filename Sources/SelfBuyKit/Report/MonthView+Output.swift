import SelfBuyDetection

/// How `selfbuy summary` renders months: JSON objects, CSV records and a table, all from ``MonthView``.
extension MonthView {
    public static let csvColumns = [
        "month", "events", "issuers", "total_exact_yuan", "total_at_least_yuan", "total_at_most_yuan",
        "total_approx_yuan", "exact_events", "at_least_events", "at_most_events", "approx_events",
        "unknown_amount_events", "by_fund_type",
    ]

    public func json() -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("month", .string(label)),
            ("events", .int(Int64(events))),
            ("issuers", .int(Int64(issuers))),
        ]
        for key in BoundKey.allCases { fields.append(("total_\(key.rawValue)_yuan", .int(total(key).yuan))) }
        for key in BoundKey.allCases { fields.append(("\(key.rawValue)_events", .int(Int64(total(key).events)))) }
        fields += [
            ("unknown_amount_events", .int(Int64(unknownAmountEvents))),
            ("by_fund_type", .object(fundTypeCounts.map { ($0.rawValue, .int(Int64($1))) })),
        ]
        return .object(fields)
    }

    public func csvCells() -> [String?] {
        [label, String(events), String(issuers)] + BoundKey.allCases.map { String(total($0).yuan) }
            + BoundKey.allCases.map { String(total($0).events) }
            + [
                String(unknownAmountEvents),
                fundTypeCounts.map { "\($0.rawValue)=\($1)" }.joined(separator: ";"),
            ]
    }

    /// The summary table; amounts in `unit`, each bound's total with its count of events.
    public static func table(_ months: [MonthView], unit: AmountUnit = .yuan) -> String {
        let rows = months.map { month in
            [month.label, String(month.events), String(month.issuers)]
                + BoundKey.allCases.map { key in
                    let total = month.total(key)
                    return total.events == 0 ? "-" : "\(unit.format(total.yuan)) (\(total.events))"
                }
                + [
                    String(month.unknownAmountEvents),
                    month.fundTypeCounts.map { "\($0.rawValue) \($1)" }.joined(separator: ", "),
                ]
        }
        let headers =
            ["month", "events", "issuers"] + BoundKey.allCases.map { "\($0.title) \(unit.heading)" }
            + ["no amount", "fund types"]
        return TextTable(headers: headers, rows: rows, maxCellWidth: 70).render()
    }
}
