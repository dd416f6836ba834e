/// One self-purchase pledge found in a text: who commits how much of its own money to which funds, for how long.
///
/// Every non-nil value was read from ``evidence`` (or, for the issuer of 本公司 and the date, from the document named in
/// ``issuerSource`` and ``dateSource``); what the text does not say stays nil.
public struct Pledge: Sendable, Hashable {
    /// Canonical short name from the issuer directory (华泰证券资管).
    public var issuer: String
    /// The issuer's legal name from the directory.
    public var issuerFull: String
    /// The words in the text that named the issuer (华泰证券（上海）资产管理有限公司, 本公司), as written.
    public var issuerMention: String
    /// Whether the issuer is in the directory; a company recognised by the shape of its name only is reported as
    /// written, with this false.
    public var issuerKnown: Bool
    /// Integer yuan; nil when the text states no amount. For a range, its lower end.
    public var amountYuan: Int64?
    /// The upper end of a range (1000万元至2000万元), else nil.
    public var amountUpperYuan: Int64?
    public var amountBound: AmountBound?
    public var currency: String
    /// ISO 8601 duration as stated (`P1Y`, `P18M`, `P180D`), the minimum holding the issuer commits to.
    public var holdingPeriod: String?
    public var fundType: FundType
    public var status: PledgeStatus
    /// Announcement date `YYYY-MM-DD`: the document's date, else a full date in the text.
    public var date: String?
    public var evidence: Evidence
    /// Where each value was read, as code-point offsets into the input text.
    public var spans: [FieldSpan]

    public init(
        issuer: String, issuerFull: String, issuerMention: String, issuerKnown: Bool = true, amountYuan: Int64?,
        amountUpperYuan: Int64? = nil,
        amountBound: AmountBound?, currency: String = "CNY", holdingPeriod: String?, fundType: FundType,
        status: PledgeStatus, date: String?, evidence: Evidence, spans: [FieldSpan] = []
    ) {
        self.issuer = issuer
        self.issuerFull = issuerFull
        self.issuerMention = issuerMention
        self.issuerKnown = issuerKnown
        self.amountYuan = amountYuan
        self.amountUpperYuan = amountUpperYuan
        self.amountBound = amountBound
        self.currency = currency
        self.holdingPeriod = holdingPeriod
        self.fundType = fundType
        self.status = status
        self.date = date
        self.evidence = evidence
        self.spans = spans
    }

    /// Holding period in days (a year as 365, a month as 30), for sorting and CSV; nil when no period was stated.
    public var holdingDays: Int? { holdingPeriod.flatMap(HoldingPeriod.days(of:)) }
}

/// How the stated amount bounds the pledge.
public enum AmountBound: String, Sendable, Hashable, Codable, CaseIterable {
    /// 不超过, 上限, 以内, 最高, 至多.
    case max
    /// 不低于, 不少于, 至少, 以上, 起.
    case min
    /// 约, 左右.
    case approx
    /// No qualifier.
    case exact
}

/// The most specific kind of fund the pledge names.
public enum FundType: String, Sendable, Hashable, Codable, CaseIterable {
    case equity, mixed, index, etf, bond, money, fof, unspecified
}

/// Whether the purchase is announced for the future or reported as done.
public enum PledgeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case planned, completed
}

/// The sentence a pledge was read from.
public struct Evidence: Sendable, Hashable {
    public var text: String
    /// Code-point offsets of the sentence in the input text (Python `str` indices).
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// The part of the input a value was read from.
public struct FieldSpan: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case issuer, amount, bound, holdingPeriod = "holding_period", fundType = "fund_type", status
    }

    public var field: Field
    public var start: Int
    public var end: Int

    public init(field: Field, start: Int, end: Int) {
        self.field = field
        self.start = start
        self.end = end
    }
}
