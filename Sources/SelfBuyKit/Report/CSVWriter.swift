/// RFC 4180 CSV with a guard against spreadsheet formulas.
public struct CSVWriter: Sendable {
    /// Line ending: CRLF for `--excel` (and RFC 4180), LF otherwise.
    public var lineEnding: String

    public init(lineEnding: String = "\n") {
        self.lineEnding = lineEnding
    }

    /// One record: cells quoted when they hold a comma, quote, CR or LF; a cell starting with `=`, `+`, `-`, `@`, tab
    /// or CR gets a leading `'` so that a spreadsheet shows it instead of running it.
    public func row(_ cells: [String?]) -> String {
        var line = ""
        line.reserveCapacity(256)
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += "," }
            Self.append(cell ?? "", to: &line)
        }
        line += lineEnding
        return line
    }

    /// Appends one cell: the formula guard, then quoting when the cell holds a comma, quote, CR or LF. Works on
    /// UTF-8 bytes; export writes millions of cells.
    static func append(_ cell: String, to line: inout String) {
        let utf8 = cell.utf8
        let guarded: Bool
        switch utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: guarded = true
        default: guarded = false
        }
        let needsQuotes = utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
        guard needsQuotes else {
            if guarded { line += "'" }
            line += cell
            return
        }
        line += guarded ? "\"'" : "\""
        if utf8.contains(UInt8(ascii: "\"")) {
            line += cell.replacingOccurrences(of: "\"", with: "\"\"")
        } else {
            line += cell
        }
        line += "\""
    }
}
