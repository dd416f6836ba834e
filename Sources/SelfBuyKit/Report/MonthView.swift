import SelfBuyDetection

/// The one view of a month that every output renders: events, issuers, pledged amounts per bound (never added into one
/// figure) with the count of events behind each, and the events per fund type. Undated events make a month of their
/// own, labelled `undated`, so that no output leaves them out.
public struct MonthView: Sendable, Hashable {
    public static let undatedLabel = "undated"

    /// `YYYY-MM`, or nil for the undated events.
    public var month: String?
    public var events: Int
    public var issuers: Int
    /// Totals per bound, in ``BoundKey`` order.
    public var totals: [BoundKey: BoundTotal]
    /// Events that state no amount.
    public var unknownAmountEvents: Int
    public var byFundType: [FundType: Int]

    public var label: String { month ?? Self.undatedLabel }

    /// A bound as totals are kept: exact, at least (floors and the lower ends of ranges), at most, approximate.
    public enum BoundKey: String, Sendable, CaseIterable, Hashable {
        case exact
        case atLeast = "at_least"
        case atMost = "at_most"
        case approx

        public init(_ bound: AmountBound) {
            switch bound {
            case .exact: self = .exact
            case .min: self = .atLeast
            case .max: self = .atMost
            case .approx: self = .approx
            }
        }

        /// Words for headings and legends.
        public var title: String {
            switch self {
            case .exact: return "exact"
            case .atLeast: return "at least"
            case .atMost: return "at most"
            case .approx: return "approx"
            }
        }
    }

    /// The sum of one bound's amounts and how many events it adds up.
    public struct BoundTotal: Sendable, Hashable {
        public var yuan: Int64 = 0
        public var events: Int = 0
    }

    public func total(_ key: BoundKey) -> BoundTotal { totals[key] ?? BoundTotal() }

    /// The height a bar stacked from every bound reaches, for charts only: no figure adds bounds together.
    public var stackedYuan: Int64 {
        BoundKey.allCases.reduce(Int64(0)) { sum, key in
            let (added, overflow) = sum.addingReportingOverflow(total(key).yuan)
            return overflow ? .max : added
        }
    }

    /// Fund types with their counts, in ``FundType`` order.
    public var fundTypeCounts: [(FundType, Int)] {
        FundType.allCases.compactMap { type in byFundType[type].map { (type, $0) } }
    }

    /// Folds events into months: dated months oldest first, then the undated ones.
    public struct Tally: Sendable {
        private var months: [String?: MonthView] = [:]
        private var issuers: [String?: Set<String>] = [:]

        public init() {}

        public mutating func add(_ event: EventView) {
            var view =
                months[event.month]
                ?? MonthView(
                    month: event.month, events: 0, issuers: 0, totals: [:], unknownAmountEvents: 0, byFundType: [:])
            view.events += 1
            view.byFundType[event.fundType, default: 0] += 1
            if let bound = event.bound, let amount = event.amountYuan {
                let key = BoundKey(bound)
                var total = view.totals[key] ?? BoundTotal()
                // A sum past Int64 (only a hostile timeline gets there) stays at the largest figure, never traps.
                let (sum, overflow) = total.yuan.addingReportingOverflow(amount)
                total.yuan = overflow ? Int64.max : sum
                total.events += 1
                view.totals[key] = total
            } else {
                view.unknownAmountEvents += 1
            }
            if issuers[event.month, default: []].insert(event.issuer).inserted { view.issuers += 1 }
            months[event.month] = view
        }

        /// Adds a group of events counted by the timeline: `events` of one month, fund type and bound, whose amounts
        /// sum to `yuan` (issuers are set apart with ``setIssuers(_:month:)``: a count of distinct names).
        public mutating func add(month: String?, fundType: FundType, bound: AmountBound?, events: Int, yuan: Int64) {
            var view =
                months[month]
                ?? MonthView(month: month, events: 0, issuers: 0, totals: [:], unknownAmountEvents: 0, byFundType: [:])
            view.events += events
            view.byFundType[fundType, default: 0] += events
            if let bound {
                let key = BoundKey(bound)
                var total = view.totals[key] ?? BoundTotal()
                let (sum, overflow) = total.yuan.addingReportingOverflow(yuan)
                total.yuan = overflow ? Int64.max : sum
                total.events += events
                view.totals[key] = total
            } else {
                view.unknownAmountEvents += events
            }
            months[month] = view
        }

        public mutating func setIssuers(_ count: Int, month: String?) {
            months[month]?.issuers = count
        }

        public var result: [MonthView] {
            months.values.sorted { lhs, rhs in
                switch (lhs.month, rhs.month) {
                case (let left?, let right?): return left < right
                case (_?, nil): return true
                default: return false
                }
            }
        }
    }

    /// Months of the events given, oldest first, the undated last.
    public static func months(of events: some Sequence<EventView>) -> [MonthView] {
        var tally = Tally()
        for event in events { tally.add(event) }
        return tally.result
    }
}
