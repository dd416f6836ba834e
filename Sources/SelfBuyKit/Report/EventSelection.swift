import SelfBuyDetection

/// Which events `list`, `summary`, `export` and `report` show: the same filters on every command.
///
/// Month and date bounds go to the timeline's indexes; the other filters are tested on each event here, so that they
/// mean the same thing whatever the output.
public struct EventSelection: Sendable {
    /// `YYYY-MM`.
    public var month: String?
    /// Inclusive `YYYY-MM-DD` bounds (a month given as `--from` is its first day, as `--to` its last).
    public var from: String?
    public var to: String?
    /// Matched against names and aliases (``IssuerQuery``).
    public var issuer: IssuerQuery?
    public var fundTypes: Set<FundType> = []
    public var statuses: Set<PledgeStatus> = []
    public var bounds: Set<AmountBound> = []
    /// Events of at least this many yuan (the lower end of a range); events with no amount are left out.
    public var minimumYuan: Int64?

    public init() {}

    /// Whether the selection leaves out events by date: the undated ones are then out too.
    public var isDateBounded: Bool { month != nil || from != nil || to != nil }

    /// Whether an event read with ``storeFilter`` passes the filters tested here.
    public func admits(_ event: TimelineEvent, issuerCache: inout [String: Bool]) -> Bool {
        if !fundTypes.isEmpty, !fundTypes.contains(event.fundType) { return false }
        if !statuses.isEmpty, !statuses.contains(event.status) { return false }
        if !bounds.isEmpty {
            guard let bound = event.amountBound, bounds.contains(bound) else { return false }
        }
        if let minimumYuan {
            guard let amount = event.amountYuan, amount >= minimumYuan else { return false }
        }
        if let issuer {
            if let known = issuerCache[event.issuer] { return known }
            let matched = issuer.matches(issuer: event.issuer, legalName: event.issuerFull)
            issuerCache[event.issuer] = matched
            return matched
        }
        return true
    }

    var storeFilter: EventFilter { EventFilter(month: month, from: from, to: to) }

    /// The events selected, in date order (undated last). `withSources` loads every source (needed for the evidence's
    /// own URL, JSON and the HTML report); tables and summaries do without.
    public func events(in store: TimelineStore, withSources: Bool) throws -> [EventView] {
        var result: [EventView] = []
        try forEach(in: store, withSources: withSources) { result.append($0) }
        return result
    }

    /// Calls `body` with each event selected, in date order, without holding them all when no date bounds them.
    public func forEach(
        in store: TimelineStore, withSources: Bool, _ body: (EventView) throws -> Void
    ) throws {
        var cache: [String: Bool] = [:]
        if isDateBounded {
            for event in try store.events(storeFilter, withSources: withSources)
            where admits(event, issuerCache: &cache) {
                try body(EventView(event))
            }
        } else if withSources {
            try store.forEachEvent { event in
                if admits(event, issuerCache: &cache) { try body(EventView(event)) }
            }
        } else {
            try store.forEachEventSummary { event in
                if admits(event, issuerCache: &cache) { try body(EventView(event)) }
            }
        }
    }
}
