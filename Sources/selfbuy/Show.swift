import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One event: every field, every source, the evidence with the matched spans marked 【】.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The event id (as `list` prints it).")
        var id: String

        @Option(help: "table or json.")
        var format: OutputFormat?

        func validate() throws {
            if let format, format != .table, format != .json { throw ValidationError("--format must be table or json") }
        }

        func run() async throws {
            let store = try global.store(create: false)
            let event: TimelineEvent
            do {
                event = try store.event(id: id)
            } catch let error as TimelineError {
                throw Console.fail("\(error)", status: ExitStatus.dataError)
            }
            if format == .json {
                Console.print(EventReport.json(event).serialized())
            } else {
                Console.print(EventReport.detail(event))
            }
        }
    }
}
