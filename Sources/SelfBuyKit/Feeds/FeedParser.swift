import Foundation

/// Reads RSS 0.90/0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0/0.3 documents into items.
///
/// Elements are matched by namespace and local name (``FeedNamespace``): `media:title` or `itunes:link` never stand
/// in for an item's title or link. Text comes from `content:encoded`, then `description`, `summary` or `content`,
/// rendered from HTML to plain text; Atom text constructs are read as their `type` (and Atom 0.3's `mode`) says.
enum FeedParser {
    /// Root names of pages written as XML (XHTML with an XML declaration): read as pages, not feeds.
    static let pageRoots: Set<String> = PlainText.blockElements.union(["head", "span", "a", "font", "meta", "title"])

    /// The feed kind a root element names; nil for a page's root. Any other XML root is reported as a feed here, for
    /// ``items(of:kind:dates:closedItems:)`` to refuse by name.
    static func kind(ofRoot root: MarkupNode) -> SourceKind? {
        switch root.name {
        case "rss", "channel": return .rss
        case "RDF", "rdf:RDF": return .rdf
        case "feed": return .atom
        default: return pageRoots.contains(root.name.lowercased()) ? nil : .rss
        }
    }

    /// Reads every item of a parsed feed document.
    ///
    /// - Parameters:
    ///   - closedItems: how many item end tags the raw text has; items beyond that count were cut off mid-way by a
    ///     truncated document and are dropped rather than reported half-read.
    /// - Throws: ``FeedFormatError/unknownFormat(root:namespace:)`` for XML that is none of the formats.
    static func items(
        of document: MarkupDocument, kind: SourceKind, dates: DateParser, closedItems: Int?
    ) throws -> (title: String?, items: [FeedItem]) {
        guard let root = document.root else { return (nil, []) }
        try checkFormat(root)
        let isAtom = root.name == "feed"
        let base = baseURL(root, isAtom: isAtom, documentURL: document.url)
        let nodes =
            isAtom
            ? root.descendants("entry", in: [FeedNamespace.uri(of: root)])
            : root.descendants("item", in: FeedNamespace.rssURIs)
        var items: [FeedItem] = []
        items.reserveCapacity(nodes.count)
        var memo = DateMemo(dates)
        for node in nodes {
            if let closedItems, items.count >= closedItems { break }
            items.append(isAtom ? atomItem(node, base: base, dates: &memo) : rssItem(node, base: base, dates: &memo))
        }
        let channelTitle =
            isAtom
            ? root.elementChildren.first { $0.name == "title" && FeedNamespace($0) == .atom }.map(atomText)
            : root.firstDescendant("title", parent: "channel", skipping: "item", in: FeedNamespace.rssURIs).flatMap {
                nonEmpty($0.text)
            }
        return (channelTitle.map(PlainText.normalize), items)
    }

    /// Refuses a root that is none of `<rss>`, `<channel>`, `<rdf:RDF>` and an Atom (or namespace-less) `<feed>`.
    private static func checkFormat(_ root: MarkupNode) throws {
        let namespace = FeedNamespace.uri(of: root)
        let known: Bool
        switch root.name {
        case "rss", "channel": known = FeedNamespace.rssURIs.contains(namespace)
        case "RDF": known = namespace == FeedNamespace.rdfURI
        case "rdf:RDF": known = namespace == nil
        case "feed": known = FeedNamespace.atomURIs.contains(namespace)
        default: known = false
        }
        if !known { throw FeedFormatError.unknownFormat(root: root.name, namespace: namespace) }
    }

    /// The URL relative item links resolve against: the document's own URL, except for a feed read from a file,
    /// where the site link the feed names is the better base.
    private static func baseURL(_ root: MarkupNode, isAtom: Bool, documentURL: URL?) -> URL? {
        if let documentURL, !documentURL.isFileURL { return documentURL }
        let siteLink =
            isAtom
            ? alternateLink(root)
            : root.firstDescendant("link", parent: "channel", skipping: "item", in: FeedNamespace.rssURIs).flatMap {
                nonEmpty($0.text)
            }
        if let siteLink, let url = URL(string: siteLink), url.scheme?.hasPrefix("http") == true { return url }
        return documentURL
    }

