import Foundation

extension PageReader {
    /// Separators between an article's title and the site's name in `<title>` (文章标题_站名, 标题 - 站名, 标题|站名).
    static let titleSeparators = ["_", " - ", "--", "-", "|", "｜", " — ", "——", " – "]
    /// Words that make a short `<title>` segment a site or channel name.
    static let siteWords = ["网", "站", "频道", "官网", "首页", "中心", "报", "社", "门户", "在线", "官方", "新闻"]

    /// The page's title and the heading it came from.
    ///
    /// A heading wins when `<title>` or `og:title` starts with it (the heading is the title, the rest a site suffix);
    /// otherwise the heading that opens the chosen body; otherwise `og:title`, then `<title>` without a site suffix.
    /// Logo and brand headings (an image or a link home and little else, or the site's own name) are skipped.
    static func title(_ root: MarkupNode, body: MarkupNode?) throws -> (text: String?, heading: MarkupNode?) {
        let pageTitle = try root.string("//title").map(Self.oneLine)
        let ogTitle = try root.string("//meta[@property='og:title']/@content").map(Self.oneLine)
        // The segments after a separator in <title> name the site or channel too (a heading that says 示例证券网 is
        // its logo, not the article's title).
        let siteNames = try siteNames(root) + (pageTitle.map(trailingSegments) ?? [])
        let headings = try root.select("(//h1|//h2|//h3|//h4|//h5|//h6)[position() <= 60]").filter {
            !isBrand($0, siteNames: siteNames)
        }
        let stated = [ogTitle, pageTitle].compactMap { $0 }.filter { !$0.isEmpty }
        var best: (MarkupNode, String)?
        for heading in headings {
            let text = oneLine(heading.text)
            guard text.count >= 4, text.count <= 200 else { continue }
            let matches = stated.contains { title in
                title.hasPrefix(text) || text.hasPrefix(title) || commonPrefix(title, text) * 5 >= text.count * 4
            }
            if matches, text.count > (best?.1.count ?? 0) { best = (heading, text) }
        }
        if let best { return (best.1, best.0) }
        if let body, let opening = try openingHeading(of: body, siteNames: siteNames) {
            return (oneLine(opening.text), opening)
        }
        for stated in [ogTitle, pageTitle] {
            guard let stated, !stated.isEmpty, stated.count <= 200 else { continue }
            let title = strippingSite(stated, siteNames)
            return (title, try element(showing: title, in: root))
        }
        return (headings.first.map { oneLine($0.text) }, headings.first)
    }

    /// The element whose own text is the title (a headline in a `<div>`), for finding the date under it.
    static func element(showing title: String, in root: MarkupNode) throws -> MarkupNode? {
        let quote = title.contains("'") ? "\"" : "'"
        guard !title.contains(quote) else { return nil }
        return try root.select("(//body//text()[normalize-space(.)=\(quote)\(title)\(quote)])[1]/..").first
    }

    /// The site's name as the page states it: `og:site_name`, `application-name`, a logo's `alt`.
    static func siteNames(_ root: MarkupNode) throws -> [String] {
        let queries = [
            "//meta[@property='og:site_name']/@content", "//meta[@name='application-name']/@content",
            "//*[contains(@class,'logo') or contains(@id,'logo')]//img/@alt", "//a[@href='/']//img/@alt",
        ]
        return try queries.compactMap { try root.string($0).map(oneLine) }.filter { $0.count >= 2 }
    }

    /// A heading that is a logo or a brand: the site's name, or an image or a link home with at most a few words.
    static func isBrand(_ heading: MarkupNode, siteNames: [String]) -> Bool {
        let text = oneLine(heading.text)
        if text.isEmpty { return true }
        if siteNames.contains(where: { $0 == text || $0.contains(text) }) { return true }
        guard text.count <= 8 else { return false }
        let home = ".//img | .//a[@href='/' or @href='./' or @href='index.html' or @href='/index.html']"
        return (try? heading.select(home).isEmpty == false) ?? false
    }

    /// The heading just before the body's first text, or the first one inside the body.
    static func openingHeading(of body: MarkupNode, siteNames: [String]) throws -> MarkupNode? {
        let inside = try body.select("(.//h1|.//h2|.//h3)[1]")
        let before = try body.select("(preceding::h1|preceding::h2|preceding::h3)[last()]")
        for heading in inside + before where !isBrand(heading, siteNames: siteNames) {
            let text = oneLine(heading.text)
            if text.count >= 4, text.count <= 200 { return heading }
        }
        return nil
    }

    /// The segments of a `<title>` after its first separator (标题_频道_站名 → 频道, 站名).
    static func trailingSegments(_ title: String) -> [String] {
        var segments: [String] = []
        var text = title
        while let range = titleSeparators.compactMap({ text.range(of: $0, options: .backwards) }).max(by: {
            $0.lowerBound < $1.lowerBound
        }) {
            let tail = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            if tail.count >= 2 { segments.append(tail) }
            text = String(text[..<range.lowerBound])
        }
        return segments
    }

    /// `<title>` without a trailing site or channel name (标题_站名, 标题 - 频道 - 站名).
    static func strippingSite(_ title: String, _ siteNames: [String]) -> String {
        var text = title
        while true {
            var cut: String?
            for separator in titleSeparators {
                guard let range = text.range(of: separator, options: .backwards) else { continue }
                let head = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
                let tail = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
                guard head.count >= 4, tail.count <= 24 else { continue }
                let isSite =
                    tail.isEmpty || siteNames.contains { $0.contains(tail) || tail.contains($0) }
                    || siteWords.contains { tail.contains($0) }
                if isSite, head.count > (cut?.count ?? 0) { cut = head }
            }
            guard let cut else { return text }
            text = cut
        }
    }

    static func oneLine(_ text: String) -> String {
        PlainText.normalize(text).replacingOccurrences(of: "\n", with: " ")
    }

    static func commonPrefix(_ first: String, _ second: String) -> Int {
        zip(first, second).prefix { $0 == $1 }.count
    }
}
