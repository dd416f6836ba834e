import Foundation

/// Recording: items first (in transactions of at most ``Ingestor/batchSize`` documents), then validators, progress and state.
extension PollRound {
    /// Records a fetch so that a crash in between re-fetches rather than skips what was not recorded; flags the feed
    /// when it is stale.
    func record(_ fetch: FeedFetch, with ingestor: Ingestor) -> FeedResult {
        var state = fetch.state
        var result = fetch.result
        let now = clock()
        if result.error == nil {
            do {
                result.summary = try ingestor.ingest(
                    fetch.items, sourceURL: fetch.sourceURL, feedID: fetch.feed.id, fetchedAt: now)
                for (url, validators) in fetch.validators {
                    try store.saveValidators(validators, for: url, at: now)
                }
                if let hash = fetch.bodyHash { state.bodyHash = hash }
                let progress = try recordProgress(fetch, now: now)
                result.stale = FeedStaleness.reason(for: fetch.feed, progress: progress, now: now)
                state.consecutiveFailures = 0
                state.lastError = nil
            } catch {
                result.error = "\(error)"
            }
        }
        if let error = result.error {
            state.consecutiveFailures += 1
            state.lastError = error
        }
        state.lastPolledAt = now
        state.nextDueAt = policy.nextPoll(
            after: now, interval: fetch.feed.interval, failures: state.consecutiveFailures, retryAfter: fetch.retryAfter
        )
        do {
            try store.save(state)
        } catch {
            result.error = result.error ?? "cannot save feed state: \(error)"
        }
        return result
    }

    /// The newest item ever listed and when the body last changed (a first read counts as a change).
    private func recordProgress(_ fetch: FeedFetch, now: Date) throws -> FeedProgress {
        var progress = try store.feedProgress(fetch.feed.id) ?? FeedProgress(feedID: fetch.feed.id)
        if let newest = fetch.newestItem, progress.newestItemAt.map({ newest > $0 }) ?? true {
            progress.newestItemAt = newest
        }
        if fetch.bodyHash != nil || progress.bodyChangedAt == nil { progress.bodyChangedAt = now }
        try store.save(progress)
        return progress
    }
}