    private static func rssItem(_ node: MarkupNode, base: URL?, dates: inout DateMemo) -> FeedItem {
        var title: String?
        var otherTitle: String?
        var link: String?
        var guid: String?
        var guidIsLink = false
        var dateText: String?
        var updatedText: String?
        var encoded: MarkupNode?
        var description: MarkupNode?
        var otherDescription: MarkupNode?
        for child in node.elementChildren {
            let name = child.name
            switch (FeedNamespace(child), name) {
            case (.rss, "title"): title = title ?? clean(child)
            case (.dublinCore, "title"), (.atom, "title"): otherTitle = otherTitle ?? clean(child)
            case (.rss, "link"): link = link ?? nonEmpty(child.text) ?? child.attribute("href")
            case (.atom, "link"):
                if link == nil, (child.attribute("rel") ?? "alternate") == "alternate" {
                    link = child.attribute("href")
                }
            case (.rss, "guid"):
                guid = nonEmpty(child.text)
                guidIsLink = child.attribute("isPermaLink")?.lowercased() != "false"
            case (.rss, "pubDate"), (.rss, "pubdate"), (.rss, "published"), (.rss, "issued"), (.rss, "created"),
                (.rss, "announcementTime"), (.rss, "date"), (.dublinCore, "date"), (.dublinCoreTerms, "issued"),
                (.dublinCoreTerms, "created"), (.atom, "published"), (.atom, "issued"):
                dateText = dateText ?? nonEmpty(child.text)
            case (.rss, "updated"), (.rss, "modified"), (.dublinCoreTerms, "modified"), (.atom, "updated"),
                (.atom, "modified"):
                updatedText = updatedText ?? nonEmpty(child.text)
            case (.content, "encoded"), (.rss, "fullitem"), (.rss, "body"):
                if encoded == nil, child.hasText { encoded = child }
            case (.rss, "description"), (.rss, "summary"), (.rss, "content"):
                if description == nil, child.hasText { description = child }
            case (.xhtml, "body"): if encoded == nil { encoded = child }
            case (.dublinCore, "description"), (.atom, "summary"), (.atom, "content"):
                if otherDescription == nil { otherDescription = child }
            default: break
            }
        }
        if link == nil, guidIsLink, let guid, guid.hasPrefix("http") { link = guid }
        if link == nil, let about = node.attribute("about") { link = about }
        // The body is rendered straight from the tree's bytes: no string of its markup is ever made.
        let text: String
        if let body = encoded ?? description {
            // Markup written unescaped (`<body>safe<script>…</script></body>`) is a tree: rendered as one.
            text =
                FeedNamespace(body) == .xhtml || body.hasElementChildren
                ? PlainText.render(body) : body.withText(PlainText.fromHTML)
        } else if let other = otherDescription {
            text = FeedNamespace(other) == .atom ? atomText(other) : other.withText(PlainText.fromHTML)
        } else {
            text = ""
        }
        return FeedItem(
            title: title ?? otherTitle, link: link.flatMap { LinkResolver.resolve($0, against: base) },
            published: (dateText ?? updatedText).flatMap { dates.parse($0) }, text: text, guid: guid)
    }

