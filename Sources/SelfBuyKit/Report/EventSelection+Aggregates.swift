import GRDB
import SelfBuyDetection

/// Months, issuers and the first events of a selection counted by SQLite (grouped scans of the covering index
/// `events_for_summary`), so that `summary` and `report` over a million events never decode a million rows; the
/// figures are folded into the same ``MonthView`` as the events themselves would be (``MonthView/Tally``).
extension EventSelection {
    /// The selection as a `WHERE` clause over `events`: the issuer query is resolved to the names it matches first.
    func whereClause(_ db: Database, and extra: String? = nil) throws -> (String, StatementArguments) {
        var clauses = extra.map { [$0] } ?? []
        var arguments: StatementArguments = []
        func oneOf(_ column: String, _ values: [String]) {
            clauses.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(values)
        }
        if let month {
            clauses.append("month = ?")
            arguments += [month]
        }
        // Whole months are bounded by `month`, which leads the covering index; a day inside a month needs `date`.
        if let from {
            if from.hasSuffix("-01") {
                clauses.append("month >= ?")
                arguments += [String(from.prefix(7))]
            } else {
                clauses.append("date >= ?")
                arguments += [from]
            }
        }
        if let to {
            if to.hasSuffix("-31") {
                clauses.append("month <= ?")
                arguments += [String(to.prefix(7))]
            } else {
                clauses.append("date <= ?")
                arguments += [to]
            }
        }
        if let issuer {
            let names = try Row.fetchAll(db, sql: "SELECT DISTINCT issuer, issuer_full FROM events").compactMap {
                row -> String? in
                let name: String = row[0]
                return issuer.matches(issuer: name, legalName: row[1]) ? name : nil
            }
            if names.isEmpty { clauses.append("0") } else { oneOf("issuer", Array(Set(names)).sorted()) }
        }
        if !fundTypes.isEmpty { oneOf("fund_type", fundTypes.map(\.rawValue).sorted()) }
        if !statuses.isEmpty { oneOf("status", statuses.map(\.rawValue).sorted()) }
        if !bounds.isEmpty { oneOf("amount_bound", bounds.map(\.rawValue).sorted()) }
        if let minimumYuan {
            clauses.append("amount_yuan >= ?")
            arguments += [minimumYuan]
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    /// The months of the events selected (``MonthView``), the undated last.
    public func months(in store: TimelineStore) throws -> [MonthView] {
        try store.read { db in try months(db) }
    }

    func months(_ db: Database) throws -> [MonthView] {
        let (filter, arguments) = try whereClause(db)
        var tally = MonthView.Tally()
        let groups = try Row.fetchCursor(
            db,
            sql: """
                SELECT month, fund_type, amount_bound, COUNT(*), COALESCE(SUM(amount_yuan), 0)
                FROM events \(filter) GROUP BY month, fund_type, amount_bound
                """,
            arguments: arguments)
        while let row = try groups.next() {
            tally.add(
                month: row[0], fundType: FundType(rawValue: row[1]) ?? .unspecified,
                bound: (row[2] as String?).flatMap(AmountBound.init(rawValue:)), events: row[3], yuan: row[4])
        }
        let issuers = try Row.fetchCursor(
            db, sql: "SELECT month, COUNT(DISTINCT issuer) FROM events \(filter) GROUP BY month",
            arguments: arguments)
        while let row = try issuers.next() { tally.setIssuers(row[1], month: row[0]) }
        return tally.result
    }

    /// Each issuer's events and totals per bound, most events first.
    func issuerTotals(_ db: Database) throws -> [ReportData.IssuerTotal] {
        let (filter, arguments) = try whereClause(db)
        var issuers: [String: ReportData.IssuerTotal] = [:]
        let rows = try Row.fetchCursor(
            db,
            // The inner grouping follows the covering index events_for_summary column for column, so it streams
            // without a sort or a table lookup; grouping by issuer directly walked events_by_issuer and looked up
            // every row (3.5 s instead of 0.3 s over a million events).
            sql: """
                SELECT issuer, amount_bound, SUM(events), SUM(yuan) FROM (
                    SELECT issuer, amount_bound, COUNT(*) AS events, COALESCE(SUM(amount_yuan), 0) AS yuan
                    FROM events \(filter) GROUP BY month, fund_type, amount_bound, amount_yuan, issuer)
                GROUP BY issuer, amount_bound
                """,
            arguments: arguments)
        while let row = try rows.next() {
            let name: String = row[0]
            var issuer = issuers[name] ?? ReportData.IssuerTotal(issuer: name, events: 0, totals: [:])
            let count: Int = row[2]
            issuer.events += count
            if let bound = (row[1] as String?).flatMap(AmountBound.init(rawValue:)) {
                issuer.totals[MonthView.BoundKey(bound)] = MonthView.BoundTotal(yuan: row[3], events: count)
            }
            issuers[name] = issuer
        }
        return issuers.values.sorted { lhs, rhs in
            lhs.events != rhs.events ? lhs.events > rhs.events : lhs.issuer < rhs.issuer
        }
    }

    /// The first `limit` events selected in list order (dated by date, then the undated), with their sources: two
    /// ordered scans of the date index, each stopping at the limit, and one query for the sources.
    func firstEvents(_ db: Database, limit: Int) throws -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        for (condition, order) in [("date IS NOT NULL", "date, issuer, id"), ("date IS NULL", "issuer, id")]
        where events.count < limit {
            let (filter, arguments) = try whereClause(db, and: condition)
            events += try Row.fetchAll(
                db,
                sql: "SELECT \(EventSQL.columns) FROM events \(filter) ORDER BY \(order) LIMIT ?",
                arguments: arguments + [limit - events.count]
            ).map(TimelineEvent.init(row:))
        }
        var sources: [String: [EventSource]] = [:]
        // SQLite takes at most 32,766 arguments a statement: the ids go in slices.
        for start in stride(from: 0, to: events.count, by: 10_000) {
            let ids = events[start..<min(start + 10_000, events.count)].map(\.id)
            let marks = ids.map { _ in "?" }.joined(separator: ", ")
            sources.merge(
                try TimelineStore.sources(db, whereClause: "WHERE id IN (\(marks))", arguments: StatementArguments(ids))
            ) { $1 }
        }
        for index in events.indices { events[index].sources = sources[events[index].id] ?? [] }
        return events
    }
}
