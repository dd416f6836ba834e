import ArgumentParser
import Foundation
import SelfBuyDetection
import SelfBuyKit

extension SelfBuyCommand {
    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Print the pledges found in a text, HTML or PDF file (or standard input); touches no database.")

        @Argument(help: "A text, HTML or PDF file; standard input when omitted or '-'.")
        var file: String?

        @Option(help: "The announcement date, YYYY-MM-DD.")
        var date: String?

        @Option(help: "jsonl or table (default: table in a terminal, jsonl otherwise).")
        var format: PledgeFormat?

        @Option(help: "Amounts in the table: yuan, wan (万) or yi (亿).")
        var unit: AmountUnit = .yuan

        @Flag(help: "Also print, for every sentence that looked like a self-purchase but gave no pledge, the reason.")
        var explain = false

        @OptionGroup var issuers: IssuersOption

        func validate() throws {
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
            let detector = try DetectorOptions.detector(issuers: issuers.path)
            let detection: Detection
            do {
                detection = try TextExtraction(detector: detector).detection(in: bytes, url: url, date: date)
            } catch {
                throw Console.fail("\(name): \(error)", status: ExitStatus.dataError)
            }
            let pledges = detection.pledges
            let table = (format ?? (Console.isTerminal ? .table : .jsonl)) == .table
            if !pledges.isEmpty {
                if table {
                    try Console.print(PledgeReport.table(pledges, unit: unit))
                } else {
                    for pledge in pledges { try Console.print(PledgeReport.json(pledge).serialized()) }
                }
            }
            if explain, !detection.nearMisses.isEmpty {
                if table {
                    try Console.print(PledgeReport.nearMissTable(detection.nearMisses))
                } else {
                    for miss in detection.nearMisses { try Console.print(PledgeReport.json(miss).serialized()) }
                }
            }
        }
    }
}
