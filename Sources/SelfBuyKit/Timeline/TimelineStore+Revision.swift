import GRDB
import SelfBuyDetection

extension TimelineStore {
    /// The document a new one revises: the one current document at its URL, when both were read from their own URL
    /// (an item's own link; not a site's root) and they are the same document by their titles (leading 【更新】-style
    /// tags aside) or, when the titles differ, by a company they both concern. Else nil: a URL several documents
    /// share, or a page that now shows another story, revises nothing.
    static func revisedDocument(_ db: Database, by detected: DetectedDocument) throws -> Int64? {
        let document = detected.document
        guard mayRevise(ownURL: document.urlIdentifiesDocument, normalizedURL: document.normalizedURL) else {
            return nil
        }
        let current = try BoundStatement(db, sql: RecordSQL.currentAtURL).all(document.normalizedURL) {
            (id: $0.integer(0), ownURL: $0.integer(1) != 0, title: $0.text(2))
        }
        guard current.count == 1, let row = current.first, row.ownURL else { return nil }
        let id = row.id
        let old = comparableTitle(row.title)
        let new = comparableTitle(document.title)
        if old.isEmpty || new.isEmpty || old == new { return id }
        let before = Set(
            try String.fetchAll(db.cachedStatement(sql: RecordSQL.issuersOfDocument), arguments: ["id": id]))
        let after = Set(detected.pledges.map(\.issuer) + detected.nearMisses.compactMap(\.issuer))
        return before.isDisjoint(with: after) ? nil : id
    }

    /// Whether a document read from `normalizedURL` may revise the one current there: its URL is its own (an item's
    /// own link, no other text of its batch shares it) and names a document, not a site's root.
    static func mayRevise(ownURL: Bool, normalizedURL: String) -> Bool {
        ownURL && URLNormalizer.identifiesDocument(normalizedURL)
    }

    /// A title without white space and leading bracketed tags (【更新】, [快讯], （修订）).
    static func comparableTitle(_ title: String?) -> String {
        var scalars = Substring((title ?? "").filter { !$0.isWhitespace })
        let pairs: [Character: Character] = ["【": "】", "[": "]", "（": "）", "(": ")", "［": "］"]
        while let first = scalars.first, let close = pairs[first], let end = scalars.firstIndex(of: close) {
            scalars = scalars[scalars.index(after: end)...]
        }
        return String(scalars)
    }

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
                try refold(db, eventID: id)
            } else if let event = try TimelineEvent.fetchOne(
                db.cachedStatement(sql: EventSQL.select + " WHERE id = ?"), arguments: [id])
            {
                // No source left: counted from nothing when the revision's pledge rewrites it.
                try db.cachedStatement(sql: RecordSQL.clearSourceSummary).execute(arguments: [id])
                orphans.append(event)
            }
        }
        return orphans
    }

    /// Sets an event's values to what its remaining sources reported, folded in the order they were recorded (as
    /// recording them did), so that no value stays that only a superseded document stated. An event with a source
    /// recorded before sources kept their values keeps its values.
    static func refold(_ db: Database, eventID: String) throws {
        let rows = try Row.fetchAll(db.cachedStatement(sql: RecordSQL.reportedValues), arguments: [eventID])
        var reports: [ReportedValues] = []
        for row in rows {
            guard let status = (row[6] as String?).flatMap(PledgeStatus.init(rawValue:)) else { return }
            reports.append(
                ReportedValues(
                    date: row[0], amountYuan: row[1], amountUpperYuan: row[2],
                    amountBound: (row[3] as String?).flatMap(AmountBound.init(rawValue:)), holdingPeriod: row[4],
                    fundType: (row[5] as String?).flatMap(FundType.init(rawValue:)) ?? .unspecified, status: status))
        }
        guard let first = reports.first,
            let event = try TimelineEvent.fetchOne(
                db.cachedStatement(sql: EventSQL.select + " WHERE id = ?"), arguments: [eventID])
        else { return }
        try update(db, reports.dropFirst().reduce(first.applied(to: event)) { EventMerger.merged($0, with: $1) })
    }
}
