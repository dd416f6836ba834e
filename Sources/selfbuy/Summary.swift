import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per month: events, issuers, pledged totals by bound, fund types.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "First month, YYYY-MM.")
        var from: String?

        @Option(help: "Last month, YYYY-MM.")
        var to: String?

        @Option(help: "table, json or csv (default: table in a terminal, json otherwise).")
        var format: OutputFormat?

        func validate() throws {
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, !DayArgument.isValidMonth(value) {
                    throw ValidationError("\(name) must be YYYY-MM, got \(value)")
                }
            }
            if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
            if let format, format == .jsonl { throw ValidationError("--format must be table, json or csv") }
        }

        func run() async throws {
            let months = try global.store(create: false).summary(fromMonth: from, toMonth: to)
            switch format ?? (Console.isTerminal ? .table : .json) {
            case .table:
                try Console.print(months.isEmpty ? "no events" : SummaryReport.table(months))
                if !months.isEmpty {
                    try Console.print(
                        "Totals are pledges as announced (caps, floors, exact amounts), not executed purchases.")
                }
            case .csv:
                let writer = CSVWriter()
                var output = writer.row(SummaryReport.csvColumns)
                for month in months { output += SummaryReport.csvRow(month, writer: writer) }
                try Console.write(output)
            default:
                try Console.print(JSONValue.array(months.map(SummaryReport.json)).serialized())
            }
        }
    }
}
