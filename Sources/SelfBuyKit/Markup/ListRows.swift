import CLibXML2
import Foundation

/// Finds the rows of a notice list on a page: the largest run of sibling elements of one kind (`li`, `tr`, `dd`, `p`,
/// `div`, or the links themselves) each holding a link and a date, and whether the page has prose outside them.
enum ListRows {
    static let rowNames: Set<String> = ["li", "tr", "dd", "dt", "p", "div", "a"]

    /// A page's list: the XPath of its rows, how many rows have a link and a date, and whether the page holds a
    /// sentence of prose (text ending a sentence with 。) outside the rows and its boilerplate.
    struct Found {
        var rowsXPath: String
        /// The rows are the links themselves (`<a href>…2025-08-26</a>` one after another).
        var rowsAreLinks: Bool
        var datedRows: Int
        var hasProse: Bool
    }

    /// - Parameter isDated: whether a row's text states a full date.
    static func largest(
        in document: MarkupDocument, furniture: MainContent.PageFurniture, isDated: (String) -> Bool
    ) -> Found? {
        guard let root = document.root?.pointer else { return nil }
        var best: (container: xmlNodePtr, name: String, count: Int)?
        visit(root) { element in
            var counts: [String: Int] = [:]
            var child = element.pointee.children
            while let current = child {
                child = current.pointee.next
                guard current.pointee.type == XML_ELEMENT_NODE, let raw = current.pointee.name else { continue }
                let name = String(cString: raw).lowercased()
                guard rowNames.contains(name), name == "a" ? isLink(current) : hasLink(current) else { continue }
                guard let text = rowText(current), isDated(text) else { continue }
                counts[name, default: 0] += 1
            }
            for (name, count) in counts where count > (best?.count ?? 0) { best = (element, name, count) }
        }
        guard let best, let path = xmlGetNodePath(best.container) else { return nil }
        defer { selfbuy_xmlFree(path) }
        let xpath = String(cString: path) + "/" + best.name
        let skipped = furniture.marked
        return Found(
            rowsXPath: xpath, rowsAreLinks: best.name == "a", datedRows: best.count,
            hasProse: hasProse(root, outside: best.container, skipping: skipped))
    }

    /// A row's text, or nil past 900 bytes (a row is a title, a date and maybe a byline, never an article).
    private static func rowText(_ node: xmlNodePtr) -> String? {
        var bytes: [UInt8] = []
        func collect(_ node: xmlNodePtr) -> Bool {
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                    var index = 0
                    while content[index] != 0 {
                        bytes.append(content[index])
                        index += 1
                        if bytes.count > 900 { return false }
                    }
                } else if current.pointee.type == XML_ELEMENT_NODE, !collect(current) {
                    return false
                }
            }
            return true
        }
        guard collect(node) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Visits every element that has at least five element children.
    private static func visit(_ node: xmlNodePtr, _ body: (xmlNodePtr) -> Void) {
        var elements = 0
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                elements += 1
                visit(current, body)
            }
            child = current.pointee.next
        }
        if elements >= 5 { body(node) }
    }

    private static func hasLink(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, isLink(current) || hasLink(current) { return true }
            child = current.pointee.next
        }
        return false
    }

    private static func isLink(_ node: xmlNodePtr) -> Bool {
        guard let name = node.pointee.name, MarkupNode.equals(name, "a"), let href = xmlGetProp(node, "href") else {
            return false
        }
        selfbuy_xmlFree(href)
        return true
    }

    /// A text of twenty characters or more with a 。 outside `container`, scripts and boilerplate: an article.
    private static func hasProse(_ node: xmlNodePtr, outside container: xmlNodePtr, skipping: Set<xmlNodePtr>) -> Bool {
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            if current == container || skipping.contains(current) { continue }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = current.pointee.content else { continue }
                let text = String(cString: content)
                if text.contains("。"), text.unicodeScalars.filter({ !$0.properties.isWhitespace }).count >= 20 {
                    return true
                }
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if PlainText.droppedElements.contains(name) || name == "a" { continue }
                if hasProse(current, outside: container, skipping: skipping) { return true }
            default:
                continue
            }
        }
        return false
    }
}
