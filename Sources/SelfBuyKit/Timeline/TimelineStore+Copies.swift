import GRDB

extension TimelineStore {
    /// A source of the document a copy copies: every column but the document.
    private struct CopiedSource {
        var eventID: String
        var evidence: String
        var evidenceStart: Int64
        var evidenceEnd: Int64
        var issuerMention: String
        var spans: String
        var reportedDate: String?
        var amountYuan: Int64?
        var amountUpperYuan: Int64?
        var amountBound: String?
        var holdingPeriod: String?
        var fundType: String?
        var status: String?
    }

    /// Makes `document` a further source of every event that `copy`, a document with the same text, reports: the
    /// copy's sources again, for `document`.
    ///
    /// The sources are read once and inserted one by one: `INSERT … SELECT` from the same table made SQLite copy them
    /// into a temporary table first, and reading the new document's events and first evidence back took two sorts more
    /// (a third of the CPU of an archive of syndicated copies).
    ///
    /// - Returns: those events, in the order of their first evidence in the document (then by id, as SQLite's
    ///   `GROUP BY event_id ORDER BY MIN(evidence_start)` gave them).
    static func addSources(
        _ db: Database, copying copy: Int64, to documentID: Int64, _ document: DocumentRecord
    ) throws -> [String] {
        let sources = try BoundStatement(db, sql: RecordSQL.sourcesOfDocument).all(copy) { row in
            CopiedSource(
                eventID: row.wholeText(0) ?? "", evidence: row.wholeText(1) ?? "", evidenceStart: row.integer(2),
                evidenceEnd: row.integer(3), issuerMention: row.wholeText(4) ?? "", spans: row.wholeText(5) ?? "",
                reportedDate: row.wholeText(6), amountYuan: row.optionalInteger(7),
                amountUpperYuan: row.optionalInteger(8), amountBound: row.wholeText(9),
                holdingPeriod: row.wholeText(10), fundType: row.wholeText(11), status: row.wholeText(12))
        }
        let insert = try BoundStatement(db, sql: RecordSQL.insertSource)
        // Per event: its first evidence in the document (by start) and how many sources it gets.
        var events: [String: (first: CopiedSource, count: Int)] = [:]
        for source in sources {
            try insert.execute(
                source.eventID, documentID, source.evidence, source.evidenceStart, source.evidenceEnd,
                source.issuerMention, source.spans, source.reportedDate, source.amountYuan, source.amountUpperYuan,
                source.amountBound, source.holdingPeriod, source.fundType, source.status)
            guard db.changesCount > 0 else { continue }
            if let known = events[source.eventID] {
                let first = source.evidenceStart < known.first.evidenceStart ? source : known.first
                events[source.eventID] = (first, known.count + 1)
            } else {
                events[source.eventID] = (source, 1)
            }
        }
        let ordered = events.sorted { left, right in
            if left.value.first.evidenceStart != right.value.first.evidenceStart {
                return left.value.first.evidenceStart < right.value.first.evidenceStart
            }
            return left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
        }
        for (id, event) in ordered {
            try sourceAdded(db, eventID: id, count: event.count, document: document, evidence: event.first.evidence)
        }
        return ordered.map(\.key)
    }
}
