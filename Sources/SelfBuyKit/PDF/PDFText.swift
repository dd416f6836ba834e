/// What a PDF says: its metadata and the text of the pages read, each page in reading order.
public struct PDFText: Sendable, Equatable {
    /// The Info dictionary's Title, as written (often empty, a file name or `Microsoft Word - …`).
    public var title: String?
    /// CreationDate and ModDate as Unix seconds (a date without a zone is read as China time).
    public var created: Int64?
    public var modified: Int64?
    /// Pages in the document; `pages` holds the first ones, up to the page cap.
    public var pageCount: Int
    public var pages: [String]
    /// True when reading stopped at the text cap.
    public var stoppedAtTextCap: Bool

    public init(
        title: String? = nil, created: Int64? = nil, modified: Int64? = nil, pageCount: Int = 0,
        pages: [String] = [], stoppedAtTextCap: Bool = false
    ) {
        self.title = title
        self.created = created
        self.modified = modified
        self.pageCount = pageCount
        self.pages = pages
        self.stoppedAtTextCap = stoppedAtTextCap
    }

    /// True when pages were left unread (page or text cap).
    public var isPartial: Bool { stoppedAtTextCap || pages.count < pageCount }
}
