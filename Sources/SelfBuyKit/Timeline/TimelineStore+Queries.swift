import Foundation
import GRDB
import SelfBuyDetection

/// Which events a query returns.
public struct EventFilter: Sendable {
    /// `YYYY-MM`.
    public var month: String?
    /// Inclusive `YYYY-MM-DD` bounds.
    public var from: String?
    public var to: String?
    /// Canonical name, legal name or a part of either.
    public var issuer: String?

    public init(month: String? = nil, from: String? = nil, to: String? = nil, issuer: String? = nil) {
        self.month = month
        self.from = from
        self.to = to
        self.issuer = issuer
    }

    func sql() -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let month {
            clauses.append("month = ?")
            arguments += [month]
        }
        if let from {
            clauses.append("date >= ?")
            arguments += [from]
        }
        if let to {
            clauses.append("date <= ?")
            arguments += [to]
        }
        if let issuer {
            clauses.append("(issuer = ? OR issuer_full = ? OR instr(issuer, ?) > 0 OR instr(issuer_full, ?) > 0)")
            arguments += [issuer, issuer, issuer, issuer]
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
    }
}

extension TimelineStore {
    static let eventColumns = """
        id, date, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound, currency, holding_period,
        fund_type, status, evidence, source_count, first_source_url
        """

    /// Events in date order (undated last), each with its sources unless `withSources` is false (tables and CSV need
    /// only the count and first URL kept on the event).
    public func events(_ filter: EventFilter = EventFilter(), withSources: Bool = true) throws -> [TimelineEvent] {
        try read { db in
            let (whereClause, arguments) = filter.sql()
            // A month (or a date range) holds only dated events, so the order needs no NULL handling and the
            // month index delivers it without sorting.
            let order =
                filter.month != nil || filter.from != nil || filter.to != nil
                ? "ORDER BY date, issuer, id" : "ORDER BY date IS NULL, date, issuer, id"
            var events = try Row.fetchAll(
                db, sql: "SELECT \(Self.eventColumns) FROM events \(whereClause) \(order)", arguments: arguments
            ).map(Self.event(from:))
            guard withSources else { return events }
            let sources = try Self.sources(db, whereClause: whereClause, arguments: arguments)
            for index in events.indices { events[index].sources = sources[events[index].id] ?? [] }
            return events
        }
    }

    /// One event with its sources.
    ///
    /// - Throws: ``TimelineError/noSuchEvent(_:)``.
    public func event(id: String) throws -> TimelineEvent {
        try read { db in
            guard
                var event = try Row.fetchOne(
                    db, sql: "SELECT \(Self.eventColumns) FROM events WHERE id = ?", arguments: [id]
                ).map(Self.event(from:))
            else { throw TimelineError.noSuchEvent(id) }
            event.sources = try Self.sources(db, whereClause: "WHERE id = ?", arguments: [id])[id] ?? []
            return event
        }
    }

