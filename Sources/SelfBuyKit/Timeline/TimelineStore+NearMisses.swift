import Foundation
import GRDB
import SelfBuyDetection

/// A stored near miss with the document it came from.
public struct StoredNearMiss: Sendable, Equatable {
    public var reason: String
    public var issuer: String?
    public var evidence: String
    public var url: String
    public var title: String?
    /// The document's publication time as stored (ISO 8601), if known.
    public var published: String?
}

extension TimelineStore {
    /// Near misses in document order, optionally only those of documents published in `month` (YYYY-MM, China
    /// time as stored).
    public func nearMisses(month: String? = nil) throws -> [StoredNearMiss] {
        try read { db in
            var sql = """
                SELECT n.reason, n.issuer, n.evidence, d.url, d.title, d.published
                FROM near_misses n JOIN documents d ON d.id = n.document_id
                """
            var arguments: StatementArguments = []
            if let month {
                sql += " WHERE substr(d.published, 1, 7) = ?"
                arguments = [month]
            }
            sql += " ORDER BY d.published, n.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                StoredNearMiss(
                    reason: row[0], issuer: row[1], evidence: row[2], url: row[3], title: row[4], published: row[5])
            }
        }
    }
}
