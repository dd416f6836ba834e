import SelfBuyDetection

/// Decides when a newly read pledge is an event the timeline already has.
///
/// Same issuer; amounts, upper ends, bounds, fund types and holding periods equal or unknown on one side; dates within
/// ``maximumDaysApart`` (a news report lags the company's notice by a day or two). Without a date on one side the
/// amount must be stated and equal on both. Different pledges by the same issuer therefore stay apart.
public enum EventMerger {
    public static let maximumDaysApart = 7

    public static func isSameEvent(_ event: TimelineEvent, _ pledge: Pledge) -> Bool {
        guard event.issuer == pledge.issuer else { return false }
        if let a = event.date, let b = pledge.date {
            guard let distance = daysBetween(a, b), distance <= maximumDaysApart else { return false }
        } else {
            guard let amount = event.amountYuan, amount == pledge.amountYuan else { return false }
        }
        if event.amountYuan == nil && pledge.amountYuan == nil && (event.date == nil || pledge.date == nil) {
            return false
        }
        return compatible(event.amountYuan, pledge.amountYuan)
            && compatible(event.amountUpperYuan, pledge.amountUpperYuan)
            && compatible(event.amountBound, pledge.amountBound)
            && (event.fundType == pledge.fundType || event.fundType == .unspecified || pledge.fundType == .unspecified)
            && compatible(event.holdingPeriod, pledge.holdingPeriod)
    }

    /// The event with what the new report adds: unknown values filled, a completion recorded.
    public static func merged(_ event: TimelineEvent, with pledge: Pledge) -> TimelineEvent {
        merged(event, with: ReportedValues(pledge))
    }

    /// The event with what a report's values add.
    static func merged(_ event: TimelineEvent, with pledge: ReportedValues) -> TimelineEvent {
        var result = event
        if result.amountYuan == nil {
            result.amountYuan = pledge.amountYuan
            result.amountBound = pledge.amountBound
        }
        if result.amountUpperYuan == nil { result.amountUpperYuan = pledge.amountUpperYuan }
        if result.holdingPeriod == nil { result.holdingPeriod = pledge.holdingPeriod }
        if result.fundType == .unspecified { result.fundType = pledge.fundType }
        if pledge.status == .completed { result.status = .completed }
        // The announcement date is the earliest report's.
        if let date = pledge.date, result.date.map({ date < $0 }) ?? true { result.date = date }
        return result
    }

    private static func compatible<T: Equatable>(_ a: T?, _ b: T?) -> Bool {
        a == nil || b == nil || a == b
    }

    /// Whole days between two `YYYY-MM-DD` dates.
    public static func daysBetween(_ a: String, _ b: String) -> Int? {
        guard let first = dayNumber(a), let second = dayNumber(b) else { return nil }
        return abs(first - second)
    }

    static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        return CivilTime.days(fromCivil: year, month, day)
    }
}

/// The values one source reported for an event, kept with the source (`event_sources`) so that an event can be
/// folded again from the sources it has left when a revision takes one away.
struct ReportedValues: Sendable, Equatable {
    var date: String?
    var amountYuan: Int64?
    var amountUpperYuan: Int64?
    var amountBound: AmountBound?
    var holdingPeriod: String?
    var fundType: FundType
    var status: PledgeStatus

    init(_ pledge: Pledge) {
        date = pledge.date
        amountYuan = pledge.amountYuan
        amountUpperYuan = pledge.amountUpperYuan
        amountBound = pledge.amountBound
        holdingPeriod = pledge.holdingPeriod
        fundType = pledge.fundType
        status = pledge.status
    }

    init(
        date: String?, amountYuan: Int64?, amountUpperYuan: Int64?, amountBound: AmountBound?, holdingPeriod: String?,
        fundType: FundType, status: PledgeStatus
    ) {
        self.date = date
        self.amountYuan = amountYuan
        self.amountUpperYuan = amountUpperYuan
        self.amountBound = amountBound
        self.holdingPeriod = holdingPeriod
        self.fundType = fundType
        self.status = status
    }

    /// The event as this report alone states it.
    func applied(to event: TimelineEvent) -> TimelineEvent {
        var result = event
        result.date = date
        result.amountYuan = amountYuan
        result.amountUpperYuan = amountUpperYuan
        result.amountBound = amountBound
        result.holdingPeriod = holdingPeriod
        result.fundType = fundType
        result.status = status
        return result
    }
}
