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
        let digits = contentHash.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
            guard bytes.count >= 16 else { return nil }
            var value: UInt64 = 0
            for byte in bytes[..<16] {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(byte &- UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(byte &- UInt8(ascii: "a") &+ 10)
                default: return nil
                }
            }
            return value
        }
        guard let value = digits ?? nil else { return contentHash.hashValue }
        return Int(bitPattern: UInt(value))
    }
}
