import ArgumentParser
import Foundation
import SelfBuyKit

/// Output helpers shared by the subcommands: stdout lines, one-line errors on stderr, exit codes.
enum Console {
    /// Prints a line on standard output.
    ///
    /// - Throws: ``OutputError`` when it cannot be written (a full disk, a closed pipe): the command then ends with
    ///   `selfbuy: write error: …` and exit 74.
    static func print(_ text: String) throws {
        try StandardOutput.write(text + "\n")
    }

    /// Writes text as it is on standard output.
    static func write(_ text: String) throws {
        try StandardOutput.write(text)
    }

    static func error(_ message: String) {
        StandardError.write("selfbuy: " + message + "\n")
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

    /// The machine-readable form written event by event, nil for a table.
    var stream: EventStreamWriter.Format? { EventStreamWriter.Format(rawValue: rawValue) }
}

extension AmountUnit: ExpressibleByArgument {}
