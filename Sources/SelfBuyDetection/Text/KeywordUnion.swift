/// Several keyword lists searched in one pass over a range: which of them occur there, as ``Keywords/any(in:range:)``
/// of each would tell. A sentence is tested for own money, spending, buying and own funds at once instead of in four
/// passes.
struct KeywordUnion: Sendable {
    /// The lists that occur in a range, one bit per list in the order given.
    struct Found {
        fileprivate var bits: UInt64 = 0

        func contains(_ list: Int) -> Bool { bits & (1 << UInt64(list)) != 0 }
    }

    let lists: [Keywords]
    /// The scalars that start a word of any list.
    private let firstBits: ScalarBits

    init(_ lists: [Keywords]) {
        precondition(lists.count <= 64, "one bit per list")
        self.lists = lists
        var bits = ScalarBits()
        for list in lists {
            for first in list.firstScalars { bits.insert(first) }
        }
        firstBits = bits
    }

    /// The lists with a word in `range`; the pass stops once every list is found.
    func found(in text: Scalars, range: Range<Int>) -> Found {
        var found = Found()
        let all: UInt64 = lists.count == 64 ? ~0 : (1 << UInt64(lists.count)) - 1
        var index = range.lowerBound
        while index < range.upperBound, found.bits != all {
            if firstBits.contains(text[index]) {
                for (position, list) in lists.enumerated()
                where !found.contains(position) && list.starts(at: index, in: text, limit: range.upperBound) {
                    found.bits |= 1 << UInt64(position)
                }
            }
            index += 1
        }
        return found
    }
}
