import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every event as CSV, JSON or JSON lines.",
            discussion: """
                --out writes a temporary file beside FILE and renames it over FILE when the export is complete: FILE \
                keeps its old content when anything fails. FILE must be a regular file or not exist; a symbolic link \
                is followed and the file it points to replaced. A directory, a device or a FIFO is refused (exit 73).
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "csv (default), json or jsonl.")
        var format: OutputFormat = .csv

        @Option(help: "Write to this file (replaced atomically) instead of standard output.")
        var out: String?

        @Flag(help: "UTF-8 with a byte-order mark and CRLF line ends, so that Excel opens Chinese text correctly.")
        var excel = false

        func validate() throws {
            if format == .table { throw ValidationError("--format must be csv, json or jsonl") }
        }

        func run() async throws {
            let store = try global.store(create: false)
            let sink = try ExportSink(path: out, protecting: store.files)
            do {
                try write(store, to: sink)
                try sink.finish()
            } catch {
                sink.discard()
                throw error
            }
        }

        private func write(_ store: TimelineStore, to sink: ExportSink) throws {
            let lineEnding = excel ? "\r\n" : "\n"
            if excel { try sink.write("\u{FEFF}") }
            let writer = CSVWriter(lineEnding: lineEnding)
            var first = true
            switch format {
            case .csv: try sink.write(writer.row(EventReport.csvColumns))
            case .json: try sink.write("[")
            default: break
            }
            if format == .csv {
                try store.forEachEventSummary { try sink.write(EventReport.csvRow($0, writer: writer)) }
            } else {
                try store.forEachEvent { event in
                    if format == .json {
                        try sink.write((first ? "" : ",") + lineEnding + EventReport.json(event).serialized())
                    } else {
                        try sink.write(EventReport.json(event).serialized() + lineEnding)
                    }
                    first = false
                }
            }
            if format == .json { try sink.write(lineEnding + "]" + lineEnding) }
        }
    }
}
