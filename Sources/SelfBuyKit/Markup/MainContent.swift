import CLibXML2
import Foundation

/// Finds the main text of an HTML page by text density: the element whose own paragraphs hold the most text that is
/// not link text, outside navigation, headers, footers and sidebars.
enum MainContent {
    static let boilerplateHints = [
        "nav", "menu", "footer", "header", "sidebar", "breadcrumb", "crumb", "comment", "share", "copyright",
        "banner", "toolbar", "related", "recommend", "advert", "login", "search",
    ]
    static let boilerplateElements: Set<String> = ["nav", "header", "footer", "aside", "form"]

    /// The element most likely to be the article body, or nil when the page has no text-bearing element.
    static func best(in document: MarkupDocument) -> MarkupNode? {
        guard let root = document.root else { return nil }
        var scores: [xmlNodePtr: Double] = [:]
        score(root.pointer, into: &scores, boilerplate: false)
        guard let (pointer, value) = scores.max(by: { $0.value < $1.value }), value >= 20 else { return nil }
        return MarkupNode(document: document, pointer: pointer)
    }

    /// Walks the tree, crediting each run of non-link text to its nearest block ancestor in full and to that
    /// ancestor's parent in half. Text under links and inside boilerplate containers earns nothing.
    private static func score(_ node: xmlNodePtr, into scores: inout [xmlNodePtr: Double], boilerplate: Bool) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard !boilerplate, let content = current.pointee.content else { continue }
                let length = Double(
                    String(cString: content).unicodeScalars.filter { !$0.properties.isWhitespace }.count)
                guard length > 0 else { continue }
                let container = blockAncestor(of: current)
                scores[container, default: 0] += length
                if let parent = container.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE {
                    scores[parent, default: 0] += length / 2
                }
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if PlainText.droppedElements.contains(name) || name == "a" || name == "select" { continue }
                score(current, into: &scores, boilerplate: boilerplate || isBoilerplate(current, name: name))
            default:
                continue
            }
        }
    }

    private static func blockAncestor(of node: xmlNodePtr) -> xmlNodePtr {
        var cursor = node.pointee.parent
        while let current = cursor {
            let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if name == "p" || name == "span" || name == "font" || name == "strong" || name == "b" || name == "em"
                || name == "i" || name == "u"
            {
                cursor = current.pointee.parent
                continue
            }
            return current
        }
        return node
    }

    private static func isBoilerplate(_ node: xmlNodePtr, name: String) -> Bool {
        if boilerplateElements.contains(name) { return true }
        let markers = [attribute(node, "class"), attribute(node, "id"), attribute(node, "role")]
            .compactMap { $0?.lowercased() }
            .joined(separator: " ")
        guard !markers.isEmpty else { return false }
        let tokens = markers.split { !$0.isLetter && !$0.isNumber }
        return tokens.contains { token in boilerplateHints.contains { token.hasPrefix($0) } }
    }

    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { selfbuy_xmlFree(value) }
        return String(cString: value)
    }
}
