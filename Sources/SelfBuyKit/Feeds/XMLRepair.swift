#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Mends the faults that make real feeds lose text before libxml2 sees them: a bare `&` (`AT&T`, a query string), HTML
/// entities XML does not define (`&nbsp;`, `&eacute;`: every HTML5 name), character references XML rejects (`&#X41;`,
/// `&#146;` meaning ’, `&#1;`), control characters XML forbids, and entities a harmless internal DTD subset declares
/// (``InternalSubset``), written out in place. CDATA sections keep their ampersands as written.
enum XMLRepair {
    static let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// Returns the UTF-8 text with every `&` that does not start a valid reference escaped, or the bytes themselves
    /// when nothing needs mending (the common case: a `memchr` walk over the ampersands, no copy).
    static func repair(_ bytes: [UInt8]) -> [UInt8] {
        // Control characters XML forbids (a vertical tab from a CMS, say) make libxml2 drop the whole CDATA section
        // or text around them; they become spaces first.
        var bytes = bytes.withUnsafeBufferPointer(hasForbiddenControls) ? bytes.map(withoutControl) : bytes
        var declared: [String: [UInt8]] = [:]
        if let subset = InternalSubset.read(bytes) {
            let original = bytes
            (bytes, declared) = (subset.document, subset.entities)
            let repaired = repair(bytes, declared: declared)
            // Expansion past the bound is a blow-up: the document goes on with its declarations, to be refused.
            return repaired.count > bytes.count + InternalSubset.growthLimit ? original : repaired
        }
        return repair(bytes, declared: declared)
    }

    private static func repair(_ bytes: [UInt8], declared: [String: [UInt8]]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { bytes -> [UInt8]? in
            guard let firstFix = firstFault(bytes, declared: declared) else { return nil }
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
                let (replacement, length) = reference(bytes, at: index, declared: declared)
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
    private static func firstFault(_ bytes: UnsafeBufferPointer<UInt8>, declared: [String: [UInt8]]) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = 0
        while index < bytes.count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "&")), bytes.count - index) else { return nil }
            let ampersand = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            // Anchored on the `[`: the `<` starts every tag.
            if let open = ByteSearch.find(
                CDATASections.open, in: bytes, from: index, startingBefore: ampersand, anchor: 2)
            {
                index = cdataEnd(bytes, at: open) ?? open + 1
                continue
            }
            let (replacement, length) = reference(bytes, at: ampersand, declared: declared)
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
    private static func reference(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, declared: [String: [UInt8]]
    ) -> ([UInt8]?, Int) {
        var end = start + 1
        while end < bytes.count, end - start < 34, isNameByte(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else {
            return (Array("&amp;".utf8), 1)
        }
        let length = end - start + 1
        if bytes[start + 1] == UInt8(ascii: "#") {
            guard let value = numericValue(UnsafeBufferPointer(rebasing: bytes[(start + 2)..<end])) else {
                return (Array("&amp;".utf8), 1)
            }
            let scalar = HTMLEntities.scalar(forReference: value)
            // As written when XML reads it the way HTML does (the common case: `&#8217;`, `&#x41;`).
            if scalar.value == value, isXMLCharacter(value), bytes[start + 2] != UInt8(ascii: "X") {
                return (nil, length)
            }
            return (Array("&#\(isXMLCharacter(scalar.value) ? scalar.value : 0xFFFD);".utf8), length)
        }
        let nameBytes = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end])
        // The common case (`&amp;` in a title) without making a string of the name.
        if declared.isEmpty, isPredefined(nameBytes) { return (nil, length) }
        let name = String(decoding: nameBytes, as: UTF8.self)
        if let text = declared[name] { return (text, length) }
        if predefined.contains(name) { return (nil, length) }
        if let characters = HTMLEntities.characters(named: name) {
            return (Array(characters.unicodeScalars.map { "&#\($0.value);" }.joined().utf8), length)
        }
        return (Array("&amp;".utf8), 1)
    }

    /// Whether a reference's name is one of the five XML predefines (``predefined``).
    private static func isPredefined(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        predefinedBytes.contains { $0.elementsEqual(name) }
    }

    private static let predefinedBytes = predefined.map { Array($0.utf8) }

    /// The value of the digits of a numeric reference (`x41`, `X41`, `8217`), nil when they are not digits.
    private static func numericValue(_ digits: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard let first = digits.first else { return nil }
        let hex = first | 0x20 == UInt8(ascii: "x")
        let text = String(decoding: hex ? UnsafeBufferPointer(rebasing: digits.dropFirst()) : digits, as: UTF8.self)
        guard !text.isEmpty, text.allSatisfy({ hex ? $0.isHexDigit : ("0"..."9").contains($0) }) else { return nil }
        // Beyond Unicode however many digits follow: U+FFFD.
        return text.utf8.count > 8 ? 0x110000 : UInt32(text, radix: hex ? 16 : 10)
    }

    /// Characters XML 1.0 allows.
    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "#")
    }
}
