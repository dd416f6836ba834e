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
            let text = String(cString: value)
            for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) where matches(token) {
                return true
            }
        }
        return false
    }

    /// A class or id token names boilerplate when it, or its first part (up to `-`, `_` or a lower-to-upper case
    /// change), is one of the hints.
    static func matches(_ token: Substring) -> Bool {
        if hints.contains(token.lowercased()) { return true }
        var end = token.startIndex
        var previousLower = false
        while end < token.endIndex {
            let character = token[end]
            if character == "-" || character == "_" || (previousLower && character.isUppercase) { break }
            previousLower = character.isLowercase
            end = token.index(after: end)
        }
        return end < token.endIndex && hints.contains(token[..<end].lowercased())
    }

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
