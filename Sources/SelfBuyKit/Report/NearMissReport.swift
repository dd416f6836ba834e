/// How `selfbuy review` shows stored near misses: a table or one JSON object per line.
public enum NearMissReport {
    public static func json(_ miss: StoredNearMiss) -> JSONValue {
        .object([
            ("reason", .string(miss.reason)),
            ("issuer", .optional(miss.issuer)),
            ("evidence", .string(miss.evidence)),
            ("url", .string(miss.url)),
            ("title", .optional(miss.title)),
            ("published", .optional(miss.published)),
        ])
    }

    public static func table(_ misses: [StoredNearMiss]) -> String {
        TextTable(
            headers: ["published", "reason", "issuer", "sentence", "url"],
            rows: misses.map {
                [String(($0.published ?? "-").prefix(10)), $0.reason, $0.issuer ?? "-", $0.evidence, $0.url]
            },
            maxCellWidth: 48
        ).render()
    }
}
