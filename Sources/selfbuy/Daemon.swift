import ArgumentParser
import Foundation
import SelfBuyKit
import ServiceLifecycle

extension SelfBuyCommand {
    struct Daemon: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll on schedule until SIGINT or SIGTERM, then finish the write in progress and exit 0.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var feedsOption: FeedsOption
        @OptionGroup var monitor: MonitorOptions

        func run() async throws {
            let logger = monitor.logger()
            let (feeds, _) = try monitor.feeds(from: feedsOption)
            let store = try global.store(create: true)
            var round = monitor.round(store: store)
            round.onResult = { result in logger.info("\(result.line)") }
            let service = PollingService(
                feeds: feeds, round: round, notifier: monitor.notifier(logger: logger), logger: logger)
            let group = ServiceGroup(
                services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        }
    }
}
