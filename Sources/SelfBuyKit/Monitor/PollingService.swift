import Foundation
import Logging
import ServiceLifecycle

/// The polling daemon as a `Service`: rounds on schedule until a graceful shutdown, which cancels fetches in flight,
/// lets the write in progress finish, and returns.
public struct PollingService: Service {
    public var feeds: [FeedDefinition]
    public var round: PollRound
    public var notifier: Notifier
    public var logger: Logger
    /// Longest sleep between two checks for due feeds.
    public var maximumSleep: TimeInterval = 60

    public init(feeds: [FeedDefinition], round: PollRound, notifier: Notifier, logger: Logger) {
        self.feeds = feeds
        self.round = round
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        logger.info("daemon started with \(feeds.count) feeds")
        while !Task.isShuttingDownGracefully {
            let due = round.due(feeds)
            if !due.isEmpty {
                let round = self.round
                let fetched = await cancelWhenGracefulShutdown { await round.fetchAll(due) }
                // Writes happen outside the cancellable part: each document commits or rolls back whole.
                let results = round.recordAll(fetched)
                let newIDs = results.flatMap(\.summary.newEventIDs)
                let events = newIDs.compactMap { try? round.store.event(id: $0) }
                if !events.isEmpty { await notifier.notify(events) }
                for result in results where result.failed { logger.warning("\(result.line)") }
            }
            let wait = sleepTime()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
        }
        logger.info("daemon stopped")
    }

    /// Seconds until the earliest feed is due, between one second and ``maximumSleep``.
    func sleepTime() -> TimeInterval {
        let now = round.clock()
        let next = feeds.compactMap { (try? round.store.feedState($0.id))??.nextDueAt }.min()
        guard let next else { return 1 }
        return min(maximumSleep, max(1, next.timeIntervalSince(now)))
    }
}
