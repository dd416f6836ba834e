import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "One row per month: events, issuers, pledged totals by bound, fund types.",
            discussion: """
                Undated events are counted in a last row, `undated` (left out when --month, --from or --to bound \
                the dates). Totals are pledges as announced, kept apart by bound, never added into one figure.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: SelectionOptions

        @Option(help: "table, json, jsonl or csv (default: table in a terminal, json otherwise).")
        var format: OutputFormat?

        @Option(help: "Amounts in the table: yuan, wan (万) or yi (亿).")
        var unit: AmountUnit = .yuan

        @Flag(help: "Draw the months as bars of block characters, stacked by bound (colour unless NO_COLOR is set).")
        var chart = false

        func validate() throws {
            if chart, let format, format != .table { throw ValidationError("--chart draws a table, not \(format)") }
        }

        func run() async throws {
            let months = try filters.selection().months(in: try global.store(create: false))
            switch format ?? (Console.isTerminal || chart ? .table : .json) {
            case .table where chart && !months.isEmpty:
                let drawing = MonthChart(
                    months: months, unit: unit, width: Console.terminalWidth, colour: Console.usesColour)
                try Console.print(drawing.render())
            case .table:
                try Console.print(months.isEmpty ? "no events" : MonthView.table(months, unit: unit))
                if !months.isEmpty {
                    try Console.print(
                        "Totals are pledges as announced (caps, floors, exact amounts), not executed purchases.")
                }
            case .csv:
                let writer = CSVWriter()
                var output = writer.row(MonthView.csvColumns)
                for month in months { output += writer.row(month.csvCells()) }
                try Console.write(output)
            case .jsonl:
                try Console.write(months.map { $0.json().serialized() + "\n" }.joined())
            case .json:
                try Console.print(JSONValue.array(months.map { $0.json() }).serialized())
            }
        }
    }
}
