import GRDB

extension TimelineStore {
    /// Marks `revised` as superseded by `document`, a new text read from its URL: its sources and near misses go (the
    /// revision's replace them), events that keep other sources are summarised again, and those left without any are
    /// returned for the revision's pledges to rewrite (or to be withdrawn), in the order of the old text.
    static func supersede(_ db: Database, _ revised: Int64, by document: Int64) throws -> [TimelineEvent] {
        let eventIDs = try String.fetchAll(db.cachedStatement(sql: RecordSQL.eventsOfDocument), arguments: [revised])
        try db.cachedStatement(sql: RecordSQL.deleteSourcesOfDocument).execute(arguments: [revised])
        try db.cachedStatement(sql: RecordSQL.deleteNearMissesOfDocument).execute(arguments: [revised])
        try db.cachedStatement(sql: RecordSQL.supersede).execute(arguments: [document, revised])
        var orphans: [TimelineEvent] = []
        for id in eventIDs {
            if try Int.fetchOne(db.cachedStatement(sql: RecordSQL.sourceCount), arguments: [id]) ?? 0 > 0 {
                try refreshSourceSummary(db, eventID: id)
            } else if let event = try TimelineEvent.fetchOne(
                db.cachedStatement(sql: EventSQL.select + " WHERE id = ?"), arguments: [id])
            {
                orphans.append(event)
            }
        }
        return orphans
    }

    /// Makes `document` a further source of every event that `copy`, a document with the same text, reports.
    ///
    /// - Returns: those events.
    static func addSources(_ db: Database, copying copy: Int64, to document: Int64) throws -> [String] {
        try db.cachedStatement(sql: RecordSQL.copySources).execute(arguments: [document, copy])
        let eventIDs = try String.fetchAll(db.cachedStatement(sql: RecordSQL.eventsOfDocument), arguments: [document])
        for id in eventIDs { try refreshSourceSummary(db, eventID: id) }
        return eventIDs
    }
}
