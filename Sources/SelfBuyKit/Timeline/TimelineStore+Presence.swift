import GRDB

extension TimelineStore {
    /// Where a text is stored: nowhere, only from other URLs, or from this one (normalised).
    public enum TextPresence: Sendable, Equatable {
        case absent, elsewhere, here
    }

    /// Where each text (content hash, normalised URL) is stored among the current documents, looked up in one read.
    public func presence(of texts: [(contentHash: String, normalizedURL: String)]) throws -> [TextPresence] {
        try presence(of: texts, urls: []).texts
    }

    /// Where each text is stored, and whether a document is current at each URL of `urls` (normalised), in one read.
    public func presence(
        of texts: [(contentHash: String, normalizedURL: String)], urls: [String]
    ) throws -> (texts: [TextPresence], urls: [Bool]) {
        guard !texts.isEmpty || !urls.isEmpty else { return ([], []) }
        return try read { db in
            let anywhere = try BoundStatement(db, sql: RecordSQL.documentExists)
            let atURL = try BoundStatement(db, sql: RecordSQL.textAtURL)
            // Most texts are new: one seek tells them, the second is only for a text stored somewhere.
            let found = try texts.map { text -> TextPresence in
                guard try anywhere.exists(ContentKey.storedKey(of: text.contentHash), text.contentHash) else {
                    return .absent
                }
                return try atURL.exists(text.contentHash, text.normalizedURL) ? .here : .elsewhere
            }
            let current = try BoundStatement(db, sql: RecordSQL.urlHeld)
            return (found, try urls.map { try current.exists($0) })
        }
    }
}
