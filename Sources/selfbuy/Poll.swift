import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Poll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One polling round over every feed that is due; prints a line per feed and the new events.",
            discussion: "Exit status 0 when every feed was polled, 69 when some failed (the others are still stored).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var feedsOption: FeedsOption
        @OptionGroup var monitor: MonitorOptions

        @Flag(help: "Poll every feed, due or not.")
        var all = false

        func run() async throws {
            let logger = monitor.logger()
            let (feeds, hadErrors) = try monitor.feeds(from: feedsOption)
            let store = try global.store(create: true)
            var round = monitor.round(store: store)
            // A progress line that cannot be written is not reported here: the summary line below fails the same way
            // once the round (and every write to the timeline) is over, and ends the command with exit 74.
            round.onResult = { result in try? Console.print(result.line) }
            let results = await round.run(feeds, all: all)
            let events = results.flatMap(\.summary.newEventIDs).compactMap { try? store.event(id: $0) }
            for event in events { try Console.print(EventReport.line(event)) }
            if monitor.notifyWebhook != nil || monitor.notifyExec != nil {
                let notifier = monitor.notifier(logger: logger)
                await notifier.notify(events)
                await notifier.drain(seconds: 30)
            }
            let failed = results.filter(\.failed).count
            try Console.print(
                "polled \(results.count) of \(feeds.count) feeds, \(failed) failed, \(events.count) new events")
            if failed > 0 || hadErrors { throw ExitCode(ExitStatus.unavailable) }
        }
    }
}
