import ArgumentParser
import Foundation
import SelfBuyKit

@main
struct SelfBuyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selfbuy",
        abstract: "Watch Chinese disclosures for fund-company self-purchase pledges (基金公司自购) and keep a timeline.",
        version: SelfBuyVersion.current,
        subcommands: [
            Poll.self, Daemon.self, Ingest.self, Parse.self, Extract.self, List.self, Summary.self, Show.self,
            Export.self,
            Feeds.self,
        ]
    )
}
