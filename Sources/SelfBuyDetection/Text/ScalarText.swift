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

/// A keyword list compiled once to scalar arrays, indexed by first scalar so that a search is one pass over the text.
struct Keywords: Sendable {
    let words: [Scalars]
    /// Distinct first scalars and, at the same position, the words starting with each (longest first). Comparing a
    /// dozen scalars beats hashing every scalar of the text.
    private let firsts: [Unicode.Scalar]
    private let groups: [[Scalars]]

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
    }

    @inline(__always)
    private func candidates(_ scalar: Unicode.Scalar) -> [Scalars]? {
        for (position, first) in firsts.enumerated() where first == scalar { return groups[position] }
        return nil
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
