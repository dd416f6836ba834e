import Foundation

/// A feed's `match` pattern run against a title with bounded cost.
///
/// ICU's regular expressions backtrack: `(a+)+$` against 60 `a`s would run for hours. Titles are cut at
/// ``titleLimit`` characters and each match gets ``budget`` of wall-clock time, checked through the progress
/// callbacks ICU makes while it works; a match that runs out of time counts as no match.
public enum TitleMatch {
    /// Characters of a title the pattern sees.
    public static let titleLimit = 500
    /// Time one title's match may take.
    public static let budget: TimeInterval = 0.1

    /// Whether `pattern` matches somewhere in `title`; nil when it is invalid or ran out of time.
    public static func matches(_ pattern: String, _ title: String, budget: TimeInterval = budget) -> Bool? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let text = String(title.prefix(titleLimit))
        let deadline = Date().addingTimeInterval(budget)
        var found = false
        var expired = false
        regex.enumerateMatches(
            in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)
        ) { result, _, stop in
            if result != nil {
                found = true
                stop.pointee = true
            } else if Date() > deadline {
                expired = true
                stop.pointee = true
            }
        }
        return found ? true : expired ? nil : false
    }
}
