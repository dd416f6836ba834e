/// Text as an array of Unicode scalars, so that indices are the code-point offsets the output promises and keyword
/// searches cost no index arithmetic on `String`.
public typealias Scalars = [Unicode.Scalar]

extension String {
    var scalars: Scalars { decodedScalars { _ in } }

    /// The string's scalars, with `observe` called on each as it is decoded: a check of every scalar (whether folding
    /// changes one) made in the same pass.
    @inline(__always)
    func decodedScalars(observing observe: (Unicode.Scalar) -> Void) -> Scalars {
        // One pass over the UTF-8 bytes, decoded here: a Swift string is valid UTF-8, so no check is needed, and
        // iterating `unicodeScalars` costs an index computation per scalar.
        var string = self
        return string.withUTF8 { bytes in
            // Every byte but a continuation byte (10xxxxxx) starts a scalar: the exact count, so that a CJK text does
            // not allocate four bytes for each of its UTF-8 bytes.
            let scalarCount = bytes.count - Self.continuationBytes(bytes)
            return Scalars(unsafeUninitializedCapacity: scalarCount) { buffer, initialized in
                var index = 0
                var count = 0
                let end = bytes.count
                while index < end {
                    let lead = UInt32(bytes[index])
                    let value: UInt32
                    if lead < 0x80 {
                        value = lead
                        index += 1
                    } else if lead < 0xE0 {
                        value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                        index += 2
                    } else if lead < 0xF0 {
                        value =
                            (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                        index += 3
                    } else {
                        value =
                            (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                        index += 4
                    }
                    // Valid UTF-8 decodes to valid scalars; `Unicode.Scalar` is its UInt32 value.
                    let scalar = unsafeBitCast(value, to: Unicode.Scalar.self)
                    buffer[count] = scalar
                    observe(scalar)
                    count += 1
                }
                initialized = count
            }
        }
    }
}

extension String {
    /// The number of continuation bytes (10xxxxxx) in `bytes`, eight at a time: a byte by byte count compiles to a
    /// branch per byte, which mispredicts on mixed text and cost as much as the decoding.
    static func continuationBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        // Eight bytes read at once (unaligned, inside the buffer) and tested with bit arithmetic: a continuation byte
        // has its high bit set and the next one clear. The eight 0-or-1 bytes are added up by one multiplication into
        // the top byte (the build targets baseline x86-64, where `nonzeroBitCount` is a dozen instructions).
        let raw = UnsafeRawBufferPointer(bytes)
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let flags = (word & ~(word &<< 1) & highBits) &>> 7
            count &+= Int(truncatingIfNeeded: (flags &* ones) &>> 56)
            index &+= 8
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 == 0x80 { count &+= 1 }
            index &+= 1
        }
        return count
    }
}

extension Array where Element == Unicode.Scalar {
    var string: String { ArraySlice(self).string }

