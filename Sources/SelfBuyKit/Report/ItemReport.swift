/// How `selfbuy parse` shows items.
public enum ItemReport {
    /// One item as `{"title", "link", "published", "text"}`.
    public static func json(_ item: FeedItem) -> JSONValue {
        .object([
            ("title", .optional(item.title)),
            ("link", .optional(item.link)),
            ("published", .optional(item.published?.iso8601)),
            ("text", .string(item.text)),
        ])
    }

    public static func table(_ items: [FeedItem]) -> String {
        let rows = items.map { item in
            [item.published?.iso8601 ?? "-", item.title ?? "-", item.link ?? "-", item.text]
        }
        return TextTable(headers: ["published", "title", "link", "text"], rows: rows, maxCellWidth: 50).render()
    }
}
