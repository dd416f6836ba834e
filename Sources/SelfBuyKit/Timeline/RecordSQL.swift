/// The statements that record a document, in one place: each is prepared once per connection and reused
/// (`Database.cachedStatement`), so a batch of documents parses its SQL once.
enum RecordSQL {
    static let documentExists = "SELECT 1 FROM documents WHERE content_hash = ?"

    static let eventExists = "SELECT 1 FROM events WHERE id = ?"

    static let insertDocument = """
        INSERT INTO documents (content_hash, url, normalized_url, title, published, fetched_at, feed_id, pledge_count)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let insertNearMiss = """
        INSERT INTO near_misses (document_id, reason, issuer, evidence, evidence_start, evidence_end)
        VALUES (?, ?, ?, ?, ?, ?)
        """

    /// An issuer's undated events and those dated in a window: two ranges of `events_by_issuer` (issuer, date)
    /// instead of a scan of every event of the issuer, in the order `ORDER BY date, id` gives (undated first).
    static let mergeCandidates = """
        \(EventSQL.select) WHERE issuer = ? AND date IS NULL
        UNION ALL
        \(EventSQL.select) WHERE issuer = ? AND date BETWEEN ? AND ?
        ORDER BY date, id
        """

    static let insertEvent = """
        INSERT INTO events (id, date, month, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound,
                            currency, holding_period, holding_days, fund_type, status, evidence, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let updateEvent = """
        UPDATE events SET date = ?, month = ?, amount_yuan = ?, amount_upper_yuan = ?, amount_bound = ?,
                          holding_period = ?, holding_days = ?, fund_type = ?, status = ?
        WHERE id = ?
        """

    static let insertSource = """
        INSERT OR IGNORE INTO event_sources (event_id, document_id, evidence, evidence_start, evidence_end,
                                             issuer_mention, spans)
        VALUES (?, ?, ?, ?, ?, ?, ?)
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
