import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Feeds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feeds", abstract: "Check feed definitions or show each feed's health.",
            subcommands: [Check.self, Status.self])

        struct Check: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "check",
                abstract: "Validate the definitions offline: TOML, required keys, URLs, XPaths, patterns.")

            @OptionGroup var feedsOption: FeedsOption

            func run() async throws {
                let (feeds, errors) = FeedCatalog.load(feedsOption.path)
                for error in errors { Console.error("\(error)") }
                if feeds.isEmpty && errors.isEmpty {
                    throw Console.fail("\(feedsOption.path): no feed definitions", status: ExitStatus.dataError)
                }
                for feed in feeds { try Console.print("ok \(feed.id): \(feed.name) <\(feed.url.absoluteString)>") }
                try Console.print("\(feeds.count) feeds valid, \(errors.count) problems")
                if !errors.isEmpty { throw ExitCode(ExitStatus.dataError) }
            }
        }

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "status",
                abstract: "Per feed: last poll, last HTTP status, consecutive failures, next due, last error.")

            @OptionGroup var global: GlobalOptions
            @OptionGroup var feedsOption: FeedsOption

            @Option(help: "table or json (default: table in a terminal, json otherwise).")
            var format: DetailFormat?

            @Flag(help: "Exit 69 when a feed is failing or stale (for monitoring).")
            var check = false

            func run() async throws {
                let (feeds, _) = FeedCatalog.load(feedsOption.path)
                let store = try global.store(create: false)
                // A timeline written before staleness was recorded has no progress yet: nothing is stale.
                let progress = (try? store.feedProgresses()) ?? []
                let report = FeedStatusReport(
                    feeds: feeds, states: try store.feedStates(), progress: progress, now: Date())
                if (format ?? (Console.isTerminal ? .table : .json)) == .json {
                    try Console.print(report.json().serialized())
                } else {
                    try Console.print(report.table())
                }
                if check, report.needsAttention { throw ExitCode(ExitStatus.unavailable) }
            }
        }
    }
}
