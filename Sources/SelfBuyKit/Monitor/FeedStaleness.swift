import Foundation

/// A feed that answers but says nothing new: its newest item, or its unchanged body, older than `stale_after`. Sina's
/// frozen RSS host and the CSRC's frozen HTML list answer 200 for years; this is what flags them.
public enum FeedStaleness {
    /// Why the feed is stale, or nil when it is not (or was never read).
    public static func reason(for feed: FeedDefinition, progress: FeedProgress?, now: Date) -> String? {
        reason(limit: feed.staleAfter, progress: progress, now: now)
    }

    /// The longest default `stale_after` (lists'): for a feed in the timeline whose definition was not loaded
    /// (`feeds status` run without its `--feeds` folder), so that a silent feed is still flagged.
    public static let undefinedFeedLimit: TimeInterval = 14 * 86400

    /// Why a feed with this limit is stale, or nil.
    public static func reason(limit: TimeInterval, progress: FeedProgress?, now: Date) -> String? {
        guard let progress else { return nil }
        let limitText = days(limit)
        if let newest = progress.newestItemAt, now.timeIntervalSince(newest) > limit {
            let day = PublishedDate(
                epochSeconds: Int64(newest.timeIntervalSince1970), offsetSeconds: CivilTime.chinaOffset
            )
            .localDay()
            return "stale: newest item \(day) is \(days(now.timeIntervalSince(newest))) old (stale_after \(limitText))"
        }
        if let changed = progress.bodyChangedAt, now.timeIntervalSince(changed) > limit {
            return "stale: body unchanged for \(days(now.timeIntervalSince(changed))) (stale_after \(limitText))"
        }
        return nil
    }

    static func days(_ seconds: TimeInterval) -> String {
        seconds >= 86400 ? "\(Int(seconds / 86400))d" : "\(Int(seconds / 3600))h"
    }
}
