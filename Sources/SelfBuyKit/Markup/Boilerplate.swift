import CLibXML2
import Foundation

/// Finds the parts of a page that are not its article: containers named for navigation, comments or
/// recommendations, blocks whose text is mostly links (related lists, 热点栏目 rows, link tables), and blocks that
/// announce themselves (相关阅读, 你可能会喜欢, 免责声明…).
///
/// Names are matched by whole class or id token, or by a token's first part (`comment-list`, `navBar`), never by
/// prefix: `commentary`, `shareholder-list` and `searchable` are not boilerplate, and `post_header` (a wrapper's
/// name, whose first part is `post`) is not a header.
enum Boilerplate {
    static let hints: Set<String> = [
        "nav", "navbar", "navigation", "menu", "footer", "foot", "header", "sidebar", "side", "breadcrumb", "crumb",
        "crumbs", "comment", "comments", "share", "sharing", "copyright", "banner", "toolbar", "related", "recommend",
        "recommendation", "advert", "ad", "ads", "login", "search", "hot", "hotnews", "guess", "disclaimer", "tags",
        "keywords", "pager", "pagination",
    ]
    static let elements: Set<String> = ["nav", "header", "footer", "aside", "form"]

    /// Headings that open a block of other articles, reader comments or site notices: the block they open, and what
    /// follows them inside an article, is not the article.
    static let sectionMarkers = [
        "相关阅读", "相关新闻", "相关报道", "相关文章", "相关推荐", "相关链接", "延伸阅读", "推荐阅读", "热点栏目", "热点推荐",
        "热点新闻", "热门推荐", "热门文章", "热门评论", "最新评论", "网友评论", "精彩评论", "你可能会喜欢", "你可能喜欢",
        "猜你喜欢", "为你推荐", "更多精彩", "今日推荐", "精彩推荐", "大家都在看",
    ]
    /// Openings of site notices that are never the article, whatever their length.
    static let noticeMarkers = ["免责声明", "特别声明", "郑重声明", "版权声明", "风险提示：", "声明：", "分享到"]
    /// Short trailing lines of a template (editor, keywords) dropped from an article's text.
    static let lineMarkers = ["责任编辑", "编辑：", "编辑:", "关键字", "关键词", "标签：", "标签:", "[责任编辑", "【责任编辑"]

    /// Whether an element is named or made for page furniture.
    static func isHinted(_ node: xmlNodePtr, name: String) -> Bool {
        if elements.contains(name) { return true }
        for attribute in ["class", "id", "role"] {
            guard let value = xmlGetProp(node, attribute) else { continue }
            defer { selfbuy_xmlFree(value) }
            var start = 0
            var index = 0
            while true {
                let byte = value[index]
                if byte == 0 || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    if index > start,
                        matches(UnsafeBufferPointer(start: UnsafePointer(value) + start, count: index - start))
                    {
                        return true
                    }
                    if byte == 0 { break }
                    start = index + 1
                }
                index += 1
            }
        }
        return false
    }

    /// Hints as lower-case ASCII bytes, for matching class and id tokens without making strings of them.
    private static let hintBytes: Set<[UInt8]> = Set(hints.map { Array($0.utf8) })

    /// A class or id token names boilerplate when it, or its first part (up to `-`, `_` or a lower-to-upper case
    /// change), is one of the hints.
    static func matches(_ token: Substring) -> Bool {
        var bytes = Array(token.utf8)
        return bytes.withUnsafeMutableBufferPointer { matches(UnsafeBufferPointer($0)) }
    }

    static func matches(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.count <= 40 else { return false }
        var lowered = [UInt8](repeating: 0, count: token.count)
        var firstPart = token.count
        var previousLower = false
        for (index, byte) in token.enumerated() {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            if firstPart == token.count, index > 0, byte == 0x2D || byte == 0x5F || (previousLower && isUpper) {
                firstPart = index
            }
            previousLower = byte >= 0x61 && byte <= 0x7A
            lowered[index] = isUpper ? byte | 0x20 : byte
        }
        if hintBytes.contains(lowered) { return true }
        return firstPart < token.count && hintBytes.contains(Array(lowered[..<firstPart]))
    }

    /// First characters of every marker: most blocks are ruled out by their first character alone.
    static let markerInitials: Set<Character> = Set(
        (sectionMarkers + noticeMarkers + lineMarkers).compactMap { $0.first })

    /// Whether rendered text opens a block that is not the article: a section heading (short) or a site notice.
    static func opensSection(_ text: String, total: Int) -> Bool {
        total <= 30 && sectionMarkers.contains { text.hasPrefix($0) }
    }

    static func isNotice(_ text: String) -> Bool {
        noticeMarkers.contains { text.hasPrefix($0) }
    }

    static func isTemplateLine(_ text: String, total: Int) -> Bool {
        total <= 40 && lineMarkers.contains { text.hasPrefix($0) }
    }
}
