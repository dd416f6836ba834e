import ArgumentParser
import Foundation
import SelfBuyDetection
import SelfBuyKit

@main
struct SelfBuyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selfbuy",
        abstract: "Watch Chinese disclosures for fund-company self-purchase pledges (基金公司自购) and keep a timeline.",
        version: SelfBuyVersion.current,
        // Each subcommand names itself (`commandName`): a name left out is derived from `String(describing:)` of the
        // type, whose protocol-conformance scans over the whole binary cost about 2 ms of every start.
        subcommands: [
            Poll.self, Daemon.self, Ingest.self, Parse.self, Extract.self, List.self, Summary.self, Show.self,
            Export.self, Report.self, Review.self,
            Feeds.self,
        ]
    )

    /// `--db` is global: accepted before the subcommand as well as after it (the subcommands read the same option).
    @OptionGroup var global: GlobalOptions

    /// The subcommands that read texts with the standard detector, which is then built while the command line is
    /// parsed.
    static let detectingCommands: Set<String> = ["ingest", "poll", "daemon", "extract"]

    /// Parses and runs a subcommand; every error that reaches here is reported as one `selfbuy: ` line with the exit
    /// status its kind calls for (usage 64, output 73/74, a damaged timeline 74), never as a bare library error.
    static func main() async {
        // A notification command or a reader that goes away must not kill selfbuy with SIGPIPE: writes to it fail
        // with EPIPE instead, which each writer handles (a closed standard output: see `report`).
        signal(SIGPIPE, SIG_IGN)
        AllocatorTuning.apply(environment: ProcessInfo.processInfo.environment)
        AllocatorTuning.disableSQLiteMemoryStatistics()
        // The subcommand comes first, or after the global `--db PATH`; a wrong guess costs a few ms of a second core.
        if CommandLine.arguments.dropFirst().prefix(3).contains(where: detectingCommands.contains) {
            PledgeDetector.prepareStandard()
        }
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            report(error)
        }
    }

    private static func report(_ error: any Error) -> Never {
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
        // `selfbuy list | head`: the reader has all it wanted. End as every filter in a pipeline does, quietly by
        // SIGPIPE (status 141 in the shell), never with a message; whatever was stored is committed.
        if case OutputError.write(path: nil, errno: EPIPE) = error {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        let code = exitCode(for: error)
        // --help and --version end here too; the parser prints them on standard output.
        if code.rawValue == ExitCode.success.rawValue { exit(withError: error) }
        let failure =
            code.rawValue == ExitCode.validationFailure.rawValue
            ? FailureReport.usage(message: message(for: error), fullMessage: fullMessage(for: error))
            : FailureReport(error)
        Console.error(failure.message)
        Foundation.exit(failure.status)
    }
}
