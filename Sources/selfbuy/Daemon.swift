import ArgumentParser
import Foundation
import SelfBuyKit
import ServiceLifecycle

extension SelfBuyCommand {
    struct Daemon: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll on schedule until SIGINT or SIGTERM, then finish the write in progress and exit 0.",
            discussion: """
                SIGHUP re-reads the feed definitions (--feeds) between two rounds. One daemon per timeline: a second \
                one exits 75 naming the first's process id. Notifications still running at shutdown get at most \
                5 seconds.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var feedsOption: FeedsOption
        @OptionGroup var monitor: MonitorOptions

        /// Longest wait for notifications in flight once polling has stopped (systemd allows 15 s in all).
        static let notificationGrace: TimeInterval = 5

        func run() async throws {
            // SIGHUP is a reload from the very start, never the default exit.
            let reloads = ReloadRequests()
            reloads.listen(to: SIGHUP)
            let logger = monitor.logger()
            let (feeds, _) = try monitor.feeds(from: feedsOption)
            let store = try global.store(create: true)
            let lock: DaemonLock
            do {
                lock = try store.lockForDaemon()
            } catch let error as DaemonLockError {
                throw Console.fail("\(error)", status: ExitStatus.temporaryFailure)
            }
            var round = monitor.round(store: store)
            round.onResult = { result in logger.info("\(result.line)") }
            let notifier = monitor.notifier(logger: logger)
            var service = PollingService(feeds: feeds, round: round, notifier: notifier, logger: logger)
            service.reloads = reloads
            let path = feedsOption.path
            service.loadFeeds = {
                let (feeds, errors) = FeedCatalog.load(path)
                return (feeds, errors.map { "\($0)" })
            }
            let group = ServiceGroup(
                services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
            await notifier.drain(seconds: Self.notificationGrace)
            withExtendedLifetime(lock) {}
        }
    }
}
