import SelfBuyDetection

/// How events are shown: the JSON objects, CSV records and tables of the command-line contract.
public enum EventReport {
    public static let csvColumns = [
        "id", "date", "issuer", "issuer_full", "amount_yuan", "amount_bound", "currency", "holding_period",
        "holding_days", "fund_type", "status", "source_count", "first_source_url", "evidence",
    ]

    /// The pledge fields plus `id`, `issuer_full` and `sources`.
    public static func json(_ event: TimelineEvent) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(event.id)),
            ("date", .optional(event.date)),
            ("issuer", .string(event.issuer)),
            ("issuer_full", .string(event.issuerFull)),
            ("issuer_mention", .optional(event.sources.first?.issuerMention)),
            ("amount_yuan", .optional(event.amountYuan)),
            ("amount_bound", .optional(event.amountBound?.rawValue)),
        ]
        if let upper = event.amountUpperYuan { fields.append(("amount_upper_yuan", .int(upper))) }
        fields += [
            ("currency", .string(event.currency)),
            ("holding_period", .optional(event.holdingPeriod)),
            ("holding_days", event.holdingDays.map { .int(Int64($0)) } ?? .null),
            ("fund_type", .string(event.fundType.rawValue)),
            ("status", .string(event.status.rawValue)),
            ("evidence", evidence(event)),
            (
                "sources",
                .array(
                    event.sources.map { source in
                        .object([
                            ("url", .string(source.url)), ("title", .optional(source.title)),
                            ("published", .optional(source.published)),
                        ])
                    })
            ),
        ]
        return .object(fields)
    }

    static func evidence(_ event: TimelineEvent) -> JSONValue {
        guard let source = event.sources.first else { return .object([("text", .string(event.evidence))]) }
        return .object([
            ("text", .string(source.evidence)),
            ("start", .int(Int64(source.evidenceStart))),
            ("end", .int(Int64(source.evidenceEnd))),
        ])
    }

    public static func csvRow(_ event: TimelineEvent, writer: CSVWriter) -> String {
        writer.row([
            event.id, event.date, event.issuer, event.issuerFull, event.amountYuan.map(String.init),
            event.amountBound?.rawValue, event.currency, event.holdingPeriod, event.holdingDays.map(String.init),
            event.fundType.rawValue, event.status.rawValue, String(event.sourceCount), event.firstSourceURL,
            event.evidence,
        ])
    }

    /// One line for a new event: id, date, issuer, amount, fund type, status.
    public static func line(_ event: TimelineEvent) -> String {
        let amount = AmountFormat.describe(
            yuan: event.amountYuan, upper: event.amountUpperYuan, bound: event.amountBound)
        return
            "new event \(event.id) \(event.date ?? "undated") \(event.issuer) \(amount) "
            + "\(event.fundType.rawValue) \(event.status.rawValue)\(event.holdingPeriod.map { " held " + $0 } ?? "")"
    }

    public static func table(_ events: [TimelineEvent]) -> String {
        let rows = events.map { event in
            [
                event.date ?? "-", event.issuer,
                AmountFormat.describe(
                    yuan: event.amountYuan, upper: event.amountUpperYuan, bound: event.amountBound),
                event.holdingPeriod ?? "-", event.fundType.rawValue, event.status.rawValue, String(event.sourceCount),
                event.id,
            ]
        }
        return TextTable(
            headers: ["date", "issuer", "amount", "holding", "fund_type", "status", "sources", "id"], rows: rows
        ).render()
    }

    /// Every field, every source, and the evidence with the matched spans marked 【like this】.
    public static func detail(_ event: TimelineEvent) -> String {
        var lines = [
            "id:             \(event.id)",
            "date:           \(event.date ?? "unknown")",
            "issuer:         \(event.issuer) (\(event.issuerFull))",
            "amount:         \(AmountFormat.describe(yuan: event.amountYuan, upper: event.amountUpperYuan, bound: event.amountBound))",
            "bound:          \(event.amountBound?.rawValue ?? "unknown")",
            "holding period: \(event.holdingPeriod ?? "not stated")",
            "fund type:      \(event.fundType.rawValue)",
            "status:         \(event.status.rawValue)",
            "sources:        \(event.sources.count)",
        ]
        for (index, source) in event.sources.enumerated() {
            lines.append("")
            lines.append("[\(index + 1)] \(source.title ?? "(untitled)")")
            lines.append("    url:       \(source.url)")
            lines.append("    published: \(source.published ?? "unknown")   fetched: \(source.fetchedAt)")
            lines.append("    evidence:  \(marked(source))")
        }
        return lines.joined(separator: "\n")
    }

    /// The evidence sentence with each matched span wrapped in 【】.
    public static func marked(_ source: EventSource) -> String {
        let scalars = Array(source.evidence.unicodeScalars)
        var opens: [Int: Int] = [:]
        var closes: [Int: Int] = [:]
        for span in source.spans {
            let start = span.start - source.evidenceStart
            let end = span.end - source.evidenceStart
            guard start >= 0, end <= scalars.count, start < end else { continue }
            opens[start, default: 0] += 1
            closes[end, default: 0] += 1
        }
        var result = String.UnicodeScalarView()
        for index in 0...scalars.count {
            for _ in 0..<(closes[index] ?? 0) { result.append("】") }
            for _ in 0..<(opens[index] ?? 0) { result.append("【") }
            if index < scalars.count { result.append(scalars[index]) }
        }
        return String(result)
    }
}

