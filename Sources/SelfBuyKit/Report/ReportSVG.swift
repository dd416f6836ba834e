import SelfBuyDetection

/// The report's charts as inline SVG, drawn here (no script, no library): pledged amounts per month stacked by bound
/// with the count of events on each part, and the events per fund type per month.
enum ReportSVG {
    /// Colours per bound, legible in print and for the common colour-vision deficiencies (blue, orange, green,
    /// purple rather than red against green).
    static func colour(_ key: MonthView.BoundKey) -> String {
        switch key {
        case .exact: return "#1f5fa8"
        case .atLeast: return "#2e8b57"
        case .atMost: return "#e07b00"
        case .approx: return "#7b4fb3"
        }
    }

    /// 万 for periods whose largest month stays under one 亿, else 亿.
    static func unit(for months: [MonthView]) -> AmountUnit {
        let largest = months.map(\.stackedYuan).max() ?? 0
        return largest >= 100_000_000 ? .yi : .wan
    }

    /// A round step for about four gridlines: 1, 2 or 5 times a power of ten yuan.
    static func step(for largest: Int64) -> Int64 {
        guard largest > 0 else { return 10_000_000 }
        let rough = max(Int64(1), largest / 4)
        var power: Int64 = 1
        while power <= rough / 10 { power *= 10 }
        for factor: Int64 in [1, 2, 5, 10] where factor * power >= rough { return factor * power }
        return 10 * power
    }

