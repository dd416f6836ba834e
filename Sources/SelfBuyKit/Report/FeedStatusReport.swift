import Foundation

/// `selfbuy feeds status`: each feed's health; a failing feed is flagged, never disabled.
public struct FeedStatusReport: Sendable {
    public var ids: [String]
    public var states: [String: FeedState]

    public init(ids: [String], states: [String: FeedState]) {
        self.ids = ids
        self.states = states
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        return PublishedDate(epochSeconds: Int64(date.timeIntervalSince1970), offsetSeconds: CivilTime.chinaOffset)
            .iso8601
    }

    public func table() -> String {
        let rows = ids.map { id -> [String] in
            guard let state = states[id] else { return [id, "never polled", "-", "0", "-", "-"] }
            let health = state.consecutiveFailures > 0 ? "FAILING" : "ok"
            return [
                id + (state.consecutiveFailures > 0 ? " !" : ""), Self.time(state.lastPolledAt),
                state.lastStatus.map(String.init) ?? "-", "\(state.consecutiveFailures) (\(health))",
                Self.time(state.nextDueAt), state.lastError ?? "-",
            ]
        }
        return TextTable(
            headers: ["feed", "last poll", "HTTP", "failures", "next due", "last error"], rows: rows, maxCellWidth: 70
        ).render()
    }

    public func json() -> JSONValue {
        .array(
            ids.map { id in
                let state = states[id]
                return .object([
                    ("feed", .string(id)),
                    ("last_poll", .optional(state?.lastPolledAt.map { Self.time($0) })),
                    ("last_status", .optional(state?.lastStatus.map(Int64.init))),
                    ("consecutive_failures", .int(Int64(state?.consecutiveFailures ?? 0))),
                    ("next_due", .optional(state?.nextDueAt.map { Self.time($0) })),
                    ("last_error", .optional(state?.lastError)),
                ])
            })
    }
}
