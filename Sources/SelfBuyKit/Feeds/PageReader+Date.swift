import Foundation

extension PageReader {
    static let dateMetaNames = [
        "article:published_time", "og:release_date", "pubdate", "publishdate", "publish_date", "publishtime",
        "dc.date", "dc.date.issued", "dcterms.created", "date", "firstpublishedtime", "weibo:article:create_at",
        "apub:time",
    ]
    static let dateHints = ["date", "time", "pub", "info", "source", "fbsj", "laiyuan"]
    /// Labels a page puts before its publication date (发布时间：2025-08-26 11:05).
    static let dateLabels = try! NSRegularExpression(pattern: "(发布|发表|发稿|刊发)(时间|日期)\\s*[:：]?\\s*")

    /// The date the page states for its article.
    ///
    /// A `<meta>` date with a time wins; a day-only one gives way to a visible time on the same day. Visible dates are
    /// looked for in elements named for dates, in the blocks between the title's heading and the body, after a
    /// 发布时间 label, and at the top of the body, in that order.
    static func date(
        _ root: MarkupNode, heading: MarkupNode?, body: String, dates: DateParser
    ) throws -> PublishedDate? {
        var metaDate: PublishedDate?
        for meta in try root.select("//meta[@content]") {
            let key = (meta.attribute("name") ?? meta.attribute("property") ?? meta.attribute("itemprop") ?? "")
                .lowercased()
            if dateMetaNames.contains(key), let value = meta.attribute("content"), let parsed = dates.parse(value) {
                metaDate = parsed
                break
            }
        }
        if let metaDate, metaDate.hasTime, !isMidnight(metaDate) { return metaDate }
        let visible = try visibleDate(root, heading: heading, body: body, dates: dates)
        guard let metaDate else { return visible }
        if let visible, visible.hasTime, visible.localDay() == metaDate.localDay() { return visible }
        return metaDate
    }

    private static func visibleDate(
        _ root: MarkupNode, heading: MarkupNode?, body: String, dates: DateParser
    ) throws -> PublishedDate? {
        for element in try root.select("//*[@class or @id]") {
            let markers = ((element.attribute("class") ?? "") + " " + (element.attribute("id") ?? "")).lowercased()
            guard dateHints.contains(where: markers.contains) else { continue }
            let text = element.text
            guard text.count < 400, let found = TextDates.first(in: text, dates: dates) else { continue }
            return found
        }
        if let heading = try heading ?? root.select("(//h1)[1]").first,
            let found = try datesAfter(heading, dates: dates)
        {
            return found
        }
        if let found = labelled(root.text, dates: dates) { return found }
        return TextDates.first(in: String(body.prefix(600)), dates: dates)
    }

    /// The first date in the few hundred characters of page text after the heading.
    private static func datesAfter(_ heading: MarkupNode, dates: DateParser) throws -> PublishedDate? {
        let following = try heading.select("following::text()[position() <= 40]").map(\.text).joined(separator: " ")
        return TextDates.first(in: String(following.prefix(500)), dates: dates)
    }

    /// The date after the first 发布时间/发布日期 label of the page's text.
    private static func labelled(_ text: String, dates: DateParser) -> PublishedDate? {
        let range = NSRange(text.startIndex..., in: text)
        for match in dateLabels.matches(in: text, range: range).prefix(5) {
            guard let end = Range(match.range, in: text)?.upperBound else { continue }
            if let found = TextDates.first(in: String(text[end...].prefix(40)), dates: dates) { return found }
        }
        return nil
    }

    /// A time of exactly 00:00:00 local time is how many CMSs write a day without a time.
    private static func isMidnight(_ date: PublishedDate) -> Bool {
        (date.epochSeconds + Int64(date.offsetSeconds)) % 86_400 == 0
    }
}
