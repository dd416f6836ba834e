/// A ``DateParser`` that remembers the last date string it read: a feed's items often carry the same one (a day's
/// notices dated to the day, a batch published at once), and comparing two strings costs far less than parsing one.
struct DateMemo {
    let parser: DateParser
    private var last: (text: String, date: PublishedDate?)?

    init(_ parser: DateParser) {
        self.parser = parser
    }

    /// What ``DateParser/parse(_:)`` says of `text`.
    mutating func parse(_ text: String) -> PublishedDate? {
        if let last, last.text == text { return last.date }
        let date = parser.parse(text)
        last = (text, date)
        return date
    }
}
