import SelfBuyDetection

/// `selfbuy report`: one self-contained HTML file (no script, no external font, image or style sheet) with the
/// monthly chart by bound, events per fund type, the top issuers, the events with their evidence, and the near misses.
public struct HTMLReport: Sendable {
    public var data: ReportData
    /// Shown under the title: the period and the filters, as the user gave them.
    public var subtitle: String

    public init(data: ReportData, subtitle: String) {
        self.data = data
        self.subtitle = subtitle
    }

    /// A table of at most this many rows shows every evidence sentence open; a longer one opens them on a click.
    public static let openEvidenceRows = 100

    /// The whole document.
    public func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="generator" content="selfbuy \(SelfBuyVersion.current)">
            <title>基金公司自购 — self-purchase pledges \(HTMLText.escape(periodText))</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <h1>基金公司自购 · Fund-company self-purchase pledges</h1>
            <p class="period">\(HTMLText.escape(subtitle))</p>

            """
        html += figures()
        html += monthSection()
        html += fundTypeSection()
        html += issuerSection()
        html += eventSection()
        html += nearMissSection()
        html += """
            <p class="note">Totals are of pledges as announced (caps, floors, exact amounts), kept apart by bound and \
            never added into one figure; they are not executed subscriptions. Written by selfbuy \
            \(SelfBuyVersion.current).</p>
            </body>
            </html>

