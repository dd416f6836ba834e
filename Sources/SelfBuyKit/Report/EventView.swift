import SelfBuyDetection

/// The one view of an event that every output renders (table, CSV, JSON, JSON lines, the HTML report), so that they
/// cannot disagree.
///
/// The evidence and the source it was read from travel together: both come from the event's first source (earliest
/// publication), never the sentence of one document beside the URL of another.
public struct EventView: Sendable, Hashable {
    public var id: String
    public var date: String?
    /// `YYYY-MM` in China time, or nil when undated.
    public var month: String?
    public var issuer: String
    public var issuerFull: String
    public var issuerMention: String?
    /// Whether the issuer is in the directory; nil for events recorded before selfbuy kept it.
    public var issuerKnown: Bool?
    public var amountYuan: Int64?
    public var amountUpperYuan: Int64?
    public var bound: AmountBound?
    public var currency: String
    public var holdingPeriod: String?
    public var holdingDays: Int?
    public var fundType: FundType
    public var status: PledgeStatus
    public var sourceCount: Int
    public var sources: [SourceView]
    public var evidence: EvidenceView

    /// One document that reported the event.
    public struct SourceView: Sendable, Hashable {
        public var url: String
        public var title: String?
        public var published: String?
    }

    /// The sentence an event was read from, the URL of the document holding it, and the matched spans relative to
    /// the sentence (code points).
    public struct EvidenceView: Sendable, Hashable {
        public var text: String
        /// Code-point offsets of the sentence in its document; nil when the sources were not loaded.
        public var start: Int?
        public var end: Int?
        public var sourceURL: String?
        public var spans: [FieldSpan]
    }

    public init(_ event: TimelineEvent) {
        id = event.id
        date = event.date
        month = event.month
        issuer = event.issuer
        issuerFull = event.issuerFull
        issuerMention = event.sources.first?.issuerMention
        issuerKnown = event.issuerKnown
        amountYuan = event.amountYuan
        amountUpperYuan = event.amountUpperYuan
        bound = event.amountBound
        currency = event.currency
        holdingPeriod = event.holdingPeriod
        holdingDays = event.holdingDays
        fundType = event.fundType
        status = event.status
        sourceCount = max(event.sourceCount, event.sources.count)
        sources = event.sources.map { SourceView(url: $0.url, title: $0.title, published: $0.published) }
        if let first = event.sources.first {
            let spans = first.spans.compactMap { span -> FieldSpan? in
                let start = span.start - first.evidenceStart
                let end = span.end - first.evidenceStart
                guard start >= 0, start < end, end <= first.evidence.unicodeScalars.count else { return nil }
                return FieldSpan(field: span.field, start: start, end: end)
            }
            evidence = EvidenceView(
                text: first.evidence, start: first.evidenceStart, end: first.evidenceEnd, sourceURL: first.url,
                spans: spans)
        } else {
            evidence = EvidenceView(
                text: event.evidence, start: nil, end: nil, sourceURL: event.firstSourceURL, spans: [])
        }
    }

    /// The month's label in every output: `YYYY-MM`, or `undated`.
    public var monthLabel: String { month ?? MonthView.undatedLabel }

    /// The pledge fields plus `id`, `month`, `issuer_full` and `sources`; `evidence` names its `source_url`.
    public func json() -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(id)),
            ("date", .optional(date)),
            ("month", .optional(month)),
            ("issuer", .string(issuer)),
            ("issuer_full", .string(issuerFull)),
            ("issuer_mention", .optional(issuerMention)),
            ("issuer_known", issuerKnown.map(JSONValue.bool) ?? .null),
            ("amount_yuan", .optional(amountYuan)),
            ("amount_bound", .optional(bound?.rawValue)),
        ]
        if let upper = amountUpperYuan { fields.append(("amount_upper_yuan", .int(upper))) }
        var evidenceFields: [(String, JSONValue)] = [("text", .string(evidence.text))]
        if let start = evidence.start, let end = evidence.end {
            evidenceFields += [("start", .int(Int64(start))), ("end", .int(Int64(end)))]
        }
        evidenceFields.append(("source_url", .optional(evidence.sourceURL)))
        fields += [
            ("currency", .string(currency)),
            ("holding_period", .optional(holdingPeriod)),
            ("holding_days", holdingDays.map { .int(Int64($0)) } ?? .null),
            ("fund_type", .string(fundType.rawValue)),
            ("status", .string(status.rawValue)),
            ("source_count", .int(Int64(sourceCount))),
            ("evidence", .object(evidenceFields)),
            (
                "sources",
                .array(
                    sources.map { source in
                        .object([
                            ("url", .string(source.url)), ("title", .optional(source.title)),
                            ("published", .optional(source.published)),
                        ])
                    })
            ),
        ]
        return .object(fields)
    }

    /// CSV columns, in this order (``appendCSV(to:)`` follows it).
    public static let csvColumns = [
        "id", "date", "month", "issuer", "issuer_full", "amount_yuan", "amount_upper_yuan", "amount_bound", "currency",
        "holding_period", "holding_days", "fund_type", "status", "source_count", "first_source_url", "evidence",
    ]

    /// Appends one CSV record's cells, in ``csvColumns`` order; `first_source_url` is the URL of the document the
    /// `evidence` sentence comes from.
    public func appendCSV(to record: inout CSVWriter.Record) {
        record.append(id)
        record.append(date)
        record.append(month)
        record.append(issuer)
        record.append(issuerFull)
        record.append(amountYuan)
        record.append(amountUpperYuan)
        record.append(bound?.rawValue)
        record.append(currency)
        record.append(holdingPeriod)
        record.append(holdingDays)
        record.append(fundType.rawValue)
        record.append(status.rawValue)
        record.append(sourceCount)
        record.append(evidence.sourceURL)
        record.append(evidence.text)
    }
}