/// How `selfbuy summary` shows months.
public enum SummaryReport {
    public static let csvColumns = [
        "month", "events", "issuers", "total_exact_yuan", "total_at_least_yuan", "total_at_most_yuan",
        "total_approx_yuan", "unknown_amount_events", "by_fund_type",
    ]

    public static func json(_ month: MonthSummary) -> JSONValue {
        .object([
            ("month", .string(month.month)),
            ("events", .int(Int64(month.events))),
            ("issuers", .int(Int64(month.issuers))),
            ("total_exact_yuan", .int(month.totalExactYuan)),
            ("total_at_least_yuan", .int(month.totalAtLeastYuan)),
            ("total_at_most_yuan", .int(month.totalAtMostYuan)),
            ("total_approx_yuan", .int(month.totalApproxYuan)),
            ("unknown_amount_events", .int(Int64(month.unknownAmountEvents))),
            ("by_fund_type", .object(fundTypes(month).map { ($0.rawValue, .int(Int64($1))) })),
        ])
    }

    static func fundTypes(_ month: MonthSummary) -> [(FundType, Int)] {
        FundType.allCases.compactMap { type in month.byFundType[type].map { (type, $0) } }
    }

    public static func csvRow(_ month: MonthSummary, writer: CSVWriter) -> String {
        writer.row([
            month.month, String(month.events), String(month.issuers), String(month.totalExactYuan),
            String(month.totalAtLeastYuan), String(month.totalAtMostYuan), String(month.totalApproxYuan),
            String(month.unknownAmountEvents), fundTypes(month).map { "\($0.rawValue)=\($1)" }.joined(separator: ";"),
        ])
    }

    public static func table(_ months: [MonthSummary]) -> String {
        let rows = months.map { month in
            [
                month.month, String(month.events), String(month.issuers), AmountFormat.grouped(month.totalExactYuan),
                AmountFormat.grouped(month.totalAtLeastYuan), AmountFormat.grouped(month.totalAtMostYuan),
                String(month.unknownAmountEvents),
                fundTypes(month).map { "\($0.rawValue) \($1)" }.joined(separator: ", "),
            ]
        }
        return TextTable(
            headers: [
                "month", "events", "issuers", "exact CNY", "at least CNY", "at most CNY", "no amount", "fund types",
            ],
            rows: rows, maxCellWidth: 70
        ).render()
    }
}
