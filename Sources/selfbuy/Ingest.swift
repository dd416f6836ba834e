import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read sources (files, file:// or http(s):// URLs) and store the pledges they report.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Files or URLs: RSS, Atom, RDF or HTML, sniffed from the content.")
        var sources: [String]

        @Option(help: "The announcement date of every source, YYYY-MM-DD.")
        var date: String?

        func validate() throws {
            if sources.isEmpty { throw ValidationError("name at least one source") }
            if let date, !DayArgument.isValid(date) { throw ValidationError("--date must be YYYY-MM-DD, got \(date)") }
        }

        func run() async throws {
            let store = try global.store(create: true)
            let ingestor = Ingestor(store: store)
            var failures = 0
            for source in sources {
                do {
                    let document = try await SourceInput.fetch(source)
                    let parsed = try SourceReader().read(
                        document.bytes, url: document.url, contentType: document.contentType)
                    let summary = try ingestor.ingest(
                        parsed.items, sourceURL: document.url, date: date, fetchedAt: Date())
                    Console.print(
                        "\(source): \(summary.items) items, \(summary.newDocuments) new documents, "
                            + "\(summary.newEventIDs.count) new events, \(summary.mergedEventIDs.count) merged")
                    for id in summary.newEventIDs {
                        Console.print(EventReport.line(try store.event(id: id)))
                    }
                } catch is ExitCode {
                    failures += 1
                } catch {
                    failures += 1
                    Console.error("\(source): \(error)")
                }
            }
            if failures > 0 {
                throw ExitCode(failures == sources.count ? ExitStatus.dataError : ExitStatus.unavailable)
            }
        }
    }
}
