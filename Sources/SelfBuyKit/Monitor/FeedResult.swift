import Foundation

/// How one feed's poll went.
public struct FeedResult: Sendable {
    public var feedID: String
    public var status: Int?
    public var items = 0
    public var summary = IngestSummary()
    public var error: String?
    public var skippedUnchanged = false
    /// Why the feed looks stale (its newest item, or its body, older than `stale_after`), when it does.
    public var stale: String?
    /// Pages of a paged API read in this poll.
    public var pages = 0
    /// Followed documents that could not be read (`URL: reason`): their items keep the list's title only.
    public var unreadable: [String] = []

    public var failed: Bool { error != nil }

    public var line: String {
        if let error { return "\(feedID): failed: \(error)" }
        if status == 304 { return "\(feedID): 304 not modified" }
        if skippedUnchanged { return "\(feedID): \(status.map(String.init) ?? "ok") body unchanged" }
        let paged = pages > 1 ? " (\(pages) pages)" : ""
        let problems =
            unreadable.isEmpty ? "" : "; \(unreadable.count) unreadable (\(unreadable[0]))"
        return
            "\(feedID): \(status.map(String.init) ?? "ok"), \(items) items\(paged), \(summary.newDocuments) new documents, "
            + "\(summary.newEventIDs.count) new events" + summary.revisionNote + problems
    }
}

/// A failure of one feed, typed so that `feeds status` and the log say what went wrong.
public enum PollError: Error, Sendable, CustomStringConvertible {
    case http(Int, url: String)
    case antiBot(url: String)

    public var description: String {
        switch self {
        case .http(let status, let url): return "\(url) returned HTTP \(status)"
        case .antiBot(let url): return "\(url): blocked by anti-bot challenge"
        }
    }
}
