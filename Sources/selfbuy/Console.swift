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

    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything (no-color.org).
    static var usesColour: Bool {
        guard isTerminal else { return false }
        return (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// `$COLUMNS`, else the terminal's width, else 80.
    static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), (20...1000).contains(columns)
        {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
        return 80
    }
}

/// Output formats; each command accepts the ones its contract lists.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, csv

    /// The machine-readable form written event by event, nil for a table.
    var stream: EventStreamWriter.Format? { EventStreamWriter.Format(rawValue: rawValue) }
}

/// What `show` prints: its help lists exactly these.
enum DetailFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// What `extract` prints: its help lists exactly these.
enum PledgeFormat: String, ExpressibleByArgument, CaseIterable {
    case table, jsonl
}

extension EventStreamWriter.Format: ExpressibleByArgument {}

extension AmountUnit: ExpressibleByArgument {}
