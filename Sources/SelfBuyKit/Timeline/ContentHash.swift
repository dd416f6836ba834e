/// Document identity: the text of a document hashed with SHA-256 after white space is folded, so that a re-published
/// item with identical text is the same document whatever its GUID, title or line breaks.
///
/// White space is Unicode's `White_Space` property, as `Unicode.Scalar.Properties.isWhitespace` reads it, but folded
/// on the UTF-8 bytes: the hashes of timelines written before (which folded scalar by scalar) stay the same.
public enum ContentHash {
    /// Hex SHA-256 of a text with runs of white space folded to one space and the ends trimmed.
    public static func ofText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Folding never lengthens text: a buffer of the text's size holds it (on the stack when small), and the
            // digest is written as hex without an array of its own.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(bytes.count, 1)) { buffer in
                let count = fold(bytes, into: buffer)
                return SHA256.hex(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[..<count])))
            }
        }
    }

    /// The UTF-8 bytes with each run of white space replaced by one space, none at either end.
    static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { output, written in
            written = fold(bytes, into: output)
        }
    }

    /// Writes the folded bytes into `output`, which holds at least `bytes.count` bytes; returns how many.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(output.count >= bytes.count, "the folding buffer is smaller than the text")
        guard let source = bytes.baseAddress, let target = output.baseAddress else { return 0 }
        var count = 0
        var index = 0
        let end = bytes.count
        while index < end {
            // A run of text, copied whole: only bytes that can start white space are looked at twice.
            let runEnd = endOfText(bytes, from: index)
            if runEnd > index {
                if count > 0 {
                    target[count] = 0x20
                    count += 1
                }
                (target + count).update(from: source + index, count: runEnd - index)
                count += runEnd - index
            }
            // The white space after it, skipped.
            index = runEnd
            while index < end {
                let width = whiteSpaceWidth(bytes, at: index, bytes[index])
                guard width > 0 else { break }
                index += width
            }
        }
        return count
    }

    /// Where the white space that ends the text starting at `start` begins, or the end of the bytes.
    ///
    /// Eight bytes at a time: a word none of whose bytes can start white space (see ``mayStartWhiteSpace(_:)``) is
    /// text whole, which is most words of Chinese and of English alike; a word that may hold some is looked at byte by
    /// byte. A character that crosses into the next word is read from its lead byte, which is in this one.
    @inline(__always)
    static func endOfText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let end = bytes.count
        var index = start
        while index &+ 8 <= end {
            // In bounds: eight bytes from `index` end at or before `end`; unaligned loads are what `loadUnaligned`
            // is for.
            let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if mayStartWhiteSpace(word) {
                for _ in 0..<8 {
                    if isWhiteSpace(bytes, at: index) { return index }
                    index &+= 1
                }
            } else {
                index &+= 8
            }
        }
        while index < end, !isWhiteSpace(bytes, at: index) { index &+= 1 }
        return index
    }

    /// Whether any byte of an eight-byte word can start white space: a byte up to 0x20, or a lead byte C2 or E0–E3
    /// (E0 only because testing E0–E3 is one mask; the byte-by-byte look then finds it is not white space). Exact
    /// as a yes or no: when no byte is such a byte, the word is all text.
    @inline(__always)
    static func mayStartWhiteSpace(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x21 (for a limit up to 0x80, this test is exact in saying whether there is one).
        let low = (word &- ones &* 0x21) & ~word & highs
        // A byte equal to C2, or to E0–E3 once its two low bits are cleared: a zero byte after the XOR.
        let c2 = word ^ (ones &* 0xC2)
        let e0 = (word & (ones &* 0xFC)) ^ (ones &* 0xE0)
        let zeroC2 = (c2 &- ones) & ~c2 & highs
        let zeroE0 = (e0 &- ones) & ~e0 & highs
        return low | zeroC2 | zeroE0 != 0
    }

    /// Whether the white-space character starts at `index` (the byte-by-byte test of ``endOfText(_:from:)``).
    @inline(__always)
    private static func isWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        return (byte <= 0x20 || byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3))
            && whiteSpaceWidth(bytes, at: index, byte) > 0
    }

    /// The length of the white-space character starting at `index`, or 0. Every `White_Space` scalar is ASCII
    /// (U+0009–000D, U+0020), two bytes (U+0085, U+00A0) or three (U+1680, U+2000–200A, U+2028, U+2029, U+202F,
    /// U+205F, U+3000); any other lead byte is text.
    @inline(__always)
    static func whiteSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ byte: UInt8) -> Int {
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
        switch byte {
        case 0xC2:
            guard index + 1 < bytes.count else { return 0 }
            let next = bytes[index + 1]
            return next == 0x85 || next == 0xA0 ? 2 : 0
        case 0xE1, 0xE2, 0xE3:
            guard index + 2 < bytes.count else { return 0 }
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            switch byte {
            case 0xE1: return second == 0x9A && third == 0x80 ? 3 : 0
            case 0xE3: return second == 0x80 && third == 0x80 ? 3 : 0
            default:
                if second == 0x80 {
                    return third <= 0x8A && third >= 0x80 || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
                }
                return second == 0x81 && third == 0x9F ? 3 : 0
            }
        default: return 0
        }
    }

    /// SHA-256 (FIPS 180-4) of a byte string.
    public static func sha256(_ message: [UInt8]) -> [UInt8] { SHA256.hash(message) }

    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex($0) }
    }

    /// Lower-case hex of bytes, two digits each.
    static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            digits.withUTF8Buffer { digits in
                for (index, byte) in bytes.enumerated() {
                    output[index * 2] = digits[Int(byte >> 4)]
                    output[index * 2 + 1] = digits[Int(byte & 0x0F)]
                }
            }
            return bytes.count * 2
        }
    }
}
