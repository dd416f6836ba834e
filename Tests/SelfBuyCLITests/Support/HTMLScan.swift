import Foundation

/// Finds elements and attributes in the report's HTML by pattern (the report is written by selfbuy, one element per
/// pattern; the browser tests check what a real parser makes of it).
enum HTMLScan {
    /// The first capture group of each match.
    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// How many times `pattern` matches.
    static func count(_ pattern: String, in text: String) -> Int {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return 0 }
        return expression.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }
}
