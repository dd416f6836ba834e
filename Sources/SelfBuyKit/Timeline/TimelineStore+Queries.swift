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
        fund_type, status, evidence
        """

    /// Events in date order (undated last), each with its sources.
    public func events(_ filter: EventFilter = EventFilter()) throws -> [TimelineEvent] {
        try writer.read { db in
            let (whereClause, arguments) = filter.sql()
            var events = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.eventColumns) FROM events \(whereClause) ORDER BY date IS NULL, date, issuer, id",
                arguments: arguments
            ).map(Self.event(from:))
            let sources = try Self.sources(db, whereClause: whereClause, arguments: arguments)
            for index in events.indices { events[index].sources = sources[events[index].id] ?? [] }
            return events
        }
    }

    /// One event with its sources.
    ///
    /// - Throws: ``TimelineError/noSuchEvent(_:)``.
    public func event(id: String) throws -> TimelineEvent {
        try writer.read { db in
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
        try writer.read { db in
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

    static func event(from row: Row) -> TimelineEvent {
        TimelineEvent(
            id: row["id"], date: row["date"], issuer: row["issuer"], issuerFull: row["issuer_full"],
            amountYuan: row["amount_yuan"], amountUpperYuan: row["amount_upper_yuan"],
            amountBound: (row["amount_bound"] as String?).flatMap(AmountBound.init(rawValue:)),
            currency: row["currency"], holdingPeriod: row["holding_period"],
            fundType: FundType(rawValue: row["fund_type"]) ?? .unspecified,
            status: PledgeStatus(rawValue: row["status"]) ?? .planned, evidence: row["evidence"], sources: [])
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
        try writer.read { db in
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
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT month, COUNT(*) AS events, COUNT(DISTINCT issuer) AS issuers,
                           COALESCE(SUM(CASE WHEN amount_bound = 'exact' THEN amount_yuan END), 0) AS exact,
                           COALESCE(SUM(CASE WHEN amount_bound = 'min' THEN amount_yuan END), 0) AS at_least,
                           COALESCE(SUM(CASE WHEN amount_bound = 'max' THEN amount_yuan END), 0) AS at_most,
                           COALESCE(SUM(CASE WHEN amount_bound = 'approx' THEN amount_yuan END), 0) AS approx,
                           SUM(CASE WHEN amount_yuan IS NULL THEN 1 ELSE 0 END) AS unknown
                    FROM events \(whereClause) GROUP BY month ORDER BY month
                    """,
                arguments: arguments)
            for row in rows {
                let month: String = row["month"]
                summaries[month] = MonthSummary(
                    month: month, events: row["events"], issuers: row["issuers"], totalExactYuan: row["exact"],
                    totalAtLeastYuan: row["at_least"], totalAtMostYuan: row["at_most"], totalApproxYuan: row["approx"],
                    unknownAmountEvents: row["unknown"], byFundType: [:])
            }
            let typeRows = try Row.fetchAll(
                db, sql: "SELECT month, fund_type, COUNT(*) AS n FROM events \(whereClause) GROUP BY month, fund_type",
                arguments: arguments)
            for row in typeRows {
                let month: String = row["month"]
                if let type = FundType(rawValue: row["fund_type"]) { summaries[month]?.byFundType[type] = row["n"] }
            }
            return summaries.values.sorted { $0.month < $1.month }
        }
    }

    /// Counts for status lines and tests.
    public func counts() throws -> (documents: Int, events: Int, sources: Int) {
        try writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event_sources") ?? 0
            )
        }
    }
}
