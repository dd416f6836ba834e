import ArgumentParser
import Foundation
import SelfBuyKit

/// Output helpers shared by the subcommands: stdout lines, one-line errors on stderr, exit codes.
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("selfbuy: " + message + "\n").utf8))
    }

    /// Prints `selfbuy: <message>` and returns the exit code to throw.
    static func fail(_ message: String, status: Int32) -> ExitCode {
        error(message)
        return ExitCode(status)
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// Output formats; each command accepts the ones its contract lists.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, csv
}
