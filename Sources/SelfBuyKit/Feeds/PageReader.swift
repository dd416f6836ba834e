import Foundation

/// Reads an HTML page that is not a feed: an article as one item (its title, the date it states, and its main text),
/// a notice list as one item per row.
enum PageReader {
    /// Reads the page: the rows of a notice list, or the one article.
    ///
    /// - Parameter contentXPath: the article body's XPath from a feed definition (the page is then an article); the
    ///   density heuristic otherwise.
    static func items(of document: MarkupDocument, dates: DateParser, contentXPath: String? = nil) throws -> [FeedItem]
    {
        guard contentXPath == nil else { return [try item(of: document, dates: dates, contentXPath: contentXPath)] }
        let furniture = MainContent.PageFurniture(document)
        if let rows = try listItems(of: document, furniture: furniture, dates: dates) { return rows }
        return [try item(of: document, dates: dates, furniture: furniture)]
    }

    /// Reads the page as one article.
    ///
    /// - Parameter contentXPath: the article body's XPath from a feed definition; the density heuristic otherwise.
    static func item(
        of document: MarkupDocument, dates: DateParser, contentXPath: String? = nil,
        furniture: MainContent.PageFurniture? = nil
    ) throws -> FeedItem {
        guard let root = document.root else { return FeedItem(title: nil, link: nil, published: nil, text: "") }
        let base = try baseURL(root, document: document)
        var body: MarkupNode?
        if let contentXPath {
            body = try root.select(contentXPath).first
        }
        if body == nil { body = MainContent.best(in: document, furniture: furniture) }
        let text: String
        if let body {
            text = MainContent.text(of: body)
        } else {
            // No block reads as an article: the whole page, uncleaned, rather than losing text.
            text = PlainText.render(try root.select("//body").first ?? root)
        }
        let (title, heading) = try title(root, body: body)
        return FeedItem(
            title: title, link: ownAddress(of: document, base: base)?.absoluteString,
            published: try date(root, heading: heading, body: text, dates: dates), text: text)
    }

    /// The article's own address, its identity in the timeline: the URL it was fetched from; for a saved copy read
    /// from a file, the `<base href>` that records where it came from. (A fetched page's `<base>` is often its site's
    /// root or section, shared by every article there.)
    static func ownAddress(of document: MarkupDocument, base: URL?) -> URL? {
        if let url = document.url, url.scheme == "http" || url.scheme == "https" { return url }
        return base ?? document.url
    }

    /// The URL relative links on the page resolve against: `<base href>` if present, else the document URL.
    static func baseURL(_ root: MarkupNode, document: MarkupDocument) throws -> URL? {
        if let href = try root.string("//base/@href"),
            let resolved = LinkResolver.resolve(href, against: document.url)
        {
            return URL(string: resolved)
        }
        return document.url
    }
}

/// Dates written inside running text: `2025-08-26 11:05:40`, `2025年8月26日`, `发布时间：2025/08/26`.
enum TextDates {
    static let pattern = try! NSRegularExpression(
        pattern:
            "(19|20)\\d{2}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?(\\s*\\d{1,2}\\s*[:：时]\\s*\\d{2}(\\s*[:：分]\\s*\\d{2})?)?"
    )

    static func first(in text: String, dates: DateParser) -> PublishedDate? {
        let range = NSRange(text.startIndex..., in: text)
        for match in pattern.matches(in: text, range: range) {
            guard let matched = Range(match.range, in: text) else { continue }
            let candidate = text[matched].replacingOccurrences(of: " ", with: " ")
            if let parsed = dates.parse(String(candidate)) { return parsed }
        }
        return nil
    }
}
