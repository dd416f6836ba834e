/// Reading characters out of valid UTF-8 bytes without decoding a whole string: the lengths, values and white-space
/// tests the plain-text renderer and the date tokenizer step through text with.
enum UTF8Characters {
    /// The length in bytes of the white-space character at `index`, or 0 when there is none: ASCII white space,
    /// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
    @inline(__always)
    static func spaceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int {
        let lead = base[index]
        if lead < 0x80 { return lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) ? 1 : 0 }
        guard mayBeSpace(lead) else { return 0 }
        if lead == 0xC2 {
            guard index + 1 < count else { return 0 }
            return base[index + 1] == 0x85 || base[index + 1] == 0xA0 ? 2 : 0
        }
        guard index + 2 < count else { return 0 }
        let second = base[index + 1]
        let third = base[index + 2]
        switch lead {
        case 0xE1: return second == 0x9A && third == 0x80 ? 3 : 0
        case 0xE2:
            if second == 0x80 {
                return third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && third == 0x9F ? 3 : 0
        default: return second == 0x80 && third == 0x80 ? 3 : 0
        }
    }

    /// Lead bytes of the multi-byte white-space characters.
    @inline(__always)
    static func mayBeSpace(_ lead: UInt8) -> Bool { lead == 0xC2 || lead &- 0xE1 < 3 }

    /// The length of the sequence a lead byte starts (1 for ASCII and for a stray continuation byte), looked up
    /// by its high nibble in a constant: no branches on the hot path.
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        Int(truncatingIfNeeded: (0x4322_1111_1111_1111 as UInt64) &>> (UInt64(lead &>> 4) &* 4)) & 0xF
    }

    /// The scalar value of the UTF-8 sequence at `index` (U+FFFD for a broken one).
    @inline(__always)
    static func scalar(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> UInt32 {
        let lead = base[index]
        let length = sequenceLength(lead)
        if length == 1 { return lead < 0x80 ? UInt32(lead) : 0xFFFD }
        guard index + length <= count else { return 0xFFFD }
        var value = UInt32(lead) & (0x7F >> UInt32(length))
        for offset in 1..<length { value = value << 6 | UInt32(base[index + offset] & 0x3F) }
        return value
    }
}
