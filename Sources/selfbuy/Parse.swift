import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Parse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Show what selfbuy reads in a source: one item per feed entry, or one for an HTML page or a PDF.")

        @Argument(help: "A file path, a file:// URL or an http(s):// URL.")
        var source: String

        @Option(help: "jsonl or table (default: table in a terminal, jsonl otherwise).")
        var format: OutputFormat?

        @Option(help: "Decode with this encoding whatever the document says (e.g. gb18030).")
        var encoding: String?

        func validate() throws {
            if let format, format != .jsonl, format != .table {
                throw ValidationError("--format must be jsonl or table")
            }
        }

        private func read() async throws -> ParsedSource {
            var document = try await SourceInput.fetch(source)
            let bytes = document.bytes
            document.bytes = []
            do {
                return try SourceReader(encodingOverride: encoding).read(
                    bytes, url: document.url, contentType: document.contentType)
            } catch {
                throw Console.fail("\(source): \(error)", status: ExitStatus.dataError)
            }
        }

        func run() async throws {
            // The document's bytes are released as soon as they are read: a 10 MB feed then stays under 100 MB.
            let parsed = try await read()
            if parsed.recovered {
                Console.error(
                    "\(source): recovered from broken markup (\(parsed.notes.filter { $0.hasPrefix("line ") }.joined(separator: "; ")))"
                )
            }
            for note in parsed.notes
            where note.hasPrefix("unsupported") || note.hasPrefix("read as") || note.hasPrefix("dropped")
                || note.hasPrefix("pdf:")
            {
                Console.error("\(source): warning: \(note)")
            }
            if parsed.replacements > 0 {
                Console.error("\(source): \(parsed.replacements) undecodable byte sequences replaced by U+FFFD")
            }
            switch format ?? (Console.isTerminal ? .table : .jsonl) {
            case .table: try Console.print(ItemReport.table(parsed.items))
            default:
                for item in parsed.items { try Console.print(ItemReport.json(item).serialized()) }
            }
        }
    }
}
