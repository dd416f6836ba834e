import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write every event as CSV, JSON or JSON lines.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "csv (default), json or jsonl.")
        var format: OutputFormat = .csv

        @Option(help: "Write to this file instead of standard output.")
        var out: String?

        @Flag(help: "UTF-8 with a byte-order mark and CRLF line ends, so that Excel opens Chinese text correctly.")
        var excel = false

        func validate() throws {
            if format == .table { throw ValidationError("--format must be csv, json or jsonl") }
        }

        func run() async throws {
            let store = try global.store(create: false)
            let sink: ExportSink
            do {
                sink = try ExportSink(path: out)
            } catch {
                throw Console.fail("\(out ?? "stdout"): \(error)", status: ExitStatus.ioError)
            }
            let lineEnding = excel ? "\r\n" : "\n"
            if excel { sink.write("\u{FEFF}") }
            let writer = CSVWriter(lineEnding: lineEnding)
            var first = true
            switch format {
            case .csv: sink.write(writer.row(EventReport.csvColumns))
            case .json: sink.write("[")
            default: break
            }
            if format == .csv {
                try store.forEachEventSummary { sink.write(EventReport.csvRow($0, writer: writer)) }
            } else {
                try store.forEachEvent { event in
                    if format == .json {
                        sink.write((first ? "" : ",") + lineEnding + EventReport.json(event).serialized())
                    } else {
                        sink.write(EventReport.json(event).serialized() + lineEnding)
                    }
                    first = false
                }
            }
            if format == .json { sink.write(lineEnding + "]" + lineEnding) }
            try sink.finish()
        }
    }
}
