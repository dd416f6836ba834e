import Foundation
import Logging
import ServiceLifecycle

/// The polling daemon as a `Service`: rounds on schedule until a graceful shutdown, which cancels fetches in flight,
/// lets the write in progress finish, and returns.
///
/// A feed whose state could not be saved after its poll (a full disk, a read-only file) would look due again at
/// once and be fetched every second; it is held back in memory instead, as a failed fetch would be (interval ×
/// 2^n), and the failure is logged. A reload request (SIGHUP) re-reads the feed definitions between two rounds.
public struct PollingService: Service {
    public var feeds: [FeedDefinition]
    public var round: PollRound
    public var notifier: Notifier
    public var logger: Logger
    /// Longest sleep between two checks for due feeds.
    public var maximumSleep: TimeInterval = 60
    /// Requests to re-read the feed definitions with ``loadFeeds``.
    public var reloads: ReloadRequests?
    /// Reads the feed definitions again: the valid ones, and one message per problem.
    public var loadFeeds: (@Sendable () -> (feeds: [FeedDefinition], errors: [String]))?
    /// How often a sleep looks for a reload request.
    public var reloadCheckInterval: TimeInterval = 0.25

    public init(feeds: [FeedDefinition], round: PollRound, notifier: Notifier, logger: Logger) {
        self.feeds = feeds
        self.round = round
        self.notifier = notifier
        self.logger = logger
    }

    /// A feed held back because its state could not be saved.
    struct Hold {
        var failures: Int
        var until: Date
    }

    public func run() async throws {
        logger.info("daemon started with \(feeds.count) feeds")
        var feeds = self.feeds
        var holds: [String: Hold] = [:]
        var reloadsSeen = reloads?.generation ?? 0
        while !Task.isShuttingDownGracefully {
            if let reloads, reloads.generation != reloadsSeen {
                reloadsSeen = reloads.generation
                feeds = reloaded(feeds)
            }
            let now = round.clock()
            let due = round.due(feeds).filter { feed in holds[feed.id].map { $0.until <= now } ?? true }
            if !due.isEmpty {
                let round = self.round
                let snapshot = round.store.stateSnapshot(due.map(\.id))
                let fetched = await cancelWhenGracefulShutdown { await round.fetchAll(due) }
                // Writes happen outside the cancellable part: each document commits or rolls back whole.
                let results = round.recordAll(fetched)
                holdUnsaved(results, feeds: due, snapshot: snapshot, holds: &holds)
                let newIDs = results.flatMap(\.summary.newEventIDs)
                let events = newIDs.compactMap { try? round.store.event(id: $0) }
                if !events.isEmpty { await notifier.notify(events) }
                for result in results where result.failed { logger.warning("\(result.line)") }
                for result in results { if let stale = result.stale { logger.warning("\(result.feedID): \(stale)") } }
                // The round's texts are gone: what the allocator keeps for the next one goes back until then.
                AllocatorTuning.releaseFreeMemory()
            }
            await pause(sleepTime(feeds, holds: holds), reloadsSeen: reloadsSeen)
        }
        logger.info("daemon stopped")
    }

    /// Holds back (in memory) every polled feed whose state was not saved, as a failed fetch would be; releases the
    /// others.
    func holdUnsaved(
        _ results: [FeedResult], feeds: [FeedDefinition], snapshot: [String: FeedState], holds: inout [String: Hold]
    ) {
        let unsaved = Set(round.store.feedsNotSaved(results.map(\.feedID), since: snapshot))
        for result in results {
            guard unsaved.contains(result.feedID) else {
                holds[result.feedID] = nil
                continue
            }
            guard let feed = feeds.first(where: { $0.id == result.feedID }) else { continue }
            let stored = snapshot[feed.id]
            let failures = (holds[feed.id]?.failures ?? stored?.consecutiveFailures ?? 0) + 1
            let now = round.clock()
            let until = round.policy.nextPoll(after: now, interval: feed.interval, failures: failures, retryAfter: nil)
            holds[feed.id] = Hold(failures: failures, until: until)
            let reason = result.error ?? "the timeline did not keep it"
            logger.error(
                "\(feed.id): cannot save the feed state (\(reason)); next poll in \(Int(until.timeIntervalSince(now))) s"
            )
        }
    }

    /// The feed definitions read again; the ones in use stay when none is valid.
    func reloaded(_ current: [FeedDefinition]) -> [FeedDefinition] {
        guard let loadFeeds else { return current }
        let (feeds, errors) = loadFeeds()
        for error in errors { logger.error("reload: \(error)") }
        guard !feeds.isEmpty else {
            logger.error("reload: no valid feed definition; still polling the \(current.count) feeds in use")
            return current
        }
        logger.notice("reloaded the feed definitions: \(feeds.count) feeds (were \(current.count))")
        return feeds
    }

    /// Sleeps `seconds`, ending early on graceful shutdown or on a reload request.
    func pause(_ seconds: TimeInterval, reloadsSeen: Int) async {
        let deadline = Date().addingTimeInterval(seconds)
        while !Task.isShuttingDownGracefully {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return }
            let slice = reloads == nil ? remaining : min(reloadCheckInterval, remaining)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(nanoseconds: UInt64(slice * 1_000_000_000)) }
            if let reloads, reloads.generation != reloadsSeen { return }
        }
    }

    /// Seconds until the earliest feed is due, between one second and ``maximumSleep``.
    func sleepTime(_ feeds: [FeedDefinition], holds: [String: Hold] = [:]) -> TimeInterval {
        let now = round.clock()
        let next = feeds.compactMap { feed in
            holds[feed.id]?.until ?? (try? round.store.feedState(feed.id))??.nextDueAt
        }.min()
        guard let next else { return 1 }
        return min(maximumSleep, max(1, next.timeIntervalSince(now)))
    }
}
