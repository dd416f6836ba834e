import Foundation

extension FeedDefinition {
    /// How a JSON API is asked and read (`kind = "json"`, `[feed.json]`): the request, the reply's wrapping, where the
    /// items are, what each field means, how to page, and what an error inside a 200 looks like.
    public struct JSONAPI: Sendable, Hashable {
        /// How the parameters travel.
        public enum Method: String, Sendable, Hashable, CaseIterable {
            /// `GET`, parameters in the query string.
            case get = "get"
            /// `POST` of an `application/x-www-form-urlencoded` form (cninfo, 南方, 广发).
            case postForm = "post-form"
            /// `POST` of a JSON document (易方达, 上海证券报).
            case postJSON = "post-json"
        }

        /// How the JSON is wrapped in the reply.
        public enum Wrapping: String, Sendable, Hashable, CaseIterable {
            /// Decided from the reply: JSON, then `__NEXT_DATA__`, then JSONP, then an assignment.
            case auto
            case json
            /// `callback({...});`
            case jsonp
            /// `var name = [...];`
            case assignment
            /// `<script id="__NEXT_DATA__" type="application/json">{...}</script>` in an HTML page.
            case nextData = "next-data"
        }

        /// A request parameter: text (which may hold `{variables}`), a number, a flag, or a list.
        public indirect enum Parameter: Sendable, Hashable {
            case text(String)
            case integer(Int64)
            case float(Double)
            case flag(Bool)
            case list([Parameter])
        }

        /// A field that must hold a value for the reply to count as data (`ErrCode = 0`, `state = 1`).
        public struct Expectation: Sendable, Hashable {
            public var path: String
            public var value: Parameter
        }

        public var method: Method = .get
        public var wrapping: Wrapping = .auto
        /// Parameters in definition order.
        public var parameters: [(name: String, value: Parameter)] = []
        /// Path to the array of items (`data.results`, `Data`, `announcements`); empty for the reply itself.
        public var items: String
        public var title = "title"
        public var date: String?
        /// A field path, or a template over item fields (`https://static.cninfo.com.cn/{adjunctUrl}`).
        public var link: String?
        /// What relative links resolve against (else the request URL).
        public var linkBase: URL?
        public var guid: String?
        /// An inline body field (HTML is reduced to text).
        public var text: String?
        /// One more request per item for its body (`…/api/content/ann?art_code={ID}`), read at ``detailText``.
        public var detailURL: String?
        public var detailText: String?
        /// Fetch each item's link and read it as a page (or a PDF) when no body field is named.
        public var follow = false
        public var expectations: [Expectation] = []
        /// A field holding the server's own error message, quoted in failures (`ErrMsg`, `msg`).
        public var errorMessage: String?
        /// The number of the first page: 1, or 0 for 易方达.
        public var pageStart = 1
        public var pageSize = 20
        /// Pages read per poll at most (a poll also stops at a short page or an item already stored).
        public var maxPages = 30
        /// Pages a backfill reads at most.
        public var backfillPages = 100
        /// Path of the next page's cursor in a reply (`data.sortEnd`), for `{cursor}`.
        public var cursor: String?
        /// Days the `{from}`–`{to}` window spans in an ordinary poll.
        public var windowDays = 30

        public init(items: String) {
            self.items = items
        }

        public static func == (lhs: JSONAPI, rhs: JSONAPI) -> Bool {
            lhs.method == rhs.method && lhs.wrapping == rhs.wrapping
                && lhs.parameters.map(\.name) == rhs.parameters.map(\.name)
                && lhs.parameters.map(\.value) == rhs.parameters.map(\.value) && lhs.items == rhs.items
                && lhs.title == rhs.title && lhs.date == rhs.date && lhs.link == rhs.link
                && lhs.linkBase == rhs.linkBase && lhs.guid == rhs.guid && lhs.text == rhs.text
                && lhs.detailURL == rhs.detailURL && lhs.detailText == rhs.detailText && lhs.follow == rhs.follow
                && lhs.expectations == rhs.expectations && lhs.errorMessage == rhs.errorMessage
                && lhs.pageStart == rhs.pageStart && lhs.pageSize == rhs.pageSize && lhs.maxPages == rhs.maxPages
                && lhs.backfillPages == rhs.backfillPages && lhs.cursor == rhs.cursor
                && lhs.windowDays == rhs.windowDays
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(items)
            hasher.combine(parameters.map(\.name))
            hasher.combine(method)
        }

        /// Whether the request pages at all: a `{page}` or `{cursor}` in a parameter.
        public var pages: Bool {
            parameters.contains { $0.value.mentions("page") || $0.value.mentions("cursor") }
        }

        /// Caps a definition may not exceed: servers cap rows (cninfo 30, CSRC's site 20) and wrap past page 100.
        public static let pageSizeLimit = 100
        public static let maxPagesLimit = 100
        public static let backfillPagesLimit = 1000
        public static let windowDaysLimit = 366
    }
}

extension FeedDefinition.JSONAPI.Parameter {
    /// Whether a `{variable}` of this name appears in the parameter.
    func mentions(_ variable: String) -> Bool {
        switch self {
        case .text(let text): return text.contains("{\(variable)}")
        case .list(let items): return items.contains { $0.mentions(variable) }
        default: return false
        }
    }
}
