import Foundation
import GRDB

extension TimelineStore {
    /// Loads many events in one transaction, each with one source document, without merging: for restoring a
    /// timeline from an export and for benchmarks. Events whose id exists are skipped.
    ///
    /// - Returns: how many events were inserted.
    @discardableResult
    public func bulkInsert(_ events: [TimelineEvent]) throws -> Int {
        try write { db in
            var inserted = 0
            let event = try db.makeStatement(
                sql: """
                    INSERT OR IGNORE INTO events (id, date, month, issuer, issuer_full, amount_yuan, amount_upper_yuan,
                        amount_bound, currency, holding_period, holding_days, fund_type, status, evidence, created_at,
                        source_count, first_source_url, first_source_published, issuer_known)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let document = try db.makeStatement(
                sql: """
                    INSERT OR IGNORE INTO documents (content_hash, url, normalized_url, title, published, fetched_at,
                                                     pledge_count, text_key)
                    VALUES (?, ?, ?, ?, ?, ?, 1, ?)
                    """)
            let source = try db.makeStatement(
                sql: """
                    INSERT OR IGNORE INTO event_sources (event_id, document_id, evidence, evidence_start, evidence_end,
                                                         issuer_mention, spans)
                    SELECT ?, id, ?, ?, ?, ?, ? FROM documents
                    WHERE content_hash = ? AND normalized_url = ? AND superseded_by IS NULL
                    """)
            for item in events {
                try event.execute(arguments: [
                    item.id, item.date, item.month, item.issuer, item.issuerFull, item.amountYuan, item.amountUpperYuan,
                    item.amountBound?.rawValue, item.currency, item.holdingPeriod, item.holdingDays,
                    item.fundType.rawValue, item.status.rawValue, item.evidence, item.sources.first?.fetchedAt ?? "",
                    item.sources.count, item.sources.first?.url, item.sources.first?.published, item.issuerKnown,
                ])
                guard db.changesCount > 0 else { continue }
                inserted += 1
                for entry in item.sources {
                    try document.execute(arguments: [
                        entry.contentHash, entry.url, URLNormalizer.normalize(entry.url), entry.title, entry.published,
                        entry.fetchedAt, ContentKey.storedKey(of: entry.contentHash),
                    ])
                    try source.execute(arguments: [
                        item.id, entry.evidence, entry.evidenceStart, entry.evidenceEnd, entry.issuerMention, "{}",
                        entry.contentHash, URLNormalizer.normalize(entry.url),
                    ])
                }
            }
            return inserted
        }
    }
}
