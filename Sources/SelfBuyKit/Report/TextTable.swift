/// A plain-text table whose columns line up in a terminal, counting East Asian wide characters as two columns.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Cells longer than this many columns are cut with an ellipsis.
    public var maxCellWidth: Int

    public init(headers: [String], rows: [[String]] = [], maxCellWidth: Int = 60) {
        self.headers = headers
        self.rows = rows
        self.maxCellWidth = maxCellWidth
    }

    public func render() -> String {
        let cells = ([headers] + rows).map { row in row.map { Self.cut(oneLine($0), to: maxCellWidth) } }
        var widths = [Int](repeating: 0, count: headers.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.displayWidth(cell))
            }
        }
        var lines: [String] = []
        for (rowIndex, row) in cells.enumerated() {
            var line = ""
            for (index, cell) in row.enumerated() where index < widths.count {
                let isLast = index == widths.count - 1
                line += cell
                if !isLast { line += String(repeating: " ", count: widths[index] - Self.displayWidth(cell) + 2) }
            }
            lines.append(line)
            if rowIndex == 0 {
                lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// The text cut to `columns` terminal columns, with an ellipsis when cut (wide characters count two).
    static func cut(_ text: String, to columns: Int) -> String {
        guard displayWidth(text) > columns else { return text }
        var result = ""
        var used = 0
        for character in text {
            let next = displayWidth(String(character))
            if used + next > columns - 1 { break }
            result.append(character)
            used += next
        }
        return columns > 0 ? result + "…" : ""
    }

    /// Terminal columns of a string: wide and full-width characters take two.
    public static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark || scalar.value == 0x200B { continue }
            width += isWide(scalar) ? 2 : 1
        }
        return width
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