    /// Bars per month, stacked by bound; each month one `<g class="month" data-month="…">`.
    static func monthBars(_ months: [MonthView]) -> String {
        let unit = unit(for: months)
        let count = max(months.count, 1)
        let column = max(14.0, min(96.0, 900.0 / Double(count)))
        let left = 76.0
        let top = 36.0
        let plotHeight = 260.0
        let rotate = column < 52
        let bottom = rotate ? 70.0 : 40.0
        // Wide enough for the legend however few the months.
        let width = max(620, left + column * Double(count) + 16)
        let height = top + plotHeight + bottom
        let largest = months.map(\.stackedYuan).max() ?? 0
        let step = step(for: largest)
        let lines = max(1, Int((largest + step - 1) / step))
        let scaleTop = Double(step) * Double(lines)
        func y(_ yuan: Int64) -> Double { top + plotHeight - plotHeight * Double(yuan) / scaleTop }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart month-chart" role="img" \
            aria-label="pledged amounts per month, stacked by bound" viewBox="0 0 \(fixed(width)) \(fixed(height))" \
            width="\(fixed(width))" height="\(fixed(height))">

            """
        var legendX = left
        for key in MonthView.BoundKey.allCases {
            svg += "<rect x=\"\(fixed(legendX))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(colour(key))\"/>"
            svg += "<text x=\"\(fixed(legendX + 16))\" y=\"18\" class=\"legend\">\(key.title)</text>"
            legendX += 90
        }
        svg += "<text x=\"\(fixed(legendX + 10))\" y=\"18\" class=\"legend note\">\(unit.heading); n = events</text>\n"
        for line in 0...lines {
            let value = step * Int64(line)
            let lineY = y(value)
            svg += "<line x1=\"\(fixed(left))\" x2=\"\(fixed(width - 16))\" y1=\"\(fixed(lineY))\" "
            svg += "y2=\"\(fixed(lineY))\" class=\"grid\"/>"
            svg += "<text x=\"\(fixed(left - 6))\" y=\"\(fixed(lineY + 4))\" class=\"axis\" text-anchor=\"end\">"
            svg += "\(HTMLText.escape(unit.format(value)))</text>\n"
        }
        for (index, month) in months.enumerated() {
            let x = left + column * Double(index)
            let barX = x + column * 0.18
            let barWidth = column * 0.64
            svg += "<g class=\"month\" data-month=\"\(month.label)\" data-events=\"\(month.events)\">"
            var base: Int64 = 0
            for key in MonthView.BoundKey.allCases {
                let total = month.total(key)
                guard total.events > 0 else { continue }
                let (next, overflow) = base.addingReportingOverflow(total.yuan)
                let upper = overflow ? Int64.max : next
                let barTop = y(upper)
                let barHeight = max(1, y(base) - barTop)
                svg += "<rect class=\"bar bound-\(key.rawValue)\" data-bound=\"\(key.rawValue)\" "
                svg += "data-yuan=\"\(total.yuan)\" data-events=\"\(total.events)\" x=\"\(fixed(barX))\" "
                svg += "y=\"\(fixed(barTop))\" width=\"\(fixed(barWidth))\" height=\"\(fixed(barHeight))\" "
                svg += "fill=\"\(colour(key))\"><title>\(month.label) \(key.title): "
                svg += "\(HTMLText.escape(unit.format(total.yuan)))元, \(total.events) events</title></rect>"
                if barHeight >= 14, barWidth >= 14 {
                    svg += "<text class=\"count\" x=\"\(fixed(barX + barWidth / 2))\" "
                    svg += "y=\"\(fixed(barTop + barHeight / 2 + 4))\" text-anchor=\"middle\">\(total.events)</text>"
                }
                base = upper
            }
            // The count above a bar needs room; the chart of a decade leaves it to the tooltip and the table.
            if month.events > 0, column >= 30 {
                svg += "<text class=\"events\" x=\"\(fixed(x + column / 2))\" y=\"\(fixed(y(base) - 5))\" "
                svg += "text-anchor=\"middle\">n=\(month.events)</text>"
            }
            let labelY = top + plotHeight + 16
            if rotate {
                svg += "<text class=\"axis\" transform=\"translate(\(fixed(x + column / 2)),\(fixed(labelY))) "
                svg += "rotate(-45)\" text-anchor=\"end\">\(month.label)</text>"
            } else {
                svg += "<text class=\"axis\" x=\"\(fixed(x + column / 2))\" y=\"\(fixed(labelY))\" "
                svg += "text-anchor=\"middle\">\(month.label)</text>"
            }
            svg += "</g>\n"
        }
        svg += "<line x1=\"\(fixed(left))\" x2=\"\(fixed(width - 16))\" y1=\"\(fixed(y(0)))\" y2=\"\(fixed(y(0)))\" "
        svg += "class=\"baseline\"/>\n</svg>"
        return svg
    }

    /// Events per fund type (rows) per month (columns), shaded by count.
    static func fundTypeGrid(_ months: [MonthView]) -> String {
        let types = FundType.allCases.filter { type in months.contains { $0.byFundType[type] != nil } }
        let count = max(months.count, 1)
        let column = max(14.0, min(96.0, 900.0 / Double(count)))
        let left = 96.0
        let top = 12.0
        let row = 26.0
        let rotate = column < 52
        let width = left + column * Double(count) + 16
        let height = top + row * Double(max(types.count, 1)) + (rotate ? 64 : 28)
        let largest = max(1, months.flatMap { $0.byFundType.values }.max() ?? 1)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart fund-type-chart" role="img" \
            aria-label="events per fund type per month" viewBox="0 0 \(fixed(width)) \(fixed(height))" \
            width="\(fixed(width))" height="\(fixed(height))">

            """
        for (rowIndex, type) in types.enumerated() {
            let rowY = top + row * Double(rowIndex)
            svg += "<g class=\"fund-type\" data-fund-type=\"\(type.rawValue)\">"
            svg += "<text class=\"axis\" x=\"\(fixed(left - 8))\" y=\"\(fixed(rowY + row / 2 + 4))\" "
            svg += "text-anchor=\"end\">\(type.rawValue)</text>"
            for (index, month) in months.enumerated() {
                let value = month.byFundType[type] ?? 0
                let x = left + column * Double(index)
                let shade = value == 0 ? 0.0 : 0.15 + 0.85 * Double(value) / Double(largest)
                svg += "<rect class=\"cell\" data-month=\"\(month.label)\" data-events=\"\(value)\" "
                svg += "x=\"\(fixed(x + 1))\" y=\"\(fixed(rowY + 1))\" width=\"\(fixed(column - 2))\" "
                svg += "height=\"\(fixed(row - 2))\" fill=\"#1f5fa8\" fill-opacity=\"\(fixed(shade))\">"
                svg += "<title>\(month.label) \(type.rawValue): \(value) events</title></rect>"
                if value > 0, column >= 18 {
                    let ink = shade > 0.55 ? "#ffffff" : "#10243e"
                    svg += "<text class=\"count\" x=\"\(fixed(x + column / 2))\" y=\"\(fixed(rowY + row / 2 + 4))\" "
                    svg += "text-anchor=\"middle\" style=\"fill: \(ink)\">\(value)</text>"
                }
            }
            svg += "</g>\n"
        }
        let labelY = top + row * Double(max(types.count, 1)) + 16
        for (index, month) in months.enumerated() {
            let x = left + column * Double(index) + column / 2
            if rotate {
                svg += "<text class=\"axis\" transform=\"translate(\(fixed(x)),\(fixed(labelY))) rotate(-45)\" "
                svg += "text-anchor=\"end\">\(month.label)</text>"
            } else {
                svg += "<text class=\"axis\" x=\"\(fixed(x))\" y=\"\(fixed(labelY))\" text-anchor=\"middle\">"
                svg += "\(month.label)</text>"
            }
        }
        return svg + "\n</svg>"
    }

    /// A coordinate with at most one decimal.
    static func fixed(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        guard tenths.isFinite, abs(tenths) < 1e12 else { return "0" }
        let whole = Int64(tenths)
        return whole % 10 == 0 ? String(whole / 10) : String(Double(whole) / 10)
    }
}
