import SelfBuyDetection

/// One pledge by one issuer as the timeline keeps it, with every document that reported it.
public struct TimelineEvent: Sendable, Hashable {
    public var id: String
    /// Announcement date `YYYY-MM-DD` (China time), nil when no source states one.
    public var date: String?
    public var issuer: String
    public var issuerFull: String
    public var amountYuan: Int64?
    public var amountUpperYuan: Int64?
    public var amountBound: AmountBound?
    public var currency: String
    public var holdingPeriod: String?
    public var fundType: FundType
    public var status: PledgeStatus
    /// The evidence sentence of the first source.
    public var evidence: String
    public var sources: [EventSource]

    public var holdingDays: Int? { holdingPeriod.flatMap(HoldingPeriod.days(of:)) }
    public var month: String? { date.map { String($0.prefix(7)) } }
}

/// A document that reported an event, and what it said.
public struct EventSource: Sendable, Hashable {
    public var url: String
    public var title: String?
    /// ISO 8601 with the source's offset, when it stated a date.
    public var published: String?
    public var fetchedAt: String
    public var contentHash: String
    public var evidence: String
    public var evidenceStart: Int
    public var evidenceEnd: Int
    public var issuerMention: String
    /// Matched spans, relative to the document text: field name → [start, end).
    public var spans: [FieldSpan]
}

/// One month of the timeline, as `selfbuy summary` shows it.
public struct MonthSummary: Sendable, Hashable {
    public var month: String
    public var events: Int
    public var issuers: Int
    public var totalExactYuan: Int64
    public var totalAtLeastYuan: Int64
    public var totalAtMostYuan: Int64
    /// Sum of amounts stated as approximate (约, 左右), kept apart from the bounded totals.
    public var totalApproxYuan: Int64
    public var unknownAmountEvents: Int
    public var byFundType: [FundType: Int]
}
