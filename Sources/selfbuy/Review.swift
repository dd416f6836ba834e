import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Near misses: stored sentences that looked like a self-purchase but gave no pledge, with why.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Only documents published in this month, YYYY-MM.")
        var month: String?

        @Option(help: "table or jsonl (default: table in a terminal, jsonl otherwise).")
        var format: OutputFormat?

        func validate() throws {
            if let format, format != .table, format != .jsonl {
                throw ValidationError("--format must be table or jsonl")
            }
            if let month, !DayArgument.isValidMonth(month) {
                throw ValidationError("--month must be YYYY-MM, got \(month)")
            }
        }

        func run() async throws {
            let misses = try global.store(create: false).nearMisses(month: month)
            if (format ?? (Console.isTerminal ? .table : .jsonl)) == .table {
                try Console.print(NearMissReport.table(misses))
            } else {
                for miss in misses { try Console.print(NearMissReport.json(miss).serialized()) }
            }
        }
    }
}