    private static func atomItem(_ node: MarkupNode, base: URL?, dates: inout DateMemo) -> FeedItem {
        var title: String?
        var published: String?
        var updated: String?
        var created: String?
        var content: String?
        var summary: String?
        var id: String?
        let entryBase = node.attribute("base").flatMap { URL(string: $0, relativeTo: base) } ?? base
        for child in node.elementChildren where FeedNamespace.same(child, node) {
            switch child.name {
            case "title": title = title ?? nonEmpty(PlainText.oneLine(atomText(child)))
            case "published", "issued": published = published ?? nonEmpty(child.text)
            case "updated", "modified": updated = updated ?? nonEmpty(child.text)
            case "created": created = created ?? nonEmpty(child.text)
            case "content": content = content ?? nonEmpty(atomText(child))
            case "summary": summary = summary ?? nonEmpty(atomText(child))
            case "id": id = nonEmpty(child.text)
            default: break
            }
        }
        // An id that is a web address is the entry's link when it has no alternate one (an id is otherwise a name,
        // `tag:` or `urn:`, never a link).
        let link =
            alternateLink(node)
            ?? id.flatMap { id in ["http://", "https://"].contains { id.lowercased().hasPrefix($0) } ? id : nil }
        return FeedItem(
            title: title, link: link.flatMap { LinkResolver.resolve($0, against: entryBase) },
            published: (published ?? updated ?? created).flatMap { dates.parse($0) }, text: content ?? summary ?? "",
            guid: id)
    }

    /// An Atom element's alternate link: the first `rel="alternate"` (or rel-less) link to an HTML page, else the first
    /// alternate of another type. Links of other relations (`license`, `enclosure`, `related`, `self`) are never the
    /// entry's link.
    private static func alternateLink(_ node: MarkupNode) -> String? {
        var other: String?
        for child in node.elementChildren where child.name == "link" && FeedNamespace.same(child, node) {
            guard (child.attribute("rel") ?? "alternate") == "alternate", let href = child.attribute("href") else {
                continue
            }
            switch child.attribute("type")?.lowercased() {
            case nil, "text/html", "application/xhtml+xml", "html": return href
            default: other = other ?? href
            }
        }
        return other
    }

    /// Atom text constructs: `text` as is, `html` rendered from its escaped markup, `xhtml` rendered from the tree.
    /// Atom 0.3 names MIME types (`text/plain`, `text/html`, `application/xhtml+xml`) and says with `mode` whether
    /// the markup is escaped, inline (`xml`) or base64.
    static func atomText(_ node: MarkupNode) -> String {
        let type = node.attribute("type").flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "text"
        let isHTML = type == "html" || type == "text/html"
        let isXHTML = type == "xhtml" || type == "application/xhtml+xml"
        // Atom 0.3's base64 mode, and Atom 1.0 content of a type that is neither text nor XML.
        if node.attribute("mode")?.lowercased() == "base64"
            || !(isHTML || isXHTML || type == "text" || type.hasPrefix("text/") || type.hasSuffix("xml"))
        {
            let decoded = Data(base64Encoded: node.text.trimmedWhitespace, options: .ignoreUnknownCharacters)
            let text = decoded.map { String(decoding: $0, as: UTF8.self) } ?? ""
            return type.contains("html") ? PlainText.fromHTML(text) : PlainText.normalize(text)
        }
        if isHTML { return node.withText(PlainText.fromHTML) }
        if isXHTML || node.hasElementChildren { return PlainText.render(node) }
        return node.withText(PlainText.normalize)
    }

    /// An RSS title: rendered as HTML when it looks like HTML (an end tag or a reference), as written otherwise, so
    /// that `History of the <blink> tag` keeps its words; one line either way. Read from the tree's bytes.
    private static func clean(_ node: MarkupNode) -> String? {
        let folded = node.withText { text in
            looksLikeHTML(text)
                ? PlainText.fromHTML(text, singleLine: true) : PlainText.normalize(text, singleLine: true)
        }
        return folded.isEmpty ? nil : folded
    }

    /// Whether text holds an end tag (`</b>`) or an entity or character reference (`&amp;`, `&#39;`).
    static func looksLikeHTML(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(looksLikeHTML)
    }

    static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        for index in 0..<bytes.count {
            if base[index] == UInt8(ascii: "<"), index + 2 < bytes.count, base[index + 1] == UInt8(ascii: "/"),
                HTMLEntities.isAlphanumeric(base[index + 2])
            {
                return true
            }
            if base[index] == UInt8(ascii: "&"), HTMLEntities.reference(bytes, from: index + 1) != nil {
                return true
            }
        }
        return false
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
