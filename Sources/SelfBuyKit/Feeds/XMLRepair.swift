#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Mends the faults that make real feeds lose text before libxml2 sees them: a bare `&` (`AT&T`, a query string), HTML
/// entities XML does not define (`&nbsp;`, `&mdash;`) and control characters XML forbids. CDATA sections keep their
/// ampersands as written.
enum XMLRepair {
    static let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]
    static let htmlEntities: [String: UInt32] = [
        "nbsp": 0xA0, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "mdash": 0x2014, "ndash": 0x2013,
        "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "hellip": 0x2026, "middot": 0xB7,
        "bull": 0x2022, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "times": 0xD7, "divide": 0xF7, "yen": 0xA5,
        "laquo": 0xAB, "raquo": 0xBB, "deg": 0xB0, "plusmn": 0xB1, "sect": 0xA7, "para": 0xB6, "cent": 0xA2,
        "pound": 0xA3, "euro": 0x20AC, "le": 0x2264, "ge": 0x2265, "ne": 0x2260, "permil": 0x2030,
    ]

    /// Returns the UTF-8 text with every `&` that does not start a valid reference escaped, or the bytes themselves
    /// when nothing needs mending (the common case: a `memchr` walk over the ampersands, no copy).
    static func repair(_ bytes: [UInt8]) -> [UInt8] {
        // Control characters XML forbids (a vertical tab from a CMS, say) make libxml2 drop the whole CDATA section
        // or text around them; they become spaces first.
        let bytes = bytes.withUnsafeBufferPointer(hasForbiddenControls) ? bytes.map(withoutControl) : bytes
        return bytes.withUnsafeBufferPointer { bytes -> [UInt8]? in
            guard let firstFix = firstFault(bytes) else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 64)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<firstFix]))
            var index = firstFix
            while index < bytes.count {
                if let end = cdataEnd(bytes, at: index) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    continue
                }
                guard bytes[index] == UInt8(ascii: "&") else {
                    output.append(bytes[index])
                    index += 1
                    continue
                }
                let (replacement, length) = reference(bytes, at: index)
                if let replacement {
                    output.append(contentsOf: replacement)
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                }
                index += length
            }
            return output
        } ?? bytes
    }

    /// Whether the text holds a C0 control character other than tab, line feed and carriage return; eight bytes at a
    /// time, looking closer only at words with a byte below 0x20.
    static func hasForbiddenControls(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index &+ 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 {
                for offset in 0..<8 where withoutControl(base[index &+ offset]) != base[index &+ offset] { return true }
            }
            index &+= 8
        }
        while index < bytes.count {
            if withoutControl(base[index]) != base[index] { return true }
            index &+= 1
        }
        return false
    }

    @inline(__always)
    static func withoutControl(_ byte: UInt8) -> UInt8 {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D ? 0x20 : byte
    }

    /// Where the first `&` that needs mending is, outside CDATA sections. Jumps from ampersand to ampersand, looking
    /// for a CDATA section only in the stretch before each one.
    private static func firstFault(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = 0
        while index < bytes.count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "&")), bytes.count - index) else { return nil }
            let ampersand = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if let open = ByteSearch.find(CDATASections.open, in: bytes, from: index, startingBefore: ampersand) {
                index = cdataEnd(bytes, at: open) ?? open + 1
                continue
            }
            let (replacement, length) = reference(bytes, at: ampersand)
            if replacement != nil { return ampersand }
            index = ampersand + length
        }
        return nil
    }

    /// The end of a CDATA section starting at `index`, or nil when none starts there.
    private static func cdataEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard ByteSearch.matches(CDATASections.open, in: bytes, at: index) else { return nil }
        let close = CDATASections.close
        return ByteSearch.find(close, in: bytes, from: index + CDATASections.open.count).map { $0 + close.count }
            ?? bytes.count
    }

    /// Looks at the reference starting at `&`: nil replacement when it is valid XML, otherwise what to write.
    private static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ([UInt8]?, Int) {
        var end = start + 1
        while end < bytes.count, end - start < 12, isNameByte(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else {
            return (Array("&amp;".utf8), 1)
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
        if name.first == "#" {
            let digits = name.dropFirst()
            let valid =
                digits.first == "x" || digits.first == "X"
                ? !digits.dropFirst().isEmpty && digits.dropFirst().allSatisfy(\.isHexDigit)
                : !digits.isEmpty && digits.allSatisfy(\.isNumber)
            return valid ? (nil, end - start + 1) : (Array("&amp;".utf8), 1)
        }
        if predefined.contains(name) { return (nil, end - start + 1) }
        if let code = htmlEntities[name] { return (Array("&#\(code);".utf8), end - start + 1) }
        return (Array("&amp;".utf8), 1)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "#")
    }
}
