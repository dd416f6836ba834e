import GRDB

/// A content hash (``ContentHash/ofText(_:)``) as a set or dictionary key: equal when the hashes are, hashed by their
/// first 16 hex digits, which a SHA-256 spreads evenly, instead of all 64 characters. Any other string hashes whole.
struct ContentKey: Hashable, Sendable {
    let contentHash: String
    /// The first 64 bits of the hash, or the string's hash value when it does not start with 16 lowercase hex digits.
    let prefix: Int

    init(_ contentHash: String) {
        self.contentHash = contentHash
        prefix = Self.prefix(of: contentHash)
    }

    static func == (left: ContentKey, right: ContentKey) -> Bool {
        left.prefix == right.prefix && left.contentHash == right.contentHash
    }

    func hash(into hasher: inout Hasher) { hasher.combine(prefix) }

    /// The hash's first 16 hex digits as a number, read from its UTF-8 storage.
    static func prefix(of contentHash: String) -> Int {
        guard let value = hexPrefix(of: contentHash) else { return contentHash.hashValue }
        return Int(bitPattern: UInt(value))
    }

    /// The key a document's text is looked up by in the timeline (`documents.text_key`, indexed where the whole hash
    /// is not): the hash's first 64 bits; for a string that does not start with 16 lowercase hex digits (which only
    /// tests and benchmarks store), the 64-bit FNV-1a hash of its UTF-8, so that such strings spread over the index as
    /// hashes do. Lookups compare the whole hash as well, so texts that share a key stay apart.
    static func storedKey(of contentHash: String) -> Int64 {
        if let prefix = hexPrefix(of: contentHash) { return Int64(bitPattern: prefix) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in contentHash.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int64(bitPattern: hash)
    }

    /// ``storedKey(of:)`` as an SQL function, `selfbuy_text_key(content_hash)`, for the connections that compute or
    /// check the keys of stored documents (added for that and removed after: other connections and tools never see it).
    static let sqlFunction = DatabaseFunction("selfbuy_text_key", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(storedKey(of:)) ?? 0
    }

    /// Runs `body` with ``sqlFunction`` added to `db`.
    static func withSQLFunction<T>(_ db: Database, _ body: () throws -> T) rethrows -> T {
        db.add(function: sqlFunction)
        defer { db.remove(function: sqlFunction) }
        return try body()
    }

    /// The first 16 characters as a number when they are lowercase hex digits.
    private static func hexPrefix(of contentHash: String) -> UInt64? {
        contentHash.utf8.withContiguousStorageIfAvailable(hexPrefix) ?? hexPrefix(Array(contentHash.utf8.prefix(16)))
    }

    private static func hexPrefix<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        guard bytes.count >= 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes.prefix(16) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(byte &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(byte &- UInt8(ascii: "a") &+ 10)
            default: return nil
            }
        }
        return value
    }
}
