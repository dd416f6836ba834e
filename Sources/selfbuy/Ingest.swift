import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read sources (files, file:// or http(s):// URLs) and store the pledges they report.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Files or URLs: RSS, Atom, RDF, HTML or PDF, sniffed from the content.")
        var sources: [String]

        @Option(help: "The announcement date of every source, YYYY-MM-DD.")
        var date: String?

        func validate() throws {
            if sources.isEmpty { throw ValidationError("name at least one source") }
            if let date, !DayArgument.isValid(date) { throw ValidationError("--date must be YYYY-MM-DD, got \(date)") }
        }

        /// Tries every source; a source that fails is reported and the others are still stored. The exit status is
        /// that of the first failure: 66 for a missing or unreadable file, 65 for data that is not a feed or page,
        /// 69 for an unavailable URL. A timeline that cannot be written stops the command at once (74).
        func run() async throws {
            let store = try global.store(create: true)
            let ingestor = Ingestor(store: store)
            var failure: Int32?
            for source in sources {
                let document: FetchedDocument
                let parsed: ParsedSource
                do {
                    document = try await SourceInput.fetch(source)
                    parsed = try SourceReader().read(
                        document.bytes, url: document.url, contentType: document.contentType)
                } catch let code as ExitCode {
                    failure = failure ?? code.rawValue
                    continue
                } catch {
                    Console.error("\(source): \(error)")
                    failure = failure ?? ExitStatus.dataError
                    continue
                }
                let summary = try ingestor.ingest(parsed.items, sourceURL: document.url, date: date, fetchedAt: Date())
                try Console.print(
                    "\(source): \(summary.items) items, \(summary.newDocuments) new documents, "
                        + "\(summary.newEventIDs.count) new events, \(summary.mergedEventIDs.count) merged")
                for id in summary.newEventIDs {
                    try Console.print(EventReport.line(try store.event(id: id)))
                }
            }
            if let failure { throw ExitCode(failure) }
        }
    }
}
