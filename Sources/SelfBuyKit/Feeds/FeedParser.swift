import Foundation

/// Reads RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 documents into items.
///
/// Fields are read by local name so that a feed's namespace habits do not matter; text comes from `content:encoded`,
/// then `description`, `summary` or `content`, rendered from HTML to plain text.
enum FeedParser {
    static let atomNamespace = "http://www.w3.org/2005/Atom"
    /// RSS 0.9x/2.0 elements have no namespace; RSS 1.0 (RDF) ones have their own.
    static let rssNamespaces: [String?] = [nil, "http://purl.org/rss/1.0/"]

    /// The feed kind named by a root element, or nil when the root is not a feed's.
    static func kind(ofRoot root: MarkupNode) -> SourceKind? {
        switch root.name.lowercased() {
        case "rss", "channel": return .rss
        case "rdf": return .rdf
        case "feed": return .atom
        default: return nil
        }
    }

    /// Reads every item of a parsed feed document.
    ///
    /// - Parameters:
    ///   - closedItems: how many item end tags the raw text has; items beyond that count were cut off mid-way by a
    ///     truncated document and are dropped rather than reported half-read.
    static func items(
        of document: MarkupDocument, kind: SourceKind, dates: DateParser, closedItems: Int?
    ) throws -> (title: String?, items: [FeedItem]) {
        guard let root = document.root else { return (nil, []) }
        let base = try baseURL(root, kind: kind, documentURL: document.url)
        let nodes =
            kind == .atom ? root.descendants("entry", in: [atomNamespace]) : root.descendants("item", in: rssNamespaces)
        var items: [FeedItem] = []
        items.reserveCapacity(nodes.count)
        for node in nodes {
            if let closedItems, items.count >= closedItems { break }
            items.append(
                kind == .atom ? atomItem(node, base: base, dates: dates) : rssItem(node, base: base, dates: dates))
        }
        let channelTitle =
            kind == .atom
            ? try root.string("/a:feed/a:title")
            : root.firstDescendant("title", parent: "channel", skipping: "item", in: rssNamespaces).flatMap {
                nonEmpty($0.text)
            }
        return (channelTitle.map(PlainText.normalize), items)
    }

    /// The URL relative item links resolve against: the document's own URL, except for a feed read from a file,
    /// where the site link the feed names is the better base.
    private static func baseURL(_ root: MarkupNode, kind: SourceKind, documentURL: URL?) throws -> URL? {
        if let documentURL, !documentURL.isFileURL { return documentURL }
        let siteLink =
            kind == .atom
            ? try root.string("/a:feed/a:link[not(@rel) or @rel='alternate']/@href")
            : root.firstDescendant("link", parent: "channel", skipping: "item", in: rssNamespaces).flatMap {
                nonEmpty($0.text)
            }
        if let siteLink, let url = URL(string: siteLink), url.scheme?.hasPrefix("http") == true { return url }
        return documentURL
    }

    private static func rssItem(_ node: MarkupNode, base: URL?, dates: DateParser) -> FeedItem {
        var title: String?
        var link: String?
        var guid: String?
        var guidIsLink = false
        var dateText: String?
        var encoded: MarkupNode?
        var description: MarkupNode?
        for child in node.elementChildren {
            let name = child.name
            switch name {
            case "title": title = title ?? clean(child.text)
            case "link":
                link = link ?? nonEmpty(child.text) ?? child.attribute("href")
            case "guid":
                guid = nonEmpty(child.text)
                guidIsLink = child.attribute("isPermaLink")?.lowercased() != "false"
            case "pubDate", "date", "published", "issued", "created", "announcementTime", "pubdate":
                dateText = dateText ?? nonEmpty(child.text)
            case "updated", "modified":
                if dateText == nil { dateText = nonEmpty(child.text) }
            case "encoded": encoded = child.hasText ? child : nil
            case "description", "summary", "content":
                if description == nil, child.hasText { description = child }
            default: break
            }
        }
        if link == nil, guidIsLink, let guid, guid.hasPrefix("http") { link = guid }
        if link == nil, let about = node.attribute("about") { link = about }
        // The body is rendered straight from the tree's bytes: no string of its markup is ever made.
        let text = (encoded ?? description)?.withText(PlainText.fromHTML) ?? ""
        return FeedItem(
            title: title, link: link.flatMap { LinkResolver.resolve($0, against: base) },
            published: dateText.flatMap(dates.parse), text: text, guid: guid)
    }

    private static func atomItem(_ node: MarkupNode, base: URL?, dates: DateParser) -> FeedItem {
        var title: String?
        var link: String?
        var alternate: String?
        var published: String?
        var updated: String?
        var content: String?
        var summary: String?
        var id: String?
        let entryBase = node.attribute("base").flatMap { URL(string: $0, relativeTo: base) } ?? base
        for child in node.elementChildren {
            switch child.name {
            case "title": title = clean(atomText(child))
            case "link":
                let rel = child.attribute("rel") ?? "alternate"
                if rel == "alternate", alternate == nil { alternate = child.attribute("href") }
                if link == nil { link = child.attribute("href") }
            case "published", "issued": published = nonEmpty(child.text)
            case "updated", "modified": updated = nonEmpty(child.text)
            case "content": content = nonEmpty(atomText(child))
            case "summary": summary = nonEmpty(atomText(child))
            case "id": id = nonEmpty(child.text)
            default: break
            }
        }
        let href = alternate ?? link
        return FeedItem(
            title: title, link: href.flatMap { LinkResolver.resolve($0, against: entryBase) },
            published: (published ?? updated).flatMap(dates.parse), text: content ?? summary ?? "", guid: id)
    }

    /// Atom text constructs: `text` as is, `html` rendered from its escaped markup, `xhtml` rendered from the tree.
    private static func atomText(_ node: MarkupNode) -> String {
        switch node.attribute("type")?.lowercased() {
        case "html", "text/html": return node.withText(PlainText.fromHTML)
        case "xhtml", "application/xhtml+xml": return PlainText.render(node)
        default: return node.withText(PlainText.normalize)
        }
    }

    private static func clean(_ text: String) -> String? {
        let folded = PlainText.singleLine(text)
        return folded.isEmpty ? nil : folded
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmedWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Counts `</item>` and `</entry>` end tags, to tell complete items from one a truncation cut off.
    static func closedItemCount(_ utf8: [UInt8], kind: SourceKind) -> Int {
        let tag = Array((kind == .atom ? "</entry>" : "</item>").utf8)
        var count = 0
        utf8.withUnsafeBufferPointer { bytes in
            var index = 0
            while index + tag.count <= bytes.count {
                if bytes[index] == UInt8(ascii: "<"),
                    (1..<tag.count).allSatisfy({ bytes[index + $0] | 0x20 == tag[$0] })
                {
                    count += 1
                    index += tag.count
                } else {
                    index += 1
                }
            }
        }
        return count
    }
}