    /// Calls `body` with every event in date order, without holding them all in memory.
    public func forEachEvent(_ body: (TimelineEvent) throws -> Void) throws {
        try read { db in
            let sources = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.event_id, d.url, d.title, d.published, d.fetched_at, d.content_hash, s.evidence,
                           s.evidence_start, s.evidence_end, s.issuer_mention, s.spans
                    FROM events e JOIN event_sources s ON s.event_id = e.id JOIN documents d ON d.id = s.document_id
                    ORDER BY e.date IS NULL, e.date, e.issuer, e.id, d.published IS NULL, d.published, d.id
                    """)
            let events = try Row.fetchCursor(
                db, sql: "SELECT \(Self.eventColumns) FROM events ORDER BY date IS NULL, date, issuer, id")
            var pending: (String, EventSource)?
            while let row = try events.next() {
                var event = Self.event(from: row)
                if let (eventID, source) = pending, eventID == event.id {
                    event.sources.append(source)
                    pending = nil
                }
                while pending == nil, let sourceRow = try sources.next() {
                    let eventID: String = sourceRow[0]
                    let source = Self.source(from: sourceRow)
                    if eventID == event.id {
                        event.sources.append(source)
                    } else {
                        pending = (eventID, source)
                    }
                }
                try body(event)
            }
        }
    }

    static func events(_ db: Database, issuer: String) throws -> [TimelineEvent] {
        try Row.fetchAll(
            db, sql: "SELECT \(eventColumns) FROM events WHERE issuer = ? ORDER BY date, id", arguments: [issuer]
        ).map(event(from:))
    }

    /// Decodes a row of ``eventColumns`` by position (name lookups cost a tenth of an export).
    static func event(from row: Row) -> TimelineEvent {
        TimelineEvent(
            id: row[0], date: row[1], issuer: row[2], issuerFull: row[3], amountYuan: row[4], amountUpperYuan: row[5],
            amountBound: (row[6] as String?).flatMap(AmountBound.init(rawValue:)), currency: row[7],
            holdingPeriod: row[8], fundType: FundType(rawValue: row[9]) ?? .unspecified,
            status: PledgeStatus(rawValue: row[10]) ?? .planned, evidence: row[11], sources: [], sourceCount: row[12],
            firstSourceURL: row[13])
    }

    /// Calls `body` with every event in date order (undated last) without loading sources: one ordered scan of the
    /// date index, for CSV export.
    public func forEachEventSummary(_ body: (TimelineEvent) throws -> Void) throws {
        try read { db in
            for sql in [
                "SELECT \(Self.eventColumns) FROM events WHERE date IS NOT NULL ORDER BY date, issuer, id",
                "SELECT \(Self.eventColumns) FROM events WHERE date IS NULL ORDER BY issuer, id",
            ] {
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() { try body(Self.event(from: row)) }
            }
        }
    }

    static func source(from row: Row) -> EventSource {
        EventSource(
            url: row["url"], title: row["title"], published: row["published"], fetchedAt: row["fetched_at"],
            contentHash: row["content_hash"], evidence: row["evidence"], evidenceStart: row["evidence_start"],
            evidenceEnd: row["evidence_end"], issuerMention: row["issuer_mention"],
            spans: decodeSpans(row["spans"]))
    }

    /// Sources of the events a filter selects, by event id, earliest publication first.
    static func sources(_ db: Database, whereClause: String, arguments: StatementArguments) throws -> [String:
        [EventSource]]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.event_id, d.url, d.title, d.published, d.fetched_at, d.content_hash, s.evidence,
                       s.evidence_start, s.evidence_end, s.issuer_mention, s.spans
                FROM event_sources s JOIN documents d ON d.id = s.document_id
                WHERE s.event_id IN (SELECT id FROM events \(whereClause))
                ORDER BY d.published IS NULL, d.published, d.id
                """,
            arguments: arguments)
        var result: [String: [EventSource]] = [:]
        for row in rows { result[row["event_id"], default: []].append(source(from: row)) }
        return result
    }

    static func decodeSpans(_ text: String?) -> [FieldSpan] {
        guard let text, let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: [Int]]
        else { return [] }
        return object.compactMap { key, value in
            guard let field = FieldSpan.Field(rawValue: key), value.count == 2 else { return nil }
            return FieldSpan(field: field, start: value[0], end: value[1])
        }.sorted { $0.start < $1.start }
    }

    /// One row per month with events, oldest first; amounts summed per bound, never into one total.
    public func summary(fromMonth: String? = nil, toMonth: String? = nil) throws -> [MonthSummary] {
        try read { db in
            var clauses = ["month IS NOT NULL"]
            var arguments: StatementArguments = []
            if let fromMonth {
                clauses.append("month >= ?")
                arguments += [fromMonth]
            }
            if let toMonth {
                clauses.append("month <= ?")
                arguments += [toMonth]
            }
            let whereClause = "WHERE " + clauses.joined(separator: " AND ")
            var summaries: [String: MonthSummary] = [:]
            // One pass over the covering index events_for_summary, grouped finely and folded here.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT month, fund_type, amount_bound, COUNT(*), COALESCE(SUM(amount_yuan), 0)
                    FROM events \(whereClause) GROUP BY month, fund_type, amount_bound
                    """,
                arguments: arguments)
            while let row = try rows.next() {
                let month: String = row[0]
                var summary =
                    summaries[month]
                    ?? MonthSummary(
                        month: month, events: 0, issuers: 0, totalExactYuan: 0, totalAtLeastYuan: 0, totalAtMostYuan: 0,
                        totalApproxYuan: 0, unknownAmountEvents: 0, byFundType: [:])
                let count: Int = row[3]
                let total: Int64 = row[4]
                summary.events += count
                if let type = FundType(rawValue: row[1]) { summary.byFundType[type, default: 0] += count }
                switch (row[2] as String?).flatMap(AmountBound.init(rawValue:)) {
                case .exact: summary.totalExactYuan += total
                case .min: summary.totalAtLeastYuan += total
                case .max: summary.totalAtMostYuan += total
                case .approx: summary.totalApproxYuan += total
                case nil: summary.unknownAmountEvents += count
                }
                summaries[month] = summary
            }
            let issuers = try Row.fetchCursor(
                db, sql: "SELECT month, COUNT(DISTINCT issuer) FROM events \(whereClause) GROUP BY month",
                arguments: arguments)
            while let row = try issuers.next() {
                let month: String = row[0]
                summaries[month]?.issuers = row[1]
            }
            return summaries.values.sorted { $0.month < $1.month }
        }
    }

    /// Counts for status lines and tests.
    public func counts() throws -> (documents: Int, events: Int, sources: Int) {
        try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event_sources") ?? 0
            )
        }
    }
}
