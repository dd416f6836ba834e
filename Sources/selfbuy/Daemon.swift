import ArgumentParser
import Foundation
import SelfBuyKit
import ServiceLifecycle

extension SelfBuyCommand {
    struct Daemon: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "daemon",
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
            // SIGHUP is a reload from the very start, never the default exit; SIGTERM and SIGINT are a graceful stop
            // from the very start too, not only once the service group runs (before, they killed the process).
            let reloads = ReloadRequests()
            reloads.listen(to: SIGHUP)
            let stops = ReloadRequests()
            stops.listen(to: SIGTERM)
            let interrupts = ReloadRequests()
            interrupts.listen(to: SIGINT)
            let logger = monitor.logger()
            let (feeds, _) = try monitor.feeds(from: feedsOption)
            let store = try global.store(create: true)
            let lock: DaemonLock
            do {
                lock = try store.lockForDaemon()
            } catch let error as DaemonLockError {
                throw Console.fail("\(error)", status: ExitStatus.temporaryFailure)
            }
            var round = try monitor.round(store: store)
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
            // A stop that came before the group watched the signals itself (the group remembers one asked before it runs).
            let earlyStop = Task {
                while !Task.isCancelled {
                    if stops.generation > 0 || interrupts.generation > 0 {
                        await group.triggerGracefulShutdown()
                        return
                    }
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            defer { earlyStop.cancel() }
            try await group.run()
            await notifier.drain(seconds: Self.notificationGrace)
            withExtendedLifetime(lock) {}
        }
    }
}
