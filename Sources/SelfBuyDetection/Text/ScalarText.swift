/// Text as an array of Unicode scalars, so that indices are the code-point offsets the output promises and keyword
/// searches cost no index arithmetic on `String`.
public typealias Scalars = [Unicode.Scalar]

extension String {
    var scalars: Scalars { Array(unicodeScalars) }
}

extension Array where Element == Unicode.Scalar {
    var string: String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: self)
        return String(result)
    }

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

/// A keyword list compiled once to scalar arrays.
struct Keywords: Sendable {
    let words: [Scalars]

    init(_ words: [String]) {
        self.words = words.map(\.scalars).sorted { $0.count > $1.count }
    }

    /// The longest keyword ending exactly at `end`.
    func suffix(of text: Scalars, endingAt end: Int) -> Scalars? {
        words.first { text.hasSuffix($0, endingAt: end) }
    }

    /// The longest keyword starting exactly at `start`.
    func prefix(of text: Scalars, at start: Int) -> Scalars? {
        words.first { text.hasPrefix($0, at: start) }
    }

    /// The first occurrence of any keyword in `range`: its start and the keyword.
    func first(in text: Scalars, range: Range<Int>) -> (Int, Scalars)? {
        var best: (Int, Scalars)?
        for word in words {
            guard let found = text.find(word, in: range) else { continue }
            if best == nil || found < best!.0 { best = (found, word) }
        }
        return best
    }

    /// The last occurrence of any keyword that ends at or before `end` within `range`.
    func last(in text: Scalars, range: Range<Int>) -> (Int, Scalars)? {
        var best: (Int, Scalars)?
        for word in words {
            for found in text.findAll(word, in: range) where best == nil || found > best!.0 {
                best = (found, word)
            }
        }
        return best
    }

    func any(in text: Scalars, range: Range<Int>) -> Bool {
        words.contains { text.contains($0, in: range) }
    }
}