            """
        return html
    }

    var periodText: String {
        switch (data.firstMonth, data.lastMonth) {
        case (let first?, let last?) where first == last: return first
        case (let first?, let last?): return "\(first) – \(last)"
        default: return ""
        }
    }

    func amountCell(_ total: MonthView.BoundTotal, _ key: MonthView.BoundKey, unit: AmountUnit) -> String {
        let attributes =
            "class=\"num\" data-bound=\"\(key.rawValue)\" data-yuan=\"\(total.yuan)\" data-events=\"\(total.events)\""
        return total.events == 0
            ? "<td \(attributes)>–</td>" : "<td \(attributes)>\(unit.format(total.yuan)) (\(total.events))</td>"
    }

    func figures() -> String {
        var html = "<ul class=\"figures\">"
        html += "<li><b id=\"event-count\">\(data.totalEvents)</b>events</li>"
        html += "<li><b>\(data.issuerCount)</b>issuers</li>"
        for key in MonthView.BoundKey.allCases {
            let total = data.totals[key] ?? MonthView.BoundTotal()
            let unit: AmountUnit = total.yuan >= 100_000_000 ? .yi : .wan
            html += "<li><b>\(unit.format(total.yuan))</b>\(key.title), \(total.events) events</li>"
        }
        return html + "</ul>\n"
    }

    func monthSection() -> String {
        let unit = ReportSVG.unit(for: data.months)
        var html = "<section class=\"chart-section\" id=\"months\">\n<h2>Pledged amounts per month, by bound</h2>\n"
        html +=
            data.months.isEmpty ? "<p>No dated event in this period.</p>\n" : ReportSVG.monthBars(data.months) + "\n"
        html += "<table class=\"months\"><thead><tr><th>month</th><th class=\"num\">events</th>"
        html += "<th class=\"num\">issuers</th>"
        for key in MonthView.BoundKey.allCases { html += "<th class=\"num\">\(key.title) \(unit.heading)</th>" }
        html += "<th class=\"num\">no amount</th></tr></thead><tbody>\n"
        for month in data.months.filter({ $0.events > 0 }) + (data.undated.map { [$0] } ?? []) {
            html +=
                "<tr class=\"month-row\" data-month=\"\(month.label)\"><td>\(month.label)</td><td class=\"num\">\(month.events)</td>"
            html += "<td class=\"num\">\(month.issuers)</td>"
            for key in MonthView.BoundKey.allCases { html += amountCell(month.total(key), key, unit: unit) }
            html += "<td class=\"num\">\(month.unknownAmountEvents)</td></tr>\n"
        }
        html += "</tbody></table>\n<p class=\"note\">Each bar stacks the month's totals per bound only to draw them; "
        html += "the figures are never added up. (n) is the number of events.</p>\n</section>\n"
        return html
    }

    func fundTypeSection() -> String {
        guard !data.months.isEmpty else { return "" }
        return "<section class=\"chart-section\" id=\"fund-types\">\n<h2>Events per fund type per month</h2>\n"
            + ReportSVG.fundTypeGrid(data.months) + "\n</section>\n"
    }

    func issuerSection() -> String {
        let unit = AmountUnit.wan
        var html = "<section id=\"issuers\">\n<h2>Top issuers of the period</h2>\n"
        html += "<table class=\"issuers\"><thead><tr><th>issuer</th><th class=\"num\">events</th>"
        for key in MonthView.BoundKey.allCases { html += "<th class=\"num\">\(key.title) \(unit.heading)</th>" }
        html += "</tr></thead><tbody>\n"
        for issuer in data.topIssuers {
            html += "<tr><td>\(HTMLText.escape(issuer.issuer))</td><td class=\"num\">\(issuer.events)</td>"
            for key in MonthView.BoundKey.allCases {
                html += amountCell(issuer.totals[key] ?? MonthView.BoundTotal(), key, unit: unit)
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n</section>\n"
    }

    func eventSection() -> String {
        var html = "<section id=\"events\">\n<h2>Events</h2>\n"
        html += "<table class=\"events\"><thead><tr><th>date</th><th>issuer</th><th class=\"num\">amount</th>"
        html += "<th>holding</th><th>fund type</th><th>status</th><th>sources</th><th>evidence</th></tr></thead>"
        html += "<tbody>\n"
        for event in data.events { html += row(event) }
        html += "</tbody></table>\n"
        if !data.unlisted.isEmpty {
            let hidden = data.unlisted.reduce(0) { $0 + $1.events }
            html += "<p class=\"unlisted\">\(hidden) more events are counted above but not listed (the table stops "
            html += "at \(data.events.count) rows); <code>selfbuy list --month YYYY-MM</code> or "
            html += "<code>selfbuy export</code> gives them all:</p>\n<table class=\"unlisted\"><thead><tr>"
            html += "<th>month</th><th class=\"num\">events not listed</th></tr></thead><tbody>\n"
            for (month, count) in data.unlisted {
                html += "<tr><td>\(month)</td><td class=\"num\">\(count)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html + "</section>\n"
    }

    func row(_ event: EventView) -> String {
        let amount = AmountUnit.wan.describe(yuan: event.amountYuan, upper: event.amountUpperYuan, bound: event.bound)
        var html =
            "<tr class=\"event\" id=\"\(HTMLText.escape(event.id))\"><td class=\"nowrap\">\(event.date ?? "undated")</td>"
        html +=
            "<td class=\"nowrap\" title=\"\(HTMLText.escape(event.issuerFull))\">\(HTMLText.escape(event.issuer))</td>"
        html += "<td class=\"num\" data-bound=\"\(event.bound?.rawValue ?? "none")\">\(HTMLText.escape(amount))</td>"
        html += "<td>\(HTMLText.escape(event.holdingPeriod ?? "–"))</td><td>\(event.fundType.rawValue)</td>"
        html += "<td>\(event.status.rawValue)</td><td>"
        for (index, source) in event.sources.enumerated() {
            html += (index > 0 ? " " : "") + HTMLText.link(source.url, text: "[\(index + 1)]")
        }
        let sentence = HTMLText.marked(event.evidence)
        let from = event.evidence.sourceURL.map { HTMLText.link($0, text: $0) } ?? ""
        html +=
            "</td><td><details\(data.events.count <= Self.openEvidenceRows ? " open" : "")><summary>evidence</summary><p class=\"evidence\">\(sentence)</p>"
        html += "<p class=\"evidence-source\">\(from)</p></details>"
        html += "<div class=\"print-evidence\">\(sentence)</div></td></tr>\n"
        return html
    }

    func nearMissSection() -> String {
        var html = "<section id=\"near-misses\">\n<h2>Near misses under review</h2>\n"
        guard !data.nearMisses.isEmpty else {
            return html + "<p>No near miss in this period.</p>\n</section>\n"
        }
        html += "<p class=\"note\">Sentences that looked like a self-purchase but gave no pledge, with the reason "
        html += "(<code>selfbuy review</code>).</p>\n<table class=\"near-misses\"><thead><tr><th>published</th>"
        html += "<th>reason</th><th>issuer</th><th>sentence</th></tr></thead><tbody>\n"
        for miss in data.nearMisses {
            html += "<tr class=\"near-miss\"><td>\(HTMLText.escape(String((miss.published ?? "–").prefix(10))))</td>"
            html += "<td>\(HTMLText.escape(miss.reason))</td><td>\(HTMLText.escape(miss.issuer ?? "–"))</td>"
            html += "<td>\(HTMLText.escape(miss.evidence)) \(HTMLText.link(miss.url, text: "[source]"))</td></tr>\n"
        }
        html += "</tbody></table>\n"
        if data.unlistedNearMisses > 0 {
            html +=
                "<p class=\"unlisted\">\(data.unlistedNearMisses) more near misses: <code>selfbuy review</code>.</p>\n"
        }
        return html + "</section>\n"
    }
}
