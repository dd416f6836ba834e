import GRDB
import GRDBSQLite
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
                let statement = try db.makeStatement(
                    sql: "SELECT \(EventView.rowColumns) FROM events \(filter) ORDER BY \(order)")
                try statement.setArguments(arguments)
                // GRDB steps the statement (and reports its errors); the columns are read straight from SQLite,
                // without a `Row` and its boxed values, since export reads a million rows.
                let rows = try Row.fetchCursor(statement)
                let columns = statement.sqliteStatement
                while try rows.next() != nil {
                    try body(EventView(row: columns))
                }
            }
        }
    }
}

extension EventView {
    /// The event columns ``init(row:)`` reads, in its order: what CSV and tables show, held on the event's row.
    static let rowColumns = """
        id, date, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound, currency, holding_period,
        fund_type, status, evidence, source_count, first_source_url, issuer_known
        """

    /// The view of the event at the current row of a statement selecting ``rowColumns``, as
    /// `EventView(TimelineEvent(row:))` would build it: no sources loaded, the evidence and its source's URL from the
    /// row.
    init(row statement: SQLiteStatement) {
        func text(_ column: Int32) -> String? {
            // NULL is the only value SQLite gives no text for (short of memory).
            guard let bytes = sqlite3_column_text(statement, column) else { return nil }
            // As GRDB decodes text (up to the first NUL, invalid UTF-8 repaired), so both paths show the same.
            return String(cString: bytes)
        }
        func integer(_ column: Int32) -> Int64? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
        }
        id = text(0) ?? ""
        date = text(1)
        month = date.map(Self.month(of:))
        issuer = text(2) ?? ""
        issuerFull = text(3) ?? ""
        issuerMention = nil
        issuerKnown = integer(14).map { $0 != 0 }
        amountYuan = integer(4)
        amountUpperYuan = integer(5)
        bound = text(6).flatMap(AmountBound.init(rawValue:))
        currency = text(7) ?? ""
        holdingPeriod = text(8)
        holdingDays = holdingPeriod.flatMap(HoldingPeriod.days(of:))
        fundType = text(9).flatMap(FundType.init(rawValue:)) ?? .unspecified
        status = text(10).flatMap(PledgeStatus.init(rawValue:)) ?? .planned
        sourceCount = Int(sqlite3_column_int64(statement, 12))
        sources = []
        evidence = EvidenceView(text: text(11) ?? "", start: nil, end: nil, sourceURL: text(13), spans: [])
    }

    /// `String(date.prefix(7))`, as ``TimelineEvent/month`` gives it, without walking characters when the first eight
    /// bytes are ASCII (seven characters are then seven bytes; a CR is left to `prefix`, since CR LF is one character).
    static func month(of date: String) -> String {
        var date = date
        let ascii = date.withUTF8 { bytes -> String? in
            guard bytes.prefix(8).allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(7)), as: UTF8.self)
        }
        return ascii ?? String(date.prefix(7))
    }
}
