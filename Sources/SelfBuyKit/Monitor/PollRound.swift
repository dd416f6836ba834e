import Foundation
import SelfBuyDetection

/// One polling round: every due feed fetched, parsed, detected and recorded; one failing feed never stops the others.
///
/// The stages live apart: fetching (`PollRound+Fetch`), list reading for HTML, JSON and feeds (`PollRound+Lists`),
/// following items to their pages, PDFs and detail replies (`PollRound+Follow`), and recording (`PollRound+Record`).
public struct PollRound: Sendable {
    public var store: TimelineStore
    public var transport: any Transport
    public var detector: PledgeDetector
    public var policy = RetryPolicy()
    /// Largest response accepted.
    public var sizeLimit = 10 * 1024 * 1024
    /// Feeds polled at once.
    public var concurrency = 4
    /// Minimum gap between two requests to one host.
    public var hostGap: TimeInterval = 2
    public var clock: @Sendable () -> Date = { Date() }
    /// Called with each feed's result as it finishes (progress lines, logs).
    public var onResult: @Sendable (FeedResult) -> Void = { _ in }

    public init(store: TimelineStore, transport: any Transport, detector: PledgeDetector = .standard) {
        self.store = store
        self.transport = transport
        self.detector = detector
    }

    /// Polls the feeds that are due (all of them with `all`): fetched at most ``concurrency`` at a time and one request
    /// at a time per host, then recorded in definition order, so that a fresh timeline gets the same event ids from
    /// the same sources whatever order the responses arrived in.
    public func run(_ feeds: [FeedDefinition], all: Bool = false) async -> [FeedResult] {
        let fetched = await fetchAll(due(feeds, all: all))
        return recordAll(fetched)
    }

    /// The feeds whose next poll is due (all of them with `all`).
    public func due(_ feeds: [FeedDefinition], all: Bool = false) -> [FeedDefinition] {
        let now = clock()
        return feeds.filter { feed in
            let state = try? store.feedState(feed.id)
            return all || state?.nextDueAt.map { $0 <= now } ?? true
        }
    }

    /// Records fetches in the order given; a fetch cancelled by shutdown is neither recorded nor counted as a
    /// failure, so the next start polls it again.
    public func recordAll(_ fetched: [FeedFetch]) -> [FeedResult] {
        var results: [FeedResult] = []
        let ingestor = Ingestor(store: store, detector: detector)
        for outcome in fetched where !outcome.cancelled {
            let result = record(outcome, with: ingestor)
            results.append(result)
            onResult(result)
        }
        return results
    }

    /// Fetches and parses feeds, at most ``concurrency`` at once and one request at a time per host; returns them
    /// in the order given.
    public func fetchAll(_ due: [FeedDefinition]) async -> [FeedFetch] {
        let gate = HostGate(gap: hostGap, clock: clock)
        var fetched: [String: FeedFetch] = [:]
        await withTaskGroup(of: FeedFetch.self) { group in
            var iterator = due.makeIterator()
            for _ in 0..<max(1, concurrency) {
                guard let feed = iterator.next() else { break }
                group.addTask { await self.fetch(feed, gate: gate) }
            }
            while let result = await group.next() {
                fetched[result.feed.id] = result
                if let feed = iterator.next() { group.addTask { await self.fetch(feed, gate: gate) } }
            }
        }
        return due.compactMap { fetched[$0.id] }
    }

    /// What fetching one feed produced, not yet recorded.
    public struct FeedFetch: Sendable {
        var feed: FeedDefinition
        var state: FeedState
        var result: FeedResult
        var items: [FeedItem] = []
        var sourceURL: URL
        var retryAfter: TimeInterval?
        /// Detail-page validators to store once their items are recorded.
        var validators: [(String, URLValidators)] = []
        var bodyHash: String?
        /// The date of the newest item listed (every item, matching `match` or not), for staleness.
        var newestItem: Date?
        /// Shutdown cancelled the fetch: nothing is recorded for it.
        var cancelled = false

        mutating func saw(_ date: PublishedDate?) {
            guard let date = date?.date else { return }
            if newestItem.map({ date > $0 }) ?? true { newestItem = date }
        }
    }
}
