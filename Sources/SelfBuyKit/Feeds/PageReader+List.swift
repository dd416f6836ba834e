import Foundation

extension PageReader {
    /// Rows with a link and a date that make a page a notice list, when nothing on it reads as an article.
    static let listMinimumRows = 5

    /// A notice list read as a page: one item per row, with the row's own title, link and date, as a `kind = "html"`
    /// feed reads it (its title is its text); nil when the page is not a list (fewer than five dated link rows, or a
    /// sentence of prose outside them).
    static func listItems(
        of document: MarkupDocument, furniture: MainContent.PageFurniture, dates: DateParser
    ) throws -> [FeedItem]? {
        guard let root = document.root,
            let found = ListRows.largest(
                in: document, furniture: furniture, isDated: { TextDates.first(in: $0, dates: dates) != nil }),
            found.datedRows >= listMinimumRows, !found.hasProse
        else { return nil }
        let list = FeedDefinition.HTMLList(
            item: found.rowsXPath, title: found.rowsAreLinks ? "." : nil, link: found.rowsAreLinks ? "@href" : nil,
            date: ".", follow: false, content: nil)
        let entries = try HTMLListReader.entries(
            in: root, base: try baseURL(root, document: document), list: list, dates: dates)
        guard entries.count >= listMinimumRows else { return nil }
        return entries.map { FeedItem(title: $0.title, link: $0.link, published: $0.date, text: $0.title ?? "") }
    }
}
