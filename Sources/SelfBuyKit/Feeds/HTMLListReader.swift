import Foundation

/// An entry of an HTML list page: a notice's title, link and the date the list shows.
public struct ListEntry: Sendable, Hashable {
    public var title: String?
    public var link: String
    public var date: PublishedDate?
}

/// Why a list page yielded nothing usable.
public enum HTMLListError: Error, Equatable, Sendable, CustomStringConvertible {
    case selectorMatchedNothing(xpath: String, previously: Int)

    public var description: String {
        switch self {
        case .selectorMatchedNothing(let xpath, let previously) where previously > 0:
            return "selector returned 0 items (was \(previously)): probable page redesign, check item XPath \(xpath)"
        case .selectorMatchedNothing(let xpath, _):
            return "selector returned 0 items: check item XPath \(xpath) against the page"
        }
    }
}

/// Reads a fund company's or regulator's announcement list with the XPaths of a feed definition; links resolve
/// against `<base href>` or the page URL.
public enum HTMLListReader {
    public static func entries(
        _ document: FetchedDocument, list: FeedDefinition.HTMLList, reader: SourceReader
    ) throws -> [ListEntry] {
        let decoded = TextDecoder.decode(
            document.bytes, override: reader.encodingOverride, contentType: document.contentType)
        let page = try MarkupDocument(utf8: decoded.utf8, kind: .html, url: document.url, sizeLimit: reader.sizeLimit)
        guard let root = page.root else { return [] }
        return try entries(
            in: root, base: try PageReader.baseURL(root, document: page), list: list, dates: reader.dates)
    }

    /// The entries of a parsed list page: one per node `list.item` selects that has a link, links resolved against
    /// `base` and each seen once.
    static func entries(
        in root: MarkupNode, base: URL?, list: FeedDefinition.HTMLList, dates: DateParser
    ) throws -> [ListEntry] {
        var entries: [ListEntry] = []
        var seen: Set<String> = []
        for node in try root.select(list.item) {
            let linkText = try list.link.map { try node.string($0) } ?? (try node.string(".//a/@href"))
            guard let linkText, let link = LinkResolver.resolve(linkText, against: base), seen.insert(link).inserted
            else { continue }
            let title = try list.title.map { try node.string($0) } ?? (try node.string(".//a"))
            let dateText = try list.date.map { try node.string($0) } ?? nil
            let date = dateText.flatMap { dates.parse($0) ?? TextDates.first(in: $0, dates: dates) }
            entries.append(
                ListEntry(
                    title: title.map { PlainText.normalize($0).replacingOccurrences(of: "\n", with: " ") }, link: link,
                    date: date))
        }
        return entries
    }
}
