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
    /// How many documents reported the event (kept on the event, so it is known without loading the sources).
    public var sourceCount: Int
    /// The earliest source's URL.
    public var firstSourceURL: String?
    /// Whether the issuer is in the directory (false: recognised by the shape of its name only); nil for events
    /// recorded before selfbuy kept it.
    public var issuerKnown: Bool?

    public var holdingDays: Int? { holdingPeriod.flatMap(HoldingPeriod.days(of:)) }
    public var month: String? { date.map { String($0.prefix(7)) } }

    public init(
        id: String, date: String?, issuer: String, issuerFull: String, amountYuan: Int64?, amountUpperYuan: Int64?,
        amountBound: AmountBound?, currency: String, holdingPeriod: String?, fundType: FundType, status: PledgeStatus,
        evidence: String, sources: [EventSource], sourceCount: Int? = nil, firstSourceURL: String? = nil,
        issuerKnown: Bool? = nil
    ) {
        self.id = id
        self.date = date
        self.issuer = issuer
        self.issuerFull = issuerFull
        self.amountYuan = amountYuan
        self.amountUpperYuan = amountUpperYuan
        self.amountBound = amountBound
        self.currency = currency
        self.holdingPeriod = holdingPeriod
        self.fundType = fundType
        self.status = status
        self.evidence = evidence
        self.sources = sources
        self.sourceCount = sourceCount ?? sources.count
        self.firstSourceURL = firstSourceURL ?? sources.first?.url
        self.issuerKnown = issuerKnown
    }
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

    public init(
        url: String, title: String?, published: String?, fetchedAt: String, contentHash: String, evidence: String,
        evidenceStart: Int, evidenceEnd: Int, issuerMention: String, spans: [FieldSpan]
    ) {
        self.url = url
        self.title = title
        self.published = published
        self.fetchedAt = fetchedAt
        self.contentHash = contentHash
        self.evidence = evidence
        self.evidenceStart = evidenceStart
        self.evidenceEnd = evidenceEnd
        self.issuerMention = issuerMention
        self.spans = spans
    }
}
