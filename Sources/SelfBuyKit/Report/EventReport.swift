import SelfBuyDetection

/// How events are shown: the JSON objects, CSV records and tables of the command-line contract.
public enum EventReport {
    /// An event as ``EventView`` renders it in JSON.
    public static func json(_ event: TimelineEvent) -> JSONValue { EventView(event).json() }

    /// One line for a new event: id, date, issuer, amount, fund type, status.
    /// One line for an event an ingest or poll stored (`new event …`) or revised (`revised event …`).
    public static func line(_ event: TimelineEvent, change: String = "new") -> String {
        let amount = AmountFormat.describe(
            yuan: event.amountYuan, upper: event.amountUpperYuan, bound: event.amountBound)
        return
            "\(change) event \(event.id) \(event.date ?? "undated") \(event.issuer) \(amount) "
            + "\(event.fundType.rawValue) \(event.status.rawValue)\(event.holdingPeriod.map { " held " + $0 } ?? "")"
    }

    /// The events table; amounts in `unit`.
    public static func table(_ events: [EventView], unit: AmountUnit = .yuan) -> String {
        let rows = events.map { event in
            [
                event.date ?? "-", event.issuer,
                unit.describe(yuan: event.amountYuan, upper: event.amountUpperYuan, bound: event.bound),
                event.holdingPeriod ?? "-", event.fundType.rawValue, event.status.rawValue, String(event.sourceCount),
                event.id,
            ]
        }
        return TextTable(
            headers: ["date", "issuer", "amount", "holding", "fund_type", "status", "sources", "id"], rows: rows
        ).render()
    }

    /// Every field, every source, and the evidence with the matched spans marked 【like this】.
    public static func detail(_ event: TimelineEvent, unit: AmountUnit = .yuan) -> String {
        var lines = [
            "id:             \(event.id)",
            "date:           \(event.date ?? "unknown")",
            "issuer:         \(event.issuer) (\(event.issuerFull))"
                + (event.issuerKnown == false ? ", not in the issuer directory (recognised by its name's shape)" : ""),
            "amount:         \(unit.describe(yuan: event.amountYuan, upper: event.amountUpperYuan, bound: event.amountBound))",
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
