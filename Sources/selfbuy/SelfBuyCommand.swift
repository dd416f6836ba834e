import ArgumentParser
import Foundation
import SelfBuyKit

@main
struct SelfBuyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selfbuy",
        abstract: "Watch Chinese disclosures for fund-company self-purchase pledges (基金公司自购) and keep a timeline.",
        version: SelfBuyVersion.current,
        subcommands: [Parse.self, Extract.self]
    )
}
