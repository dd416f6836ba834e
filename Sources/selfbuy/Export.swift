import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every event (or those the filters select) as CSV, JSON or JSON lines.",
            discussion: """
                --out writes a temporary file beside FILE and renames it over FILE when the export is complete: FILE \
                keeps its old content when anything fails. FILE must be a regular file or not exist; a symbolic link \
                is followed and the file it points to replaced. A directory, a device or a FIFO is refused (exit 73).
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: SelectionOptions

        @Option(help: "csv (default), json or jsonl.")
        var format: EventStreamWriter.Format = .csv

        @Option(help: "Write to this file (replaced atomically) instead of standard output.")
        var out: String?

        @Flag(
            help: """
                CSV for Excel: UTF-8 with a byte-order mark and CRLF line ends, so that Excel opens Chinese text \
                correctly (JSON is written as it is: no byte-order mark).
                """)
        var excel = false

        func run() async throws {
            let store = try global.store(create: false)
            let selection = try filters.selection()
            let sink = try ExportSink(path: out, protecting: store.files)
            let writer = EventStreamWriter(format: format, sink: sink, excel: excel)
            do {
                try writer.begin()
                try writer.write(selection, from: store)
                try writer.finish()
            } catch {
                sink.discard()
                throw error
            }
        }
    }
}
