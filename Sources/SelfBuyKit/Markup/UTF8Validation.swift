/// UTF-8 validity checks over raw bytes, strict as Unicode's table 3-7 (no overlong forms, no surrogates, nothing
/// above U+10FFFF).
///
/// Every document is checked once before libxml2 sees it; ASCII runs are skipped eight bytes at a time and a
/// three-byte sequence (CJK) costs a few comparisons, which makes this several times cheaper than validating through
/// `String(validating:)`.
enum UTF8Validation {
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    /// Valid UTF-8 that contains at least one multi-byte sequence: pure ASCII says nothing about the encoding.
    static func isValidNonASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) && !isASCII($0) }
    }

    /// Whether invalid bytes are rare enough that the text is UTF-8 with damage rather than another encoding: at
    /// least twenty valid multi-byte sequences for each invalid one. GBK text read as UTF-8 fails far more often:
    /// only its pairs that happen to look like two-byte sequences pass, about one in six.
    static func isMostlyUTF8(_ bytes: [UInt8]) -> Bool {
        var valid = 0
        var invalid = 0
        var iterator = bytes.makeIterator()
        var codec = UTF8()
        loop: while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar): if scalar.value >= 0x80 { valid += 1 }
            case .error: invalid += 1
            case .emptyInput: break loop
            }
        }
        return valid >= 20 * invalid
    }

    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        return skipASCII(base, from: 0, count: buffer.count) == buffer.count
    }

    static func isValid(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let count = buffer.count
        var index = 0
        while index < count {
            let lead = base[index]
            if lead < 0x80 {
                index = skipASCII(base, from: index + 1, count: count)
                continue
            }
            // The common three-byte case (CJK) first: any lead but E0 and ED takes any two continuation bytes,
            // checked together.
            // checked together. Wrapping arithmetic: the indices are bounded by `count`.
            if lead &- 0xE1 < 15, lead != 0xED, index &+ 2 < count {
                let pair = UInt16(base[index &+ 1]) | UInt16(base[index &+ 2]) &<< 8
                guard pair & 0xC0C0 == 0x8080 else { return false }
                index &+= 3
                continue
            }
            if lead < 0xC2 { return false }
            if lead < 0xE0 {
                guard index + 1 < count, isContinuation(base[index + 1]) else { return false }
                index += 2
                continue
            }
            if lead < 0xF0 {
                guard index + 2 < count, isContinuation(base[index + 2]) else { return false }
                let second = base[index + 1]
                switch lead {
                case 0xE0: guard second >= 0xA0 && second <= 0xBF else { return false }
                case 0xED: guard second >= 0x80 && second <= 0x9F else { return false }
                default: guard isContinuation(second) else { return false }
                }
                index += 3
                continue
            }
            guard lead <= 0xF4, index + 3 < count, isContinuation(base[index + 2]), isContinuation(base[index + 3])
            else { return false }
            let second = base[index + 1]
            switch lead {
            case 0xF0: guard second >= 0x90 && second <= 0xBF else { return false }
            case 0xF4: guard second >= 0x80 && second <= 0x8F else { return false }
            default: guard isContinuation(second) else { return false }
            }
            index += 4
        }
        return true
    }

    @inline(__always)
    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The index of the first byte at or after `index` that is not ASCII, or `count`.
    @inline(__always)
    private static func skipASCII(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var index = start
        let raw = UnsafeRawPointer(base)
        while index &+ 8 <= count,
            raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
            index &+= 8
        }
        while index < count, base[index] < 0x80 { index &+= 1 }
        return index
    }
}
