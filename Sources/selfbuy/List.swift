import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events in date order.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "A month, YYYY-MM (China time).")
        var month: String?

        @Option(help: "First day, YYYY-MM-DD.")
        var from: String?

        @Option(help: "Last day, YYYY-MM-DD.")
        var to: String?

        @Option(help: "An issuer's canonical or legal name, or part of it.")
        var issuer: String?

        @Option(help: "table, json or csv (default: table in a terminal, json otherwise).")
        var format: OutputFormat?

        func validate() throws {
            if let month, !DayArgument.isValidMonth(month) {
                throw ValidationError("--month must be YYYY-MM, got \(month)")
            }
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, !DayArgument.isValid(value) {
                    throw ValidationError("\(name) must be YYYY-MM-DD, got \(value)")
                }
            }
            if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
            if let format, format == .jsonl { throw ValidationError("--format must be table, json or csv") }
        }

        func run() async throws {
            let store = try global.store(create: false)
            let chosen = format ?? (Console.isTerminal ? .table : .json)
            let events = try store.events(
                EventFilter(month: month, from: from, to: to, issuer: issuer), withSources: chosen == .json)
            switch chosen {
            case .table:
                try Console.print(events.isEmpty ? "no events" : EventReport.table(events))
            case .csv:
                let writer = CSVWriter()
                var output = writer.row(EventReport.csvColumns)
                for event in events { output += EventReport.csvRow(event, writer: writer) }
                try Console.write(output)
            default:
                try Console.print(JSONValue.array(events.map(EventReport.json)).serialized())
            }
        }
    }
}
