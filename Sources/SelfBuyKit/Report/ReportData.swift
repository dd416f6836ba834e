import SelfBuyDetection

/// What the HTML report shows: the months of the period (empty months included, so that the chart's axis is the
/// calendar), the top issuers, the first events with their evidence, and the near misses of the period.
///
/// Months and issuers are counted by SQLite in grouped scans (``EventSelection/months(in:)``), never by decoding every
/// event; only the events the table lists (``rowLimit``) are read, with their sources. The rest are counted per month
/// under the table.
public struct ReportData: Sendable {
    /// Months of the period, oldest first, every calendar month between the first and the last.
    public var months: [MonthView]
    /// Undated events selected (only when no date bounds the period).
    public var undated: MonthView?
    public var topIssuers: [IssuerTotal]
    /// The events the table lists, in date order.
    public var events: [EventView]
    /// Events selected but not listed, per month label (the undated as `undated`).
    public var unlisted: [(month: String, events: Int)]
    public var totalEvents: Int
    /// Distinct issuers of the period.
    public var issuerCount: Int
    /// Amounts per bound over the whole period, with the undated.
    public var totals: [MonthView.BoundKey: MonthView.BoundTotal]
    public var nearMisses: [StoredNearMiss]
    /// Near misses of the period beyond those listed.
    public var unlistedNearMisses: Int
    /// `YYYY-MM` of the first and last month, nil when there is no event.
    public var firstMonth: String?
    public var lastMonth: String?

    /// One issuer's events in the period and its amounts per bound.
    public struct IssuerTotal: Sendable, Hashable {
        public var issuer: String
        public var events: Int
        public var totals: [MonthView.BoundKey: MonthView.BoundTotal]
    }

    /// Rows listed in the events table by default; the rest are counted per month.
    public static let defaultRowLimit = 2_000
    /// Near misses listed by default.
    public static let defaultNearMissLimit = 200

    /// Reads the period's data from the timeline.
    ///
    /// - Parameters:
    ///   - firstMonth, lastMonth: the period asked for (`YYYY-MM`), which the chart covers even where it has no event;
    ///     nil to start or end with the events.
    public static func collect(
        from store: TimelineStore, selection: EventSelection, firstMonth: String? = nil, lastMonth: String? = nil,
        rowLimit: Int = defaultRowLimit, nearMissLimit: Int = defaultNearMissLimit, topIssuerCount: Int = 10
    ) throws -> ReportData {
        let (tallied, top, listed, issuerCount) = try store.read { db in
            let (filter, arguments) = try selection.whereClause(db)
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(DISTINCT issuer) FROM events \(filter)", arguments: arguments) ?? 0
            return (
                try selection.months(db), try selection.issuerTotals(db),
                try selection.firstEvents(db, limit: rowLimit),
                count
            )
        }
        var unlisted = Dictionary(uniqueKeysWithValues: tallied.map { ($0.label, $0.events) })
        for event in listed { unlisted[event.month ?? MonthView.undatedLabel, default: 0] -= 1 }
        let events = listed.map(EventView.init)
        let total = tallied.reduce(0) { $0 + $1.events }
        let dated = tallied.filter { $0.month != nil }
        let first =
            firstMonth ?? selection.month ?? selection.from.map { String($0.prefix(7)) } ?? dated.first?.month
        let last = lastMonth ?? selection.month ?? selection.to.map { String($0.prefix(7)) } ?? dated.last?.month
        var months: [MonthView] = []
        if let first, let last {
            let byMonth = Dictionary(uniqueKeysWithValues: dated.compactMap { view in view.month.map { ($0, view) } })
            for month in CalendarMonths.between(first, last) {
                months.append(
                    byMonth[month]
                        ?? MonthView(
                            month: month, events: 0, issuers: 0, totals: [:], unknownAmountEvents: 0, byFundType: [:]))
            }
        }
        var misses = try store.nearMisses().filter { miss in
            guard let day = miss.published.map({ String($0.prefix(10)) }) else { return !selection.isDateBounded }
            if let from = selection.from, day < from { return false }
            if let to = selection.to, day > to { return false }
            if let month = selection.month, !day.hasPrefix(month) { return false }
            return true
        }
        let unlistedMisses = max(0, misses.count - nearMissLimit)
        misses = Array(misses.prefix(nearMissLimit))
        return ReportData(
            months: months, undated: tallied.first { $0.month == nil }, topIssuers: Array(top.prefix(topIssuerCount)),
            events: events,
            unlisted: unlisted.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map {
                (month: $0.key, events: $0.value)
            },
            totalEvents: total, issuerCount: issuerCount, totals: Self.sum(tallied), nearMisses: misses,
            unlistedNearMisses: unlistedMisses, firstMonth: first,
            lastMonth: last)
    }
}

extension ReportData {
    static func sum(_ months: [MonthView]) -> [MonthView.BoundKey: MonthView.BoundTotal] {
        var totals: [MonthView.BoundKey: MonthView.BoundTotal] = [:]
        for month in months {
            for (key, total) in month.totals {
                var sum = totals[key] ?? MonthView.BoundTotal()
                let (added, overflow) = sum.yuan.addingReportingOverflow(total.yuan)
                sum.yuan = overflow ? .max : added
                sum.events += total.events
                totals[key] = sum
            }
        }
        return totals
    }
}

/// Calendar months as `YYYY-MM`.
enum CalendarMonths {
    /// Every month from `first` to `last` inclusive (none when `first` is later); at most 1,200 (a century).
    static func between(_ first: String, _ last: String) -> [String] {
        guard var (year, month) = parse(first), let (lastYear, lastMonth) = parse(last) else { return [] }
        var result: [String] = []
        while (year, month) <= (lastYear, lastMonth), result.count < 1_200 {
            result.append(format(year, month))
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return result
    }

    static func parse(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-")
        guard parts.count >= 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        return (year, month)
    }

    static func format(_ year: Int, _ month: Int) -> String {
        let yearText = String(year)
        let monthText = month < 10 ? "0\(month)" : String(month)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + monthText
    }
}
