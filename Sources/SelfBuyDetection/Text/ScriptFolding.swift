/// A code point for code point mapping applied before reading, so that Traditional text (基金公司自購, 擬運用固有資金)
/// is read with the Simplified vocabulary while every offset still points into the original text.
///
/// The detector stays pure: the table is handed in. `SelfBuyKit` builds the Traditional→Simplified table from OpenCC's
/// character dictionary; ``identity`` changes nothing.
public struct ScriptFolding: Sendable {
    /// Replacement scalar values for `base..<base + table.count`; 0 keeps the scalar.
    private let table: [UInt32]
    private let base: UInt32

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
    }

    /// The number of scalars this folding changes.
    public var count: Int { table.lazy.filter { $0 != 0 }.count }

    /// The text with each covered scalar replaced; same length, same offsets.
    public func fold(_ text: Scalars) -> Scalars {
        guard !table.isEmpty else { return text }
        var result = text
        let upper = UInt32(table.count)
        for index in result.indices {
            let offset = result[index].value &- base
            if offset < upper {
                let replacement = table[Int(offset)]
                if replacement != 0, let scalar = Unicode.Scalar(replacement) { result[index] = scalar }
            }
        }
        return result
    }

}
