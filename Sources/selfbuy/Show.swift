import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "One event: every field, every source, the evidence with the matched spans marked 【】.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The event id (as `list` prints it).")
        var id: String

        @Option(help: "table or json (default: table in a terminal, json otherwise).")
        var format: DetailFormat?

        @Option(help: "Amounts in the table: yuan, wan (万) or yi (亿).")
        var unit: AmountUnit = .yuan

        func run() async throws {
            let store = try global.store(create: false)
            // An unknown id is bad input data (65), a damaged timeline an I/O error (74): FailureReport tells them apart.
            let event = try store.event(id: id)
            if (format ?? (Console.isTerminal ? .table : .json)) == .json {
                try Console.print(EventReport.json(event).serialized())
            } else {
                try Console.print(EventReport.detail(event, unit: unit))
            }
        }
    }
}
