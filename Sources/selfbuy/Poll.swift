import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Poll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One polling round over every feed that is due; prints a line per feed and the new events.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var feedsOption: FeedsOption

        @Flag(help: "Poll every feed, due or not.")
        var all = false

        func run() async throws {
            let (feeds, errors) = FeedCatalog.load(feedsOption.path)
            for error in errors { Console.error("\(error)") }
            guard !feeds.isEmpty else {
                throw Console.fail("\(feedsOption.path): no feed definitions", status: ExitStatus.usage)
            }
            let store = try global.store(create: true)
            var round = PollRound(store: store, transport: TransportRouter())
            round.onResult = { result in Console.print(result.line) }
            let results = await round.run(feeds, all: all)
            for id in results.flatMap(\.summary.newEventIDs) {
                if let event = try? store.event(id: id) { Console.print(EventReport.line(event)) }
            }
            let polled = results.count
            let failed = results.filter(\.failed).count
            Console.print(
                "polled \(polled) of \(feeds.count) feeds, \(failed) failed, "
                    + "\(results.reduce(0) { $0 + $1.summary.newEventIDs.count }) new events")
            if failed > 0 || !errors.isEmpty { throw ExitCode(ExitStatus.unavailable) }
        }
    }
}
