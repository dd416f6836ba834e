/// What a document says about itself that a sentence may lean on: the issuer its title and signature name, and a
/// date written in it. 本公司 in a company's own notice is the company of its title or signature block. The
/// signature and the date are read only when a sentence needs them.
final class DocumentContext {
    /// The issuer a separate title names (its offsets are 0, since the title is not part of the text); read only
    /// when a sentence needs it.
    lazy var titleIssuer: Subject? = {
        guard let title else { return nil }
        let scanner = SubjectScanner(text: title, directory: directory)
        guard let element = scanner.elements(in: 0..<title.count).first(where: { $0.kind == .company }) else {
            return nil
        }
        let written = (originalTitle ?? title)[element.start..<element.end].string
        return element.issuer.map { Subject(issuer: $0, mention: written, start: 0, end: 0) }
            ?? Subject(unknownName: written, start: 0, end: 0)
    }()
    private let text: Scalars
    private let original: Scalars
    private let title: Scalars?
    private let originalTitle: Scalars?
    private let directory: IssuerDirectory

    /// The issuer of the signature block: the last company named in the last lines.
    lazy var signatureIssuer: Subject? = {
        let tail = max(0, text.count - 300)..<text.count
        let scanner = SubjectScanner(text: text, directory: directory)
        guard let element = scanner.elements(in: tail).last(where: { $0.kind == .company && !$0.isFundName }) else {
            return nil
        }
        let written = original[element.start..<element.end].string
        return element.issuer.map { Subject(issuer: $0, mention: written, start: element.start, end: element.end) }
    }()

    /// The first full date (2025年8月26日, 2025-08-26) in the text.
    lazy var textDate: String? = Self.firstDate(in: text, range: 0..<text.count)

    /// - Parameters: `text` and `title` folded; `original` and `originalTitle` as written, for the names reported.
    init(text: Scalars, original: Scalars, title: Scalars?, originalTitle: Scalars?, directory: IssuerDirectory) {
        self.text = text
        self.original = original
        self.title = title
        self.originalTitle = originalTitle
        self.directory = directory
    }

    /// A full date with year, month and day in `range`, as `YYYY-MM-DD`.
    static func firstDate(in text: Scalars, range: Range<Int>) -> String? {
        var index = range.lowerBound
        while index + 8 <= range.upperBound {
            guard let year = digits(text, at: index, count: 4), (1990...2100).contains(year) else {
                index += 1
                continue
            }
            var cursor = index + 4
            guard cursor < range.upperBound, ScalarSets.yearSeparators.contains(text[cursor]) else {
                index += 1
                continue
            }
            cursor += 1
            guard let (month, afterMonth) = number(text, at: cursor, limit: range.upperBound), (1...12).contains(month),
                afterMonth < range.upperBound, ScalarSets.monthSeparators.contains(text[afterMonth]),
                let (day, _) = number(text, at: afterMonth + 1, limit: range.upperBound), (1...31).contains(day)
            else {
                index += 1
                continue
            }
            let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
            return "\(year)-\(pad(month))-\(pad(day))"
        }
        return nil
    }

    private static func digits(_ text: Scalars, at index: Int, count: Int) -> Int? {
        guard index + count <= text.count else { return nil }
        if index > 0, AmountRule.asciiDigit(text[index - 1]) != nil { return nil }
        var value = 0
        for offset in 0..<count {
            guard let digit = AmountRule.asciiDigit(text[index + offset]) else { return nil }
            value = value * 10 + digit
        }
        if index + count < text.count, AmountRule.asciiDigit(text[index + count]) != nil { return nil }
        return value
    }

    private static func number(_ text: Scalars, at index: Int, limit: Int) -> (Int, Int)? {
        var cursor = index
        var value = 0
        while cursor < limit, cursor - index < 2, let digit = AmountRule.asciiDigit(text[cursor]) {
            value = value * 10 + digit
            cursor += 1
        }
        return cursor > index ? (value, cursor) : nil
    }
}
