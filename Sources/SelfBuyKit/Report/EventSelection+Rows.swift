import GRDB
import SelfBuyDetection

extension EventSelection {
    /// Calls `body` with each event selected, in list order (dated by date, then the undated), for the outputs that
    /// show one source — CSV and tables — without reading every source of a million events.
    ///
    /// The evidence comes with the URL of its own document: the event's row holds both from its first source (earliest
    /// publication), as ``EventView`` takes them from a full read, so CSV and JSON agree.
    public func forEachRow(in store: TimelineStore, _ body: (EventView) throws -> Void) throws {
        try store.read { db in
            for (condition, order) in [("date IS NOT NULL", "date, issuer, id"), ("date IS NULL", "issuer, id")] {
                let (filter, arguments) = try whereClause(db, and: condition)
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT \(EventSQL.columns) FROM events \(filter) ORDER BY \(order)",
                    arguments: arguments)
                while let row = try rows.next() {
                    try body(EventView(TimelineEvent(row: row)))
                }
            }
        }
    }
}
