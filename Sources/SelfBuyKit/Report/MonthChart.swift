/// `selfbuy summary --chart`: the report's monthly bars drawn in a terminal with block characters, one line per month.
///
/// Each bound has its own block (█ exact, ▓ at least, ▒ at most, ░ approx), so that the chart reads without colour;
/// colour is added only when asked (a terminal, and `NO_COLOR` unset). Parts are stacked to draw them, never summed
/// into one figure. Columns are counted as a terminal shows them: CJK characters (万, 亿) take two.
public struct MonthChart: Sendable {
    public var months: [MonthView]
    public var unit: AmountUnit
    /// Terminal columns available (at least 40 are used).
    public var width: Int
    public var colour: Bool

    public init(months: [MonthView], unit: AmountUnit, width: Int = 80, colour: Bool = false) {
        self.months = months
        self.unit = unit
        self.width = width
        self.colour = colour
    }

    static func block(_ key: MonthView.BoundKey) -> Character {
        switch key {
        case .exact: return "█"
        case .atLeast: return "▓"
        case .atMost: return "▒"
        case .approx: return "░"
        }
    }

    /// ANSI colour codes, one per bound.
    static func ansi(_ key: MonthView.BoundKey) -> String {
        switch key {
        case .exact: return "\u{1B}[34m"
        case .atLeast: return "\u{1B}[32m"
        case .atMost: return "\u{1B}[33m"
        case .approx: return "\u{1B}[35m"
        }
    }

    public func render() -> String {
        let labelWidth = months.map { TextTable.displayWidth($0.label) }.max() ?? 7
        let width = max(self.width, 40)
        // A line is the label, " │", the bar, a space and the note; a narrow terminal cuts the notes, never the bar
        // below ten columns.
        let room = width - labelWidth - 3
        var notes = months.map(note)
        let barWidth = max(10, room - (notes.map(TextTable.displayWidth).max() ?? 0))
        notes = notes.map { TextTable.cut($0, to: room - barWidth) }
        let largest = months.map(\.stackedYuan).max() ?? 0
        var lines: [String] = []
        let legend = MonthView.BoundKey.allCases.map { paint(String(Self.block($0)), $0) + " " + $0.title }
            .joined(separator: "  ")
        lines.append(legend)
        lines.append(TextTable.cut("(\(unit.heading); stacked to draw, never added up; n = events)", to: width))
        for (month, note) in zip(months, notes) {
            var line = month.label + String(repeating: " ", count: labelWidth - TextTable.displayWidth(month.label))
            line += " │"
            var drawn = 0
            for key in MonthView.BoundKey.allCases {
                let total = month.total(key)
                guard total.events > 0, largest > 0 else { continue }
                var cells = Int((Double(total.yuan) / Double(largest) * Double(barWidth)).rounded())
                if total.yuan > 0 { cells = max(cells, 1) }
                cells = min(cells, barWidth - drawn)
                guard cells > 0 else { continue }
                line += paint(String(repeating: Self.block(key), count: cells), key)
                drawn += cells
            }
            line += String(repeating: " ", count: barWidth - drawn) + " " + note
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// `n=5 ≥8,000万 =2,000万`: the events and each bound's total beside the bar.
    func note(_ month: MonthView) -> String {
        var parts = ["n=\(month.events)"]
        for key in MonthView.BoundKey.allCases where month.total(key).events > 0 {
            let sign: String
            switch key {
            case .exact: sign = "="
            case .atLeast: sign = "≥"
            case .atMost: sign = "≤"
            case .approx: sign = "≈"
            }
            parts.append(sign + unit.format(month.total(key).yuan))
        }
        if month.unknownAmountEvents > 0 { parts.append("?\(month.unknownAmountEvents)") }
        return parts.joined(separator: " ")
    }

    func paint(_ text: String, _ key: MonthView.BoundKey) -> String {
        colour ? Self.ansi(key) + text + "\u{1B}[0m" : text
    }
}
