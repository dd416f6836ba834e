import ArgumentParser
import Foundation
import SelfBuyDetection
import SelfBuyKit

extension SelfBuyCommand {
    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the pledges found in a text or HTML file (or standard input); touches no database.")

        @Argument(help: "A text or HTML file; standard input when omitted or '-'.")
        var file: String?

        @Option(help: "The announcement date, YYYY-MM-DD.")
        var date: String?

        @Option(help: "jsonl or table (default: table in a terminal, jsonl otherwise).")
        var format: OutputFormat?

        func validate() throws {
            if let format, format != .jsonl, format != .table {
                throw ValidationError("--format must be jsonl or table")
            }
            if let date, !DayArgument.isValid(date) { throw ValidationError("--date must be YYYY-MM-DD, got \(date)") }
        }

        func run() async throws {
            let name: String
            let bytes: [UInt8]
            let url: URL?
            if let file, file != "-" {
                let document = try await SourceInput.fetch(file)
                (name, bytes, url) = (file, document.bytes, document.url)
            } else {
                (name, bytes, url) = ("<stdin>", [UInt8](FileHandle.standardInput.readDataToEndOfFile()), nil)
            }
            guard !bytes.isEmpty else { return }
            let pledges: [Pledge]
            do {
                pledges = try TextExtraction().pledges(in: bytes, url: url, date: date)
            } catch {
                throw Console.fail("\(name): \(error)", status: ExitStatus.dataError)
            }
            guard !pledges.isEmpty else { return }
            switch format ?? (Console.isTerminal ? .table : .jsonl) {
            case .table: Console.print(PledgeReport.table(pledges))
            default:
                for pledge in pledges { Console.print(PledgeReport.json(pledge).serialized()) }
            }
        }
    }
}
