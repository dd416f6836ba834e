/// One entry of a feed, or the single item of an HTML page: what selfbuy reads before detecting pledges.
public struct FeedItem: Sendable, Hashable {
    public var title: String?
    /// Absolute URL of the item (resolved against the document's base).
    public var link: String?
    public var published: PublishedDate?
    /// Plain text: markup stripped, entities resolved, paragraphs as line breaks.
    public var text: String
    /// The feed's own identifier (`guid`, Atom `id`), when it gives one.
    public var guid: String?

    public init(
        title: String?, link: String?, published: PublishedDate?, text: String, guid: String? = nil
    ) {
        self.title = title
        self.link = link
        self.published = published
        self.text = text
        self.guid = guid
    }
}

/// The kind of source a document turned out to be, sniffed from its content.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    case rss, atom, rdf, html, json, pdf
}

/// Everything read from one document.
public struct ParsedSource: Sendable {
    public var kind: SourceKind
    public var items: [FeedItem]
    /// True when libxml2 had to repair the markup (the items are what survived).
    public var recovered: Bool
    public var charset: Charset
    public var charsetSource: CharsetSource
    /// Invalid byte sequences replaced by U+FFFD while decoding.
    public var replacements: Int
    /// Charset notes and parser diagnostics worth logging.
    public var notes: [String]
    /// The document's title (the channel title of a feed, the page title of a page).
    public var title: String?
}
