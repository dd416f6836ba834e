import Foundation

/// One source selfbuy polls, as a `[[feed]]` table of `feeds/*.toml` defines it.
public struct FeedDefinition: Sendable, Hashable {
    /// How an HTML list page yields items.
    public struct HTMLList: Sendable, Hashable {
        public var item: String
        public var title: String?
        public var link: String?
        public var date: String?
        public var follow: Bool
        public var content: String?
        /// `page_url`: the older pages of the list for `poll --backfill`, `{page}` standing for the page number
        /// (`https://www.amac.org.cn/xwfb/tzgg/index_{page}.html`); the feed's `url` is the first page.
        public var pageURL: String? = nil
        /// `page_start`: the number of the second page in `page_url` (default 1).
        public var pageStart = 1
        /// How many pages a backfill reads at most.
        public static let backfillPages = 100
        public static let pageStartRange = 0...1000

        /// The URL of list page `index` (0 is the feed's own URL), or nil when the list does not page.
        public func pageURL(_ index: Int, first: URL) -> URL? {
            if index == 0 { return first }
            guard let template = pageURL else { return nil }
            let text = template.replacingOccurrences(of: "{page}", with: String(pageStart + index - 1))
            return URL(string: text, relativeTo: first)?.absoluteURL
        }
    }

    public var id: String
    public var name: String
    /// Absolute URL: `file://` definitions are resolved against their file's folder when loaded.
    public var url: URL
    public var kind: SourceKind?
    public var interval: TimeInterval
    public var timeout: TimeInterval
    public var encoding: String?
    public var timeZone: TimeZone
    /// Regular expression on item titles; only matching items are followed and read.
    public var match: String?
    public var html: HTMLList?
    /// `kind = "json"`: how a JSON API is asked and read.
    public var json: JSONAPI?
    /// Headers sent with every request of this feed (`[feed.headers]`: Referer, X-Requested-With…).
    public var headers: [String: String] = [:]
    /// `user_agent`: nil for selfbuy's own, else the exact string (``browserUserAgent`` for `"browser"`).
    public var userAgent: String?
    /// `stale_after`: when the newest item is older, or the body has not changed for longer, the feed is stale;
    /// nil for the default of its kind (``defaultStaleAfter``).
    public var staleAfterSetting: TimeInterval?
    /// The file and line that defined the feed, for messages.
    public var origin: String

    public init(
        id: String, name: String, url: URL, kind: SourceKind?, interval: TimeInterval, timeout: TimeInterval,
        encoding: String?, timeZone: TimeZone, match: String?, html: HTMLList?, origin: String
    ) {
        self.id = id
        self.name = name
        self.url = url
        self.kind = kind
        self.interval = interval
        self.timeout = timeout
        self.encoding = encoding
        self.timeZone = timeZone
        self.match = match
        self.html = html
        self.origin = origin
    }

    public static let defaultInterval: TimeInterval = 3600
    public static let defaultTimeout: TimeInterval = 30
    /// `interval` may range from 1 minute to 30 days.
    public static let intervalRange = 60...30 * 86400
    /// `timeout` may range from 1 second to 10 minutes.
    public static let timeoutRange = 1...600
    /// `stale_after` may range from 1 hour to 366 days.
    public static let staleAfterRange = 3600...366 * 86400
    /// A current desktop browser's User-Agent, for the sites that refuse others (cninfo answers 403 otherwise).
    public static let browserUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

    /// News (RSS, Atom, RDF) goes stale after 3 days of silence; announcement lists and APIs after 14.
    public var defaultStaleAfter: TimeInterval {
        switch kind {
        case .rss?, .atom?, .rdf?: return 3 * 86400
        default: return 14 * 86400
        }
    }

    /// How long the feed may stay silent before `feeds status` flags it.
    public var staleAfter: TimeInterval { staleAfterSetting ?? defaultStaleAfter }

    /// The headers of every request of this feed: `[feed.headers]`, and `user_agent` when set.
    public var requestHeaders: [String: String] {
        var all = headers
        if let userAgent { all["User-Agent"] = userAgent }
        return all
    }

    /// The reader configured for this feed's documents.
    public func reader(contentXPath: String? = nil) -> SourceReader {
        SourceReader(encodingOverride: encoding, timeZone: timeZone, contentXPath: contentXPath ?? html?.content)
    }

    /// Whether an item title passes the `match` filter, within ``TitleMatch``'s bounds (a title is cut at
    /// ``TitleMatch/titleLimit`` characters; a match that runs past ``TitleMatch/budget`` counts as no match).
    public func accepts(title: String?) -> Bool {
        guard let match else { return true }
        guard let title else { return false }
        return TitleMatch.matches(match, title) ?? false
    }
}