    /// The first index in `range` where `needle` starts.
    func find(_ needle: Scalars, in range: Range<Int>) -> Int? {
        guard let first = needle.first, range.count >= needle.count else { return nil }
        var index = range.lowerBound
        let last = range.upperBound - needle.count
        while index <= last {
            if self[index] == first {
                var matched = true
                for offset in 1..<needle.count where self[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    func find(_ needle: Scalars) -> Int? { find(needle, in: 0..<count) }

    func contains(_ needle: Scalars, in range: Range<Int>) -> Bool { find(needle, in: range) != nil }

    /// Every start index of `needle` in `range`.
    func findAll(_ needle: Scalars, in range: Range<Int>) -> [Int] {
        var result: [Int] = []
        var start = range.lowerBound
        while let found = find(needle, in: start..<range.upperBound) {
            result.append(found)
            start = found + Swift.max(needle.count, 1)
        }
        return result
    }

    /// Whether `needle` ends exactly at `end`.
    func hasSuffix(_ needle: Scalars, endingAt end: Int) -> Bool {
        guard end - needle.count >= 0, end <= count else { return false }
        for offset in 0..<needle.count where self[end - needle.count + offset] != needle[offset] { return false }
        return true
    }

    /// Whether `needle` starts exactly at `start`.
    func hasPrefix(_ needle: Scalars, at start: Int) -> Bool {
        guard start >= 0, start + needle.count <= count else { return false }
        for offset in 0..<needle.count where self[start + offset] != needle[offset] { return false }
        return true
    }
}

extension ArraySlice where Element == Unicode.Scalar {
    /// The scalars as a string, encoded to UTF-8 directly (appending scalars to a `UnicodeScalarView` one by one goes
    /// through the slow UTF-32 path).
    var string: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 3)
        for scalar in self {
            let value = scalar.value
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else if value < 0x800 {
                bytes.append(UInt8(0xC0 | value >> 6))
                bytes.append(UInt8(0x80 | value & 0x3F))
            } else if value < 0x10000 {
                bytes.append(UInt8(0xE0 | value >> 12))
                bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
                bytes.append(UInt8(0x80 | value & 0x3F))
            } else {
                bytes.append(UInt8(0xF0 | value >> 18))
                bytes.append(UInt8(0x80 | (value >> 12) & 0x3F))
                bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
                bytes.append(UInt8(0x80 | value & 0x3F))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A set of scalars as a bitmap of the Basic Multilingual Plane: membership without hashing. Scalars beyond it share
/// the last bit (U+FFFF), so for them `contains` may answer true and the caller checks further (as keyword and issuer
/// lookups do), never false wrongly.
struct ScalarBits: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    init() {}

    init(_ characters: String) {
        for scalar in characters.unicodeScalars { insert(scalar) }
    }

    mutating func insert(_ scalar: Unicode.Scalar) {
        let value = min(scalar.value, 0xFFFF)
        bits[Int(value >> 6)] |= 1 << UInt64(value & 63)
    }

    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = min(scalar.value, 0xFFFF)
        return bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
    }
}

/// A keyword list compiled once to scalar arrays, indexed by first scalar so that a search is one pass over the text.
struct Keywords: Sendable {
    let words: [Scalars]
    /// Distinct first scalars and, at the same position, the words starting with each (longest first). Comparing a
    /// dozen scalars beats hashing every scalar of the text.
    private let firsts: [Unicode.Scalar]
    private let groups: [[Scalars]]
    /// The scalars that start a word: most scalars of a text are rejected by one bit test instead of a walk over
    /// `firsts`.
    private let firstBits: ScalarBits

    init(_ words: [String]) {
        self.words = words.map(\.scalars).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var firsts: [Unicode.Scalar] = []
        var groups: [[Scalars]] = []
        for word in self.words {
            if let position = firsts.firstIndex(of: word[0]) {
                groups[position].append(word)
            } else {
                firsts.append(word[0])
                groups.append([word])
            }
        }
        self.firsts = firsts
        self.groups = groups
        var bits = ScalarBits()
        for first in firsts { bits.insert(first) }
        firstBits = bits
    }

    @inline(__always)
    private func candidates(_ scalar: Unicode.Scalar) -> [Scalars]? {
        guard firstBits.contains(scalar) else { return nil }
        for (position, first) in firsts.enumerated() where first == scalar { return groups[position] }
        return nil
    }

    /// The scalars a word starts with.
    var firstScalars: [Unicode.Scalar] { firsts }

    /// Whether a keyword starts at `index` and ends by `limit`: what ``first(in:range:)`` tests at each place.
    @inline(__always)
    func starts(at index: Int, in text: Scalars, limit: Int) -> Bool {
        guard let candidates = candidates(text[index]) else { return false }
        return candidates.contains { index + $0.count <= limit && text.hasPrefix($0, at: index) }
    }

    /// The longest keyword ending exactly at `end`.
    func suffix(of text: Scalars, endingAt end: Int) -> Scalars? {
        words.first { text.hasSuffix($0, endingAt: end) }
    }

    /// The longest keyword starting exactly at `start`.
    func prefix(of text: Scalars, at start: Int) -> Scalars? {
        guard start < text.count, let candidates = candidates(text[start]) else { return nil }
        return candidates.first { text.hasPrefix($0, at: start) }
    }

    /// The first occurrence of any keyword in `range` (the longest at that place): its start and the keyword.
    func first(in text: Scalars, range: Range<Int>) -> (Int, Scalars)? {
        var index = range.lowerBound
        while index < range.upperBound {
            if let candidates = candidates(text[index]),
                let word = candidates.first(where: {
                    index + $0.count <= range.upperBound && text.hasPrefix($0, at: index)
                })
            {
                return (index, word)
            }
            index += 1
        }
        return nil
    }

    /// The last occurrence of any keyword within `range`.
    func last(in text: Scalars, range: Range<Int>) -> (Int, Scalars)? {
        var index = range.upperBound - 1
        while index >= range.lowerBound {
            if let candidates = candidates(text[index]),
                let word = candidates.first(where: {
                    index + $0.count <= range.upperBound && text.hasPrefix($0, at: index)
                })
            {
                return (index, word)
            }
            index -= 1
        }
        return nil
    }

    func any(in text: Scalars, range: Range<Int>) -> Bool { first(in: text, range: range) != nil }
}
