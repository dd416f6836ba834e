import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List events in date order.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: SelectionOptions

        @Option(help: "table, json, jsonl or csv (default: table in a terminal, json otherwise).")
        var format: OutputFormat?

        @Option(help: "Amounts in tables: yuan, wan (万) or yi (亿).")
        var unit: AmountUnit = .yuan

        func run() async throws {
            let store = try global.store(create: false)
            let selection = try filters.selection()
            let chosen = format ?? (Console.isTerminal ? .table : .json)
            guard let streamed = chosen.stream else {
                var events: [EventView] = []
                try selection.forEachRow(in: store) { events.append($0) }
                try Console.print(events.isEmpty ? "no events" : EventReport.table(events, unit: unit))
                return
            }
            let writer = EventStreamWriter(format: streamed, sink: try ExportSink(path: nil))
            try writer.begin()
            try writer.write(selection, from: store)
            try writer.finish()
        }
    }
}
