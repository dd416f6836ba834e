import Testing

@testable import SelfBuyKit

@Suite("Content hashes as keys: hashed by their first 64 bits, equal only when the whole hashes are")
struct ContentKeyTests {
    @Test("hashes sharing their first 16 digits are different keys, the same hash is one key")
    func sharedPrefix() {
        let first = String(repeating: "0123456789abcdef", count: 4)
        let second = String(first.prefix(16)) + String(repeating: "f", count: 48)
        #expect(ContentKey.prefix(of: first) == ContentKey.prefix(of: second))
        #expect(ContentKey(first) != ContentKey(second))
        #expect(ContentKey(first) == ContentKey(String(first)))
        #expect(Set([ContentKey(first), ContentKey(second), ContentKey(first)]).count == 2)
        #expect(ContentKey.prefix(of: first) == Int(bitPattern: 0x0123_4567_89ab_cdef))
    }

    @Test(
        "strings that are not hashes (short, upper case, other characters) are keys too",
        arguments: [
            "", "hash-1", "0123456789ABCDEF0123", "0123456789abcde", "0123456789abcdeg0000", "统一0123456789abcdef",
        ])
    func otherStrings(text: String) {
        #expect(ContentKey(text) == ContentKey(text))
        #expect(ContentKey(text) != ContentKey(text + "0"))
        #expect(Set([ContentKey(text), ContentKey(text + "0")]).count == 2)
    }

    @Test("the stored key is the hash's first 64 bits; any other string's is its FNV-1a hash")
    func storedKeys() {
        #expect(ContentKey.storedKey(of: String(repeating: "0123456789abcdef", count: 4)) == 0x0123_4567_89ab_cdef)
        #expect(ContentKey.storedKey(of: "ffffffffffffffff" + String(repeating: "0", count: 48)) == -1)
        #expect(ContentKey.storedKey(of: "8000000000000000") == Int64.min)
        // FNV-1a 64 of the empty string and of "a" (the function's published test values).
        #expect(ContentKey.storedKey(of: "") == Int64(bitPattern: 0xcbf2_9ce4_8422_2325))
        #expect(ContentKey.storedKey(of: "a") == Int64(bitPattern: 0xaf63_dc4c_8601_ec8c))
        let others = [
            "hash-1", "hash-2", "0123456789ABCDEF0123", "0123456789abcde", "0123456789abcdeg0000", "统一0123456789abcdef",
        ]
        #expect(Set(others.map(ContentKey.storedKey(of:))).count == others.count)
    }
}
