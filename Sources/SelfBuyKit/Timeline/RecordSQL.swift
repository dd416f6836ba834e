/// The statements that record a document, in one place: each is prepared once per connection and reused
/// (`Database.cachedStatement`), so a batch of documents parses its SQL once.
enum RecordSQL {
    /// Whether a current document holds a text: its key (``ContentKey/storedKey(of:)``), then its hash.
    static let documentExists = """
        SELECT 1 FROM documents WHERE text_key = ? AND content_hash = ? AND superseded_by IS NULL
        """

    /// Whether a text is stored from a URL (the partial unique index `documents_current`).
    static let textAtURL = """
        SELECT 1 FROM documents WHERE content_hash = ? AND normalized_url = ? AND superseded_by IS NULL
        """

    /// Whether a document is current at a URL (a seek in `documents_current`).
    static let urlHeld = "SELECT 1 FROM documents WHERE normalized_url = ? AND superseded_by IS NULL"

    /// The first current document holding a text, by its key and then its hash (`documents_by_text` (key, id): one
    /// seek, however many copies there are).
    static let firstHolder = """
        SELECT id, pledge_count FROM documents
        WHERE text_key = ? AND content_hash = ? AND superseded_by IS NULL ORDER BY id LIMIT 1
        """

    /// Up to two current documents read from a URL: a revision needs exactly one, so which two does not matter (a
    /// range of `documents_current` (URL, text), without the temporary B-tree an `ORDER BY id` would sort it in).
    static let currentAtURL = """
        SELECT id, identified_by_url, title FROM documents WHERE normalized_url = ? AND superseded_by IS NULL LIMIT 2
        """

    /// The companies a document is about: its events' issuers and its near misses'.
    static let issuersOfDocument = """
        SELECT e.issuer FROM event_sources s JOIN events e ON e.id = s.event_id WHERE s.document_id = :id
        UNION SELECT issuer FROM near_misses WHERE document_id = :id AND issuer IS NOT NULL
        """

    static let supersede = "UPDATE documents SET superseded_by = ? WHERE id = ?"

    /// A document's events, in the order of its sentences.
    static let eventsOfDocument = """
        SELECT event_id FROM event_sources WHERE document_id = ? GROUP BY event_id ORDER BY MIN(evidence_start)
        """

    static let deleteSourcesOfDocument = "DELETE FROM event_sources WHERE document_id = ?"

    static let deleteNearMissesOfDocument = "DELETE FROM near_misses WHERE document_id = ?"

    static let sourceCount = "SELECT COUNT(*) FROM event_sources WHERE event_id = ?"

    static let deleteEvent = "DELETE FROM events WHERE id = ?"

    /// A document's sources with every column a copy of the document takes, in the order ``insertSource`` binds them
    /// (after `document_id`).
    static let sourcesOfDocument = """
        SELECT event_id, evidence, evidence_start, evidence_end, issuer_mention, spans, reported_date, amount_yuan,
               amount_upper_yuan, amount_bound, holding_period, fund_type, status
        FROM event_sources WHERE document_id = ?
        """

    static let eventExists = "SELECT 1 FROM events WHERE id = ?"

    static let insertDocument = """
        INSERT INTO documents (content_hash, url, normalized_url, title, published, fetched_at, feed_id, pledge_count,
                               identified_by_url, text_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let insertNearMiss = """
        INSERT INTO near_misses (document_id, reason, issuer, evidence, evidence_start, evidence_end)
        VALUES (?, ?, ?, ?, ?, ?)
        """

    /// An issuer's undated events and those dated in a window: two ranges of `events_by_issuer` (issuer, date)
    /// instead of a scan of every event of the issuer. Unordered: `ORDER BY date, id` here sorted the second range in a
    /// temporary B-tree that SQLite opened and closed for every pledge recorded, so the caller sorts the few rows
    /// (``TimelineStore/sortedByDateAndID(_:)``).
    static let mergeCandidates = """
        \(EventSQL.select) WHERE issuer = ? AND date IS NULL
        UNION ALL
        \(EventSQL.select) WHERE issuer = ? AND date BETWEEN ? AND ?
        """

    static let insertEvent = """
        INSERT INTO events (id, date, month, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound,
                            currency, holding_period, holding_days, fund_type, status, evidence, created_at,
                            issuer_known)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let updateEvent = """
        UPDATE events SET date = ?, month = ?, amount_yuan = ?, amount_upper_yuan = ?, amount_bound = ?,
                          holding_period = ?, holding_days = ?, fund_type = ?, status = ?
        WHERE id = ?
        """

    /// An event that a revision of its only document now reports otherwise: every value is the revision's; the id
    /// and creation time stay.
    static let rewriteEvent = """
        UPDATE events SET date = ?, month = ?, issuer_full = ?, amount_yuan = ?, amount_upper_yuan = ?,
                          amount_bound = ?, currency = ?, holding_period = ?, holding_days = ?, fund_type = ?,
                          status = ?, evidence = ?, issuer_known = ?
        WHERE id = ?
        """

    static let insertSource = """
        INSERT OR IGNORE INTO event_sources (event_id, document_id, evidence, evidence_start, evidence_end,
                                             issuer_mention, spans, reported_date, amount_yuan, amount_upper_yuan,
                                             amount_bound, holding_period, fund_type, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// What an event's sources reported, in the order they were recorded.
    static let reportedValues = """
        SELECT s.reported_date, s.amount_yuan, s.amount_upper_yuan, s.amount_bound, s.holding_period, s.fund_type,
               s.status
        FROM event_sources s WHERE s.event_id = ? ORDER BY s.document_id, s.evidence_start
        """

    /// A source added to an event: one more in its count, and its first source when the new one was published
    /// earlier (or the event had none) — the order `refreshSourceSummary` uses, without reading the other sources, so
    /// that an event reported by thousands of documents costs the same per source as one reported by two. (SET
    /// expressions read the row as it was.)
    static let addToSourceSummary = """
        UPDATE events SET
            source_count = source_count + :added,
            first_source_url = CASE WHEN \(becomesFirst) THEN :url ELSE first_source_url END,
            first_source_published = CASE WHEN \(becomesFirst) THEN :published ELSE first_source_published END,
            evidence = CASE WHEN \(becomesFirst) THEN :evidence ELSE evidence END
        WHERE id = :id
        """

    /// Whether the source being added comes before the event's first source (it is the newest document, so a tie
    /// leaves the first one first).
    static let becomesFirst = """
        (source_count = 0 OR (:published IS NOT NULL AND (first_source_published IS NULL \
        OR :published < first_source_published)))
        """

    static let clearSourceSummary = """
        UPDATE events SET source_count = 0, first_source_url = NULL, first_source_published = NULL WHERE id = ?
        """

    static let refreshSourceSummary = """
        UPDATE events SET
            source_count = (SELECT COUNT(*) FROM event_sources WHERE event_id = :id),
            first_source_url = (
                SELECT d.url FROM event_sources s JOIN documents d ON d.id = s.document_id
                WHERE s.event_id = :id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1),
            first_source_published = (
                SELECT d.published FROM event_sources s JOIN documents d ON d.id = s.document_id
                WHERE s.event_id = :id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1),
            evidence = (
                SELECT s.evidence FROM event_sources s JOIN documents d ON d.id = s.document_id
                WHERE s.event_id = :id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1)
        WHERE id = :id
        """
}
