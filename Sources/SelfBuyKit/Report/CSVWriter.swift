/// RFC 4180 CSV with a guard against spreadsheet formulas.
///
/// Records are built as UTF-8 bytes (``Record``): export writes millions of cells, and each goes from the string's
/// own storage into the output buffer without an intermediate line.
public struct CSVWriter: Sendable {
    /// Line ending: CRLF for `--excel` (and RFC 4180), LF otherwise.
    public var lineEnding: String

    public init(lineEnding: String = "\n") {
        self.lineEnding = lineEnding
    }

    /// One record: cells quoted when they hold a comma, quote, CR or LF; a cell starting with `=`, `+`, `-`, `@`, tab
    /// or CR gets a leading `'` so that a spreadsheet shows it instead of running it.
    public func row(_ cells: [String?]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        record(into: &bytes) { record in
            for cell in cells { record.append(cell) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one record to `bytes`: `cells` appends its cells in column order, then the line ending follows.
    public func record(into bytes: inout [UInt8], _ cells: (inout Record) throws -> Void) rethrows {
        var record = Record()
        swap(&record.bytes, &bytes)
        defer { swap(&record.bytes, &bytes) }
        try cells(&record)
        var ending = lineEnding
        ending.withUTF8 { record.bytes.append(contentsOf: $0) }
    }

    /// The cells of one record, appended as UTF-8 bytes, separated by commas.
    public struct Record {
        var bytes: [UInt8] = []
        private var started = false

        /// A text cell; nil is an empty cell.
        public mutating func append(_ cell: String?) {
            separate()
            guard var cell else { return }
            cell.withUTF8 { CSVWriter.append(cell: $0, to: &bytes) }
        }

        /// A number cell, written as `String(value)` would be; nil is an empty cell.
        public mutating func append(_ value: Int64?) {
            guard let value else { return append(nil as String?) }
            // A negative number starts with `-`: the formula guard applies, as to any text.
            guard value >= 0 else { return append(String(value)) }
            separate()
            var divisor: Int64 = 1
            while divisor <= value / 10 { divisor *= 10 }
            var rest = value
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
                rest %= divisor
                divisor /= 10
            } while divisor > 0
        }

        public mutating func append(_ value: Int?) { append(value.map(Int64.init)) }

        private mutating func separate() {
            if started { bytes.append(UInt8(ascii: ",")) }
            started = true
        }
    }

    /// Appends one cell's UTF-8: the formula guard, then quoting (with quotes doubled) when the cell holds a comma,
    /// quote, CR or LF.
    static func append(cell: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let guarded: Bool
        switch cell.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: guarded = true
        default: guarded = false
        }
        // The four bytes that call for quotes are all below `-` (0x2D), and CJK text has none: eight bytes at a time
        // are checked for one below 0x2D (exact for a bound under 0x80), and only such words byte by byte.
        var quotes = 0
        var needsQuotes = false
        var index = 0
        if let base = cell.baseAddress {
            while index + 8 <= cell.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let below = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
                if below != 0 { break }
                index += 8
            }
        }
        while index < cell.count {
            switch cell[index] {
            case UInt8(ascii: "\""):
                quotes += 1
                needsQuotes = true
            case UInt8(ascii: ","), 0x0A, 0x0D: needsQuotes = true
            default: break
            }
            index += 1
        }
        guard needsQuotes else {
            if guarded { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: cell)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if guarded { bytes.append(UInt8(ascii: "'")) }
        if quotes == 0 {
            bytes.append(contentsOf: cell)
        } else {
            bytes.reserveCapacity(bytes.count + cell.count + quotes + 1)
            for byte in cell {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
