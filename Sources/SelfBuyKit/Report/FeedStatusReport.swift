import Foundation

/// `selfbuy feeds status`: each feed's health; a failing feed is flagged, never disabled.
public struct FeedStatusReport: Sendable {
    public var ids: [String]
    public var states: [String: FeedState]
    /// Why a feed is stale, by feed id (``FeedStaleness``).
    public var stale: [String: String]

    public init(ids: [String], states: [String: FeedState], stale: [String: String] = [:]) {
        self.ids = ids
        self.states = states
        self.stale = stale
    }

    /// The report of the feeds defined (and of feeds no longer defined but still in the timeline), stale ones flagged.
    public init(feeds: [FeedDefinition], states: [FeedState], progress: [FeedProgress], now: Date) {
        let byID = Dictionary(states.map { ($0.feedID, $0) }, uniquingKeysWith: { first, _ in first })
        let progressByID = Dictionary(progress.map { ($0.feedID, $0) }, uniquingKeysWith: { first, _ in first })
        var stale: [String: String] = [:]
        for feed in feeds {
            if let reason = FeedStaleness.reason(for: feed, progress: progressByID[feed.id], now: now) {
                stale[feed.id] = reason
            }
        }
        let undefined = byID.keys.filter { id in !feeds.contains { $0.id == id } }.sorted()
        for id in undefined {
            if let reason = FeedStaleness.reason(
                limit: FeedStaleness.undefinedFeedLimit, progress: progressByID[id], now: now)
            {
                stale[id] = reason + " (definition not loaded: the default for lists)"
            }
        }
        self.init(ids: feeds.map(\.id) + undefined, states: byID, stale: stale)
    }

    /// Whether a monitor should be told (`feeds status --check`): a feed failing or stale.
    public var needsAttention: Bool {
        !stale.isEmpty || ids.contains { (states[$0]?.consecutiveFailures ?? 0) > 0 }
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        return PublishedDate(epochSeconds: Int64(date.timeIntervalSince1970), offsetSeconds: CivilTime.chinaOffset)
            .iso8601
    }

    public func table() -> String {
        let rows = ids.map { id -> [String] in
            guard let state = states[id] else { return [id, "never polled", "-", "0", "-", "-", "-"] }
            let health = state.consecutiveFailures > 0 ? "FAILING" : "ok"
            let flagged = state.consecutiveFailures > 0 || stale[id] != nil
            return [
                id + (flagged ? " !" : ""), Self.time(state.lastPolledAt),
                state.lastStatus.map(String.init) ?? "-", "\(state.consecutiveFailures) (\(health))",
                Self.time(state.nextDueAt), stale[id] != nil ? "STALE" : "-", state.lastError ?? stale[id] ?? "-",
            ]
        }
        return TextTable(
            headers: ["feed", "last poll", "HTTP", "failures", "next due", "fresh", "last error"], rows: rows,
            maxCellWidth: 70
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
                    ("stale", .optional(stale[id])),
                ])
            })
    }
}
