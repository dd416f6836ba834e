import SelfBuyDetection

/// Which events `list`, `summary`, `export` and `report` show: the same filters on every command.
///
/// Counts and rows are selected by SQLite (``whereClause(_:and:)``); the events JSON shows with every source are
/// read through the timeline's own scans and tested here (``admits(_:issuerCache:)``). Tests check that both select
/// the same events for every filter.
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

    /// Calls `body` with each event selected and every source of it (JSON), in date order (undated last), without
    /// holding them all when no date bounds them. CSV and tables read less: ``forEachRow(in:_:)``.
    public func forEach(in store: TimelineStore, _ body: (EventView) throws -> Void) throws {
        var cache: [String: Bool] = [:]
        if isDateBounded {
            for event in try store.events(storeFilter) where admits(event, issuerCache: &cache) {
                try body(EventView(event))
            }
        } else {
            try store.forEachEvent { event in
                if admits(event, issuerCache: &cache) { try body(EventView(event)) }
            }
        }
    }
}
