/// A code point for code point mapping applied before reading, so that Traditional text (基金公司自購, 擬運用固有資金)
/// is read with the Simplified vocabulary while every offset still points into the original text.
///
/// The detector stays pure: the table is handed in. `SelfBuyKit` builds the Traditional→Simplified table from OpenCC's
/// character dictionary; ``identity`` changes nothing.
public struct ScriptFolding: Sendable {
    /// Replacement scalar values for `base..<base + table.count`; 0 keeps the scalar.
    private let table: [UInt32]
    private let base: UInt32
    /// One bit per scalar of the Basic Multilingual Plane, set where `table` replaces it: 8 KB that stay in the
    /// first-level cache, where the 200 KB table does not.
    private let replaced: [UInt64]

    /// The CJK ranges a table covers: Extension A, the Unified Ideographs and the compatibility ideographs.
    public static let coveredRange: ClosedRange<UInt32> = 0x3400...0xFAFF

    public static let identity = ScriptFolding(mapping: [:])

    /// - Parameter mapping: one scalar to one scalar; entries outside ``coveredRange`` are ignored.
    public init(mapping: [Unicode.Scalar: Unicode.Scalar]) {
        base = Self.coveredRange.lowerBound
        var table = [UInt32](repeating: 0, count: mapping.isEmpty ? 0 : Int(Self.coveredRange.count))
        for (from, to) in mapping where Self.coveredRange.contains(from.value) && from != to {
            table[Int(from.value - base)] = to.value
        }
        self.table = table
        var replaced = [UInt64](repeating: 0, count: 0x10000 / 64)
        for (offset, value) in table.enumerated() where value != 0 {
            let scalar = Int(base) + offset
            replaced[scalar >> 6] |= 1 << UInt64(scalar & 63)
        }
        self.replaced = replaced
    }

    /// The number of scalars this folding changes.
    public var count: Int { table.lazy.filter { $0 != 0 }.count }

    /// The text with each covered scalar replaced; same length, same offsets.
    public func fold(_ text: Scalars) -> Scalars {
        guard !table.isEmpty else { return text }
        var found: UInt64 = 0
        for scalar in text { found |= changeBit(scalar) }
        return found & 1 != 0 ? folded(text) : text
    }

    /// A text's scalars as written and folded, decoded from UTF-8 in one pass that also tells whether folding changes
    /// any: a Simplified text (most of what is read) is not walked again, and its two arrays share one storage.
    func scalars(of text: String) -> (original: Scalars, folded: Scalars) {
        guard !table.isEmpty else {
            let scalars = text.scalars
            return (scalars, scalars)
        }
        var found: UInt64 = 0
        let original = text.decodedScalars { found |= changeBit($0) }
        return (original, found & 1 != 0 ? folded(original) : original)
    }

    /// 1 in the lowest bit when folding changes `scalar` (other bits are noise): a test without a branch, so that a
    /// whole text is checked by OR-ing these.
    @inline(__always)
    private func changeBit(_ scalar: Unicode.Scalar) -> UInt64 {
        // Above the Basic Multilingual Plane nothing is folded, and U+FFFF (a noncharacter) is not either.
        let value = min(scalar.value, 0xFFFF)
        return replaced[Int(value >> 6)] >> UInt64(value & 63)
    }

    /// `text` with every scalar folding changes replaced.
    private func folded(_ text: Scalars) -> Scalars {
        var result = text
        for index in result.indices {
            if let scalar = replacement(of: result[index]) { result[index] = scalar }
        }
        return result
    }

    /// The scalar `scalar` folds to, nil when folding keeps it.
    @inline(__always)
    private func replacement(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = min(scalar.value, 0xFFFF)
        guard replaced[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 else { return nil }
        return Unicode.Scalar(table[Int(value - base)])
    }

}
