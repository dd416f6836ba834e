#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finding byte strings (`<![CDATA[`, `]]>`, `-->`) in UTF-8 text: `memchr` to each candidate first byte, then a
/// comparison.
enum ByteSearch {
    /// Whether `word` stands at `index`.
    static func matches(_ word: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 0, index + word.count <= buffer.count else { return false }
        for offset in word.indices where buffer[index &+ offset] != word[offset] { return false }
        return true
    }

    /// The first occurrence of `needle` that starts at or after `start` and before `end` (it may run past `end`).
    ///
    /// - Parameter anchor: the position in `needle` of the byte `memchr` looks for; a byte rare in the text makes fewer
    ///   candidates (the `[` of `<![CDATA[`, not its `<`, which starts every tag).
    static func find(
        _ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int, startingBefore end: Int? = nil,
        anchor: Int = 0
    ) -> Int? {
        guard let base = buffer.baseAddress, anchor < needle.count, start >= 0 else { return nil }
        let limit = min(end ?? buffer.count, buffer.count - needle.count + 1)
        let byte = Int32(needle[anchor])
        var index = start
        while index < limit {
            guard let found = memchr(base + index + anchor, byte, limit - index) else { return nil }
            let candidate = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - anchor
            if matches(needle, in: buffer, at: candidate) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
