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
            var events = try TimelineEvent.fetchAll(
                db, sql: "\(EventSQL.select) \(whereClause) \(order)", arguments: arguments)
            guard withSources else { return events }
            let sources = try Self.sources(db, whereClause: whereClause, arguments: arguments)
            for index in events.indices { events[index].sources = sources[events[index].id] ?? [] }
            return events
        }
    }

    /// One event with its sources.
    ///
    /// - Throws: ``TimelineError/noSuchEvent(_:)``.
    /// The event with this id, or nil when there is none (a later document withdrew it).
    public func eventIfStored(id: String) throws -> TimelineEvent? {
        do {
            return try event(id: id)
        } catch TimelineError.noSuchEvent {
            return nil
        }
    }

    public func event(id: String) throws -> TimelineEvent {
        try read { db in
            guard var event = try TimelineEvent.fetchOne(db, sql: EventSQL.select + " WHERE id = ?", arguments: [id])
            else { throw TimelineError.noSuchEvent(id) }
            event.sources = try Self.sources(db, whereClause: "WHERE id = ?", arguments: [id])[id] ?? []
            return event
        }
    }

    /// Calls `body` with every event in date order, without holding them all in memory.
    public func forEachEvent(_ body: (TimelineEvent) throws -> Void) throws {
        try read { db in
            let sources = try SourceRecord.fetchCursor(
                db,
                sql: """
                    \(EventSQL.selectSources) JOIN events e ON e.id = s.event_id
                    ORDER BY e.date IS NULL, e.date, e.issuer, e.id, d.published IS NULL, d.published, d.id
                    """)
            let events = try TimelineEvent.fetchCursor(
                db, sql: EventSQL.select + " ORDER BY date IS NULL, date, issuer, id")
            var pending: SourceRecord?
            while var event = try events.next() {
                if let record = pending, record.eventID == event.id {
                    event.sources.append(record.source)
                    pending = nil
                }
                while pending == nil, let record = try sources.next() {
                    if record.eventID == event.id {
                        event.sources.append(record.source)
                    } else {
                        pending = record
                    }
                }
                try body(event)
            }
        }
    }

    static func events(_ db: Database, issuer: String) throws -> [TimelineEvent] {
        try TimelineEvent.fetchAll(
            db, sql: EventSQL.select + " WHERE issuer = ? ORDER BY date, id", arguments: [issuer])
    }

    /// Calls `body` with every event in date order (undated last) without loading sources: one ordered scan of the
    /// date index, for CSV export.
    public func forEachEventSummary(_ body: (TimelineEvent) throws -> Void) throws {
        try read { db in
            for order in [
                " WHERE date IS NOT NULL ORDER BY date, issuer, id", " WHERE date IS NULL ORDER BY issuer, id",
            ] {
                let events = try TimelineEvent.fetchCursor(db, sql: EventSQL.select + order)
                while let event = try events.next() { try body(event) }
            }
        }
    }

    /// Sources of the events a filter selects, by event id, earliest publication first.
    static func sources(_ db: Database, whereClause: String, arguments: StatementArguments) throws -> [String:
        [EventSource]]
    {
        let records = try SourceRecord.fetchAll(
            db,
            sql: """
                \(EventSQL.selectSources)
                WHERE s.event_id IN (SELECT id FROM events \(whereClause))
                ORDER BY d.published IS NULL, d.published, d.id
                """,
            arguments: arguments)
        var result: [String: [EventSource]] = [:]
        for record in records { result[record.eventID, default: []].append(record.source) }
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

    /// Counts for status lines and tests: current documents (not those a revision superseded), events, sources.
    public func counts() throws -> (documents: Int, events: Int, sources: Int) {
        try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents WHERE superseded_by IS NULL") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event_sources") ?? 0
            )
        }
    }
}
