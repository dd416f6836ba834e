import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("summary --chart draws months with block characters")
struct MonthChartTests {
    static let months: [MonthView] = MonthView.months(
        of: [
            ViewTests.event(id: "a", date: "2025-04-08", amount: 20_000_000, bound: .exact),
            ViewTests.event(id: "b", date: "2025-04-09", amount: 80_000_000, bound: .min),
            ViewTests.event(id: "c", date: "2025-08-25", amount: 32_000_000, bound: .max),
            ViewTests.event(id: "d", date: nil, amount: 220_000_000, bound: .approx),
        ].map(EventView.init))

    /// Terminal columns of a line without its colour codes.
    static func columns(_ line: Substring) -> Int {
        var plain = ""
        var inEscape = false
        for character in line {
            if character == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                if character == "m" { inEscape = false }
            } else {
                plain.append(character)
            }
        }
        return TextTable.displayWidth(plain)
    }

    @Test("no line is wider than the terminal, 万 and 亿 counted as two columns", arguments: [40, 60, 80, 120])
    func widths(width: Int) {
        for unit in AmountUnit.allCases {
            let chart = MonthChart(months: Self.months, unit: unit, width: width, colour: true).render()
            for line in chart.split(separator: "\n") {
                #expect(Self.columns(line) <= max(width, 40), "\(unit) \(width): \(line)")
            }
        }
    }

    @Test("each bound has its own block, bars are proportional, the largest month fills the bar")
    func bars() throws {
        let chart = MonthChart(months: Self.months, unit: .wan, width: 80).render()
        let lines = chart.split(separator: "\n")
        let april = try #require(lines.first { $0.hasPrefix("2025-04") })
        let august = try #require(lines.first { $0.hasPrefix("2025-08") })
        let undated = try #require(lines.first { $0.hasPrefix("undated") })
        let full = undated.filter { $0 == "░" }.count
        // Rounded to whole cells: within one cell of the proportions 1:4 (April) and 10:22 (April to undated).
        #expect(abs(april.filter { $0 == "▓" }.count - 4 * april.filter { $0 == "█" }.count) <= 4)
        #expect(abs(april.filter { "█▓".contains($0) }.count - full * 10 / 22) <= 1)
        #expect(august.contains("▒"))
        #expect(august.hasSuffix("n=1 ≤3,200万"))
        #expect(!chart.contains("\u{1B}["))
    }

    @Test("colour codes only when asked")
    func colour() {
        let chart = MonthChart(months: Self.months, unit: .yi, width: 80, colour: true).render()
        #expect(chart.contains("\u{1B}[34m█"))
        #expect(chart.contains("\u{1B}[0m"))
    }
}
