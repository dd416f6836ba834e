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
        cells.map { cell in Self.escape(Self.neutralize(cell ?? "")) }.joined(separator: ",") + lineEnding
    }

    static func neutralize(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + cell : cell
    }

    static func escape(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return cell
        }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
