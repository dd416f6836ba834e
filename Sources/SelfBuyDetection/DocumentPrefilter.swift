/// Tells, from the UTF-8 bytes of a document alone, that the detector cannot find anything in it: one pass that
/// decodes scalars and tests bits, instead of building the scalar array, folding it and splitting sentences.
///
/// It is derived from the detector itself, so that it can never skip a text the detector would read:
/// ``PledgeDetector/review(_:documentDate:title:)`` returns nothing (no pledge, no near miss) unless the folded text
/// holds a word of the detector's own prefilter list (固有资金, 自有资金, 自购, 出资, 斥资, 申购, 认购, 投资…); every such
/// word has two scalars at least, so its first two stand next to each other in the folded text, and in the original
/// text stand two scalars that fold to them. This filter looks for exactly those pairs, with every scalar the
/// detector's folding maps onto a word's scalar (認購 as well as 认购). A text with none is skipped; a text with one is
/// read in full, as before.
public struct DocumentPrefilter: Sendable {
    /// Scalars (up to U+FFFF) that may start a pair; a first scalar above is recorded in `wideFirsts`.
    private var firstBits = [UInt64](repeating: 0, count: 1024)
    private var wideFirsts: Set<UInt32> = []
    /// `first << 32 | second` of every pair.
    private var pairs: Set<UInt64> = []
    /// Words of one scalar (none today): any of their scalars makes a text worth reading.
    private var singles: Set<UInt32> = []

    /// The filter for a detector's folding.
    public init(folding: ScriptFolding) {
        let preimages = Self.preimages(folding)
        func sources(_ scalar: Unicode.Scalar) -> [UInt32] { preimages[scalar.value] ?? [scalar.value] }
        for word in ActRule.prefilter.words {
            guard let first = word.first else { continue }
            guard word.count >= 2 else {
                singles.formUnion(sources(first))
                continue
            }
            for a in sources(first) {
                if a <= 0xFFFF {
                    firstBits[Int(a >> 6)] |= 1 << UInt64(a & 63)
                } else {
                    wideFirsts.insert(a)
                }
                for b in sources(word[1]) { pairs.insert(UInt64(a) << 32 | UInt64(b)) }
            }
        }
    }

    /// For each scalar the folding produces from another: every scalar that reads as it after folding, itself
    /// included when folding keeps it.
    private static func preimages(_ folding: ScriptFolding) -> [UInt32: [UInt32]] {
        let covered = ScriptFolding.coveredRange
        let originals = covered.compactMap(Unicode.Scalar.init)
        let folded = folding.fold(originals)
        var result: [UInt32: [UInt32]] = [:]
        for (original, target) in zip(originals, folded) where original != target {
            result[target.value, default: []].append(original.value)
        }
        for target in Array(result.keys) {
            let keeps =
                !covered.contains(target)
                || Unicode.Scalar(target).map { folding.fold([$0])[0].value == target } ?? false
            if keeps { result[target]?.append(target) }
        }
        return result
    }

    /// False when the detector cannot find a pledge or a near miss in `text`.
    public func mayContainPledge(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mayContainPledge(utf8: $0) }
    }

    /// The same test over UTF-8 bytes (valid UTF-8, as every Swift string is).
    public func mayContainPledge(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let end = bytes.count
        var previous: UInt32 = 0
        var previousIsFirst = false
        while index < end {
            let lead = bytes[index]
            let scalar: UInt32
            if lead < 0x80 {
                scalar = UInt32(lead)
                index += 1
            } else if lead < 0xE0 {
                guard index + 1 < end else { return true }
                scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            } else if lead < 0xF0 {
                guard index + 2 < end else { return true }
                scalar =
                    UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            } else {
                guard index + 3 < end else { return true }
                scalar =
                    UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                    | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                index += 4
            }
            if previousIsFirst, pairs.contains(UInt64(previous) << 32 | UInt64(scalar)) { return true }
            if !singles.isEmpty, singles.contains(scalar) { return true }
            previousIsFirst =
                scalar <= 0xFFFF
                ? firstBits[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0 : wideFirsts.contains(scalar)
            previous = scalar
        }
        return false
    }
}
