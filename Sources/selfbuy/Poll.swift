import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Poll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "poll",
            abstract: "One polling round over every feed that is due; prints a line per feed and the new events.",
            discussion: """
                Exit status 0 when every feed was polled, 69 when some failed (the others are still stored). \
                With --backfill --since YYYY-MM-DD, pages back through each paged JSON API until that date instead \
                (resumable: an interrupted backfill continues where it stopped), with progress on standard error.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var feedsOption: FeedsOption
        @OptionGroup var monitor: MonitorOptions

        @Flag(help: "Poll every feed, due or not.")
        var all = false

        @Flag(help: "Page back through paged APIs until --since instead of polling.")
        var backfill = false

        @Option(help: "With --backfill: the first day wanted (YYYY-MM-DD, China time).")
        var since: String?

        @Option(help: "Only this feed (by id).")
        var feed: String?

        func validate() throws {
            if backfill, since == nil { throw ValidationError("--backfill needs --since YYYY-MM-DD") }
            if let since, !DayArgument.isValid(since) { throw ValidationError("--since must be a day as YYYY-MM-DD") }
            if since != nil, !backfill { throw ValidationError("--since goes with --backfill") }
        }

        func run() async throws {
            let logger = monitor.logger()
            var (feeds, hadErrors) = try monitor.feeds(from: feedsOption)
            if let feed {
                feeds = feeds.filter { $0.id == feed }
                guard !feeds.isEmpty else {
                    throw Console.fail("no feed \"\(feed)\" in \(feedsOption.path)", status: ExitStatus.usage)
                }
            }
            let store = try global.store(create: true)
            var round = try monitor.round(store: store)
            if backfill, let since {
                var backfill = Backfill(round: round, since: since)
                backfill.onProgress = { line in StandardError.write(line + "\n") }
                let results = await backfill.run(feeds)
                for result in results { try Console.print(result.line) }
                let events = results.flatMap(\.summary.newEventIDs).compactMap { try? store.event(id: $0) }
                for event in events { try Console.print(EventReport.line(event)) }
                let failed = results.filter { $0.error != nil }.count
                try Console.print(
                    "backfilled \(results.count) feeds since \(since), \(failed) failed, \(events.count) new events")
                if failed > 0 || hadErrors { throw ExitCode(ExitStatus.unavailable) }
                return
            }
            // A progress line that cannot be written is not reported here: the summary line below fails the same way
            // once the round (and every write to the timeline) is over, and ends the command with exit 74.
            round.onResult = { result in
                try? Console.print(result.line)
                if let stale = result.stale { logger.warning("\(result.feedID): \(stale)") }
            }
            let snapshot = store.stateSnapshot(feeds.map(\.id))
            let results = await round.run(feeds, all: all)
            let unsaved = store.feedsNotSaved(results.map(\.feedID), since: snapshot)
            let events = results.flatMap(\.summary.newEventIDs).compactMap { try? store.event(id: $0) }
            for event in events { try Console.print(EventReport.line(event)) }
            if monitor.notifyWebhook != nil || monitor.notifyExec != nil {
                let notifier = monitor.notifier(logger: logger)
                await notifier.notify(events, logged: false)
                await notifier.drain(seconds: 30)
            }
            let failed = results.filter(\.failed).count
            try Console.print(
                "polled \(results.count) of \(feeds.count) feeds, \(failed) failed, \(events.count) new events")
            // A feed whose state could not be saved (a full disk) would be fetched again as if never polled: I/O error.
            if let feed = unsaved.first {
                let reason = results.first { $0.feedID == feed }?.error ?? "the timeline did not keep it"
                throw Console.fail("cannot save the state of feed \(feed): \(reason)", status: ExitStatus.ioError)
            }
            if failed > 0 || hadErrors { throw ExitCode(ExitStatus.unavailable) }
        }
    }
}
