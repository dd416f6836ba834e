import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a self-contained HTML report: monthly chart by bound, fund types, issuers, events.",
            discussion: """
                The file holds its charts as inline SVG and needs no network, script or font download. The events \
                table lists the first --limit events with their evidence; the others are counted per month below it. \
                FILE is replaced atomically, as by export --out.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: SelectionOptions

        @Option(help: "The HTML file to write.")
        var out: String

        @Option(help: "Events listed in the table (the rest are counted per month).")
        var limit = ReportData.defaultRowLimit

        func validate() throws {
            guard (0...1_000_000).contains(limit) else { throw ValidationError("--limit must be from 0 to 1000000") }
        }

        func run() async throws {
            let store = try global.store(create: false)
            let selection = try filters.selection()
            let data = try ReportData.collect(from: store, selection: selection, rowLimit: limit)
            let report = HTMLReport(data: data, subtitle: subtitle(data))
            let sink = try ExportSink(path: out, protecting: store.files)
            do {
                try sink.write(report.render())
                try sink.finish()
            } catch {
                sink.discard()
                throw error
            }
        }

        private func subtitle(_ data: ReportData) -> String {
            var parts = [data.firstMonth.map { first in "\(first) – \(data.lastMonth ?? first)" } ?? "no dated event"]
            let given: [(String, String?)] = [
                ("issuer", filters.issuer), ("fund type", filters.fundType), ("status", filters.status),
                ("bound", filters.bound), ("at least", filters.minAmount),
            ]
            for (name, value) in given { if let value { parts.append("\(name): \(value)") } }
            return parts.joined(separator: " · ")
        }
    }
}
