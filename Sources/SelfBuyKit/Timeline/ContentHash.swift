/// Document identity: the text of a document hashed with SHA-256 after white space is folded, so that a re-published
/// item with identical text is the same document whatever its GUID, title or line breaks.
///
/// White space is Unicode's `White_Space` property, as `Unicode.Scalar.Properties.isWhitespace` reads it, but folded
/// on the UTF-8 bytes: the hashes of timelines written before (which folded scalar by scalar) stay the same.
public enum ContentHash {
    /// Hex SHA-256 of a text with runs of white space folded to one space and the ends trimmed.
    public static func ofText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(SHA256.hash(folded($0))) }
    }

    /// The UTF-8 bytes with each run of white space replaced by one space, none at either end.
    static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { output, written in
            guard let source = bytes.baseAddress, let target = output.baseAddress else {
                written = 0
                return
            }
            var count = 0
            var index = 0
            let end = bytes.count
            while index < end {
                // A run of text, copied whole: only bytes that can start white space are looked at twice.
                var runEnd = index
                while runEnd < end {
                    let byte = bytes[runEnd]
                    if byte <= 0x20 || byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3),
                        whiteSpaceWidth(bytes, at: runEnd, byte) > 0
                    {
                        break
                    }
                    runEnd += 1
                }
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
            written = count
        }
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
