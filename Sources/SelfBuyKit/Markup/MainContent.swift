import CLibXML2
import Foundation

/// Finds the main text of an HTML page by text density: the element whose own paragraphs hold the most text that is
/// not link text, outside navigation, headers, footers and sidebars.
enum MainContent {
    /// The element most likely to be the article body, or nil when the page has no text-bearing element.
    static func best(in document: MarkupDocument, furniture: PageFurniture? = nil) -> MarkupNode? {
        guard let root = document.root else { return nil }
        let skipped = (furniture ?? PageFurniture(document)).marked
        var scores: [xmlNodePtr: Double] = [:]
        score(root.pointer, into: &scores, skipping: skipped)
        guard let (pointer, value) = scores.max(by: { $0.value < $1.value }), value >= 20 else { return nil }
        return MarkupNode(document: document, pointer: pointer)
    }

    /// What is not article text on a whole page (``Boilerplate/marks(under:article:)``), found once and shared by the
    /// list test and the body choice.
    struct PageFurniture {
        let marked: Set<xmlNodePtr>

        init(_ document: MarkupDocument) {
            marked = document.root.map { Boilerplate.marks(under: $0.pointer, article: false) } ?? []
        }
    }

    /// The article's text: the body rendered without the related lists, comments, notices and template lines
    /// inside it.
    static func text(of body: MarkupNode) -> String {
        PlainText.render(body, skipping: Boilerplate.marks(under: body.pointer, article: true))
    }

    /// Walks the tree, crediting each run of non-link text to its nearest block ancestor in full and to that
    /// ancestor's parent in half. Text under links and inside boilerplate (``Boilerplate``) earns nothing.
    private static func score(_ node: xmlNodePtr, into scores: inout [xmlNodePtr: Double], skipping: Set<xmlNodePtr>) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            if skipping.contains(current) { continue }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = current.pointee.content else { continue }
                let length = Double(Boilerplate.visibleLength(content))
                guard length > 0 else { continue }
                let container = blockAncestor(of: current)
                scores[container, default: 0] += length
                if let parent = container.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE {
                    scores[parent, default: 0] += length / 2
                }
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if PlainText.droppedElements.contains(name) || name == "a" || name == "select" { continue }
                score(current, into: &scores, skipping: skipping)
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
}
