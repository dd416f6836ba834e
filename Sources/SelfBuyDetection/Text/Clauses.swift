/// Clauses of a sentence: the parts between ，,：:；;。 (and a line break), where a subject, an amount and its words
/// belong together.
enum Clauses {
    /// A scalar that ends a clause (a switch: hashing every scalar is the expensive way).
    @inline(__always)
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "，", ",", "：", ":", "；", ";", "。", "\n": return true
        default: return false
        }
    }

    /// Where the clause holding `position` starts, not before `lower`.
    static func start(_ text: Scalars, before position: Int, lower: Int) -> Int {
        var start = position
        while start > lower, !isBreak(text[start - 1]) { start -= 1 }
        return start
    }

    /// Where the clause going on at `start` ends (its break, or `limit`).
    static func end(_ text: Scalars, after start: Int, limit: Int) -> Int {
        var end = start
        while end < limit, !isBreak(text[end]) { end += 1 }
        return end
    }
}
