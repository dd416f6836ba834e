import Foundation

extension TimelineStore {
    /// The stored state of each feed (feeds never polled are absent), to compare with after a poll.
    public func stateSnapshot(_ feedIDs: [String]) -> [String: FeedState] {
        var states: [String: FeedState] = [:]
        for id in feedIDs {
            if let state = try? feedState(id) { states[id] = state }
        }
        return states
    }

    /// The feeds among `polled` whose state was not saved: still what `snapshot` holds, or unreadable. A poll always
    /// moves a feed's next due time (it carries jitter), so an unchanged state means the save failed — a full disk, a
    /// timeline made read-only — and the feed would otherwise look due again at once.
    public func feedsNotSaved(_ polled: [String], since snapshot: [String: FeedState]) -> [String] {
        polled.filter { id in
            do {
                return try feedState(id) == snapshot[id]
            } catch {
                return true
            }
        }
    }
}
