#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CDATA sections of an XML document, cut out before libxml2 parses it.
///
/// A CDATA section is literal text up to `]]>`: nothing in it is markup. libxml2 nevertheless reads it one character at
/// a time, and in feeds, whose descriptions are CDATA, that is most of its work. Each section of some length is
/// replaced by a marker (U+FDD0, its number, U+FDD1, then as many line feeds as the section held, so libxml2's line
/// numbers stay true); the tree then holds markers, and the text walkers (``MarkupNode/withText(_:)``, the plain-text
/// builder) read the section's bytes from here instead.
final class CDATASections {
    /// The document the sections point into.
    private let source: [UInt8]
    private let ranges: [Range<Int>]

    static let open = Array("<![CDATA[".utf8)
    static let close = Array("]]>".utf8)
    static let markerStart: [UInt8] = [0xEF, 0xB7, 0x90]
    static let markerEnd: [UInt8] = [0xEF, 0xB7, 0x91]
    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let instructionClose = Array("?>".utf8)
    /// Shorter sections are left to libxml2: cutting them out would save less than it costs.
    static let minimumLength = 32

    private init(source: [UInt8], ranges: [Range<Int>]) {
        self.source = source
        self.ranges = ranges
    }

    /// The document with its CDATA sections cut out, or nil when none is worth cutting or the text already holds
    /// the marker character (never in real feeds; the document is then parsed as it is).
    ///
    /// Markup is followed just far enough to know where a section can start: comments, processing instructions and
    /// declarations are skipped to their ends, tags to their `>` outside quoted attribute values. An unterminated
    /// section, comment or tag ends the cutting; the rest is copied as it is, for libxml2 to recover.
    static func extract(_ bytes: [UInt8]) -> (document: [UInt8], sections: CDATASections)? {
        bytes.withUnsafeBufferPointer { buffer -> (document: [UInt8], sections: CDATASections)? in
            // Anchored on the marker's second byte: its first (EF) leads every full-width comma and colon.
            guard let base = buffer.baseAddress, ByteSearch.find(markerStart, in: buffer, from: 0, anchor: 1) == nil
            else {
                return nil
            }
            let count = buffer.count
            var output: [UInt8] = []
            var ranges: [Range<Int>] = []
            var copied = 0
            var index = 0
            scanning: while index < count {
                guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else { break }
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if ByteSearch.matches(open, in: buffer, at: start) {
                    let contentStart = start + open.count
                    guard let end = ByteSearch.find(close, in: buffer, from: contentStart) else { break scanning }
                    index = end + close.count
                    guard end - contentStart >= minimumLength else { continue }
                    if output.isEmpty { output.reserveCapacity(count / 4) }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<contentStart]))
                    appendMarker(ranges.count, to: &output)
                    output.append(contentsOf: repeatElement(0x0A, count: lineFeeds(buffer, contentStart..<end)))
                    ranges.append(contentStart..<end)
                    copied = end
                    continue
                }
                let terminator: [UInt8]
                if ByteSearch.matches(commentOpen, in: buffer, at: start) {
                    terminator = commentClose
                } else if start + 1 < count, buffer[start + 1] == UInt8(ascii: "?") {
                    terminator = instructionClose
                } else {
                    guard let end = tagEnd(buffer, from: start + 1) else { break scanning }
                    index = end + 1
                    continue
                }
                guard let end = ByteSearch.find(terminator, in: buffer, from: start + 2) else { break scanning }
                index = end + terminator.count
            }
            guard !ranges.isEmpty else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...]))
            return (output, CDATASections(source: bytes, ranges: ranges))
        }
    }

    /// Calls `body` with the bytes of the section a node's content marks, or returns nil when the content is not a
    /// marker of this document.
    func withSection<Result>(
        markedBy content: UnsafePointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result? {
        guard let number = Self.markedNumber(content), number < ranges.count else { return nil }
        let range = ranges[number]
        return source.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Whether every section is valid UTF-8 (libxml2, which checks the rest of the document, never sees them).
    var isValidUTF8: Bool {
        source.withUnsafeBufferPointer { buffer in
            ranges.allSatisfy { UTF8Validation.isValid(UnsafeBufferPointer(rebasing: buffer[$0])) }
        }
    }

    /// The number in a marker: U+FDD0, decimal digits, U+FDD1, then nothing but line feeds.
    private static func markedNumber(_ content: UnsafePointer<UInt8>) -> Int? {
        guard content[0] == 0xEF, content[1] == 0xB7, content[2] == 0x90 else { return nil }
        var index = 3
        var number = 0
        while content[index] >= 0x30, content[index] <= 0x39, index < 24 {
            number = number * 10 + Int(content[index] - 0x30)
            index += 1
        }
        guard index > 3, content[index] == 0xEF, content[index + 1] == 0xB7, content[index + 2] == 0x91 else {
            return nil
        }
        index += 3
        while content[index] == 0x0A { index += 1 }
        return content[index] == 0 ? number : nil
    }

    private static func lineFeeds(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var lines = 0
        var index = range.lowerBound
        while index < range.upperBound,
            let found = memchr(base + index, 0x0A, range.upperBound - index)
        {
            lines += 1
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return lines
    }

    /// Appends U+FDD0, the number in decimal, U+FDD1.
    private static func appendMarker(_ number: Int, to output: inout [UInt8]) {
        output.append(contentsOf: markerStart)
        var divisor = 1
        while divisor <= number / 10 { divisor *= 10 }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
        output.append(contentsOf: markerEnd)
    }

    /// The `>` ending a tag or declaration whose name starts at `start`, outside quoted values.
    private static func tagEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var quote: UInt8 = 0
        var index = start
        while index < buffer.count {
            let byte = buffer[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }
}
